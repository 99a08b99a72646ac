/// The one XML escaper (the export, OAI-PMH, XLIFF, and the site's sitemaps and feeds): `< > &
/// "` become references everywhere (so `]]>` cannot end anything), carriage returns too, and
/// in attributes tabs and line feeds; characters XML 1.0 forbids become U+FFFD (see
/// `MarkupEscape`), so no input can make a document ill-formed.
public enum XMLText {
    public static func escape(_ text: String, attribute: Bool = false) -> String {
        MarkupEscape.escape(text, attribute ? .xmlAttribute : .xmlText)
    }

    public static func append(_ text: String, to out: inout [UInt8], attribute: Bool = false) {
        MarkupEscape.append(text, to: &out, attribute ? .xmlAttribute : .xmlText)
    }
}
