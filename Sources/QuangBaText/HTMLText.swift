/// The one HTML escaper (the site's templates, the coverage report of `quangba status`): text
/// made safe in element content and in quoted attribute values, double or single quotes. `< >
/// & " '` become character references and the characters XML forbids U+FFFD (see
/// `MarkupEscape`); everything else passes byte for byte.
public enum HTMLText {
    public static func append(_ text: String, to out: inout [UInt8]) { MarkupEscape.append(text, to: &out, .html) }

    public static func escape(_ text: String) -> String { MarkupEscape.escape(text, .html) }
}
