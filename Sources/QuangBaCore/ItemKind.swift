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

    public static func < (a: ItemKind, b: ItemKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
