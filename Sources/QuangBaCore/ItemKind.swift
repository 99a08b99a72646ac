/// The kinds of content a province publishes. The raw value is the folder name under content/.
public enum ItemKind: String, CaseIterable, Hashable, Sendable, Comparable {
    case article, clarification, media, project, event, publication

    /// Translatable front-matter fields besides `title` and `summary`, in their canonical order.
    public var extraFields: [String] {
        switch self {
        case .article, .clarification, .publication: []
        case .media: ["caption", "alt", "description"]
        case .project: ["objective", "scale", "incentives"]
        case .event: ["place"]
        }
    }

    /// Every translatable field in canonical order (the order `source_hash` is computed in).
    public var translatableFields: [String] { ["title", "summary"] + extraFields }

    /// The longest a field may be, in Unicode code points of its NFC text, where the site shows
    /// it in a space of fixed size: titles in cards, feeds and search results; summaries as page
    /// descriptions; alt texts read aloud; captions under photos; places in event lists.
    /// `quangba validate` warns past it, and XLIFF files tell translators.
    public func maxLength(of field: String) -> Int? {
        switch field {
        case "title": 120
        case "summary": 300
        case "alt": 250
        case "caption": 200
        case "place": 120
        default: nil
        }
    }

    public static func < (a: ItemKind, b: ItemKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
