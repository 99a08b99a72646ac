/// Where an item's public page lives, relative to the site's base URL. One scheme for the site
/// and for everything that points at it (the XML export, OAI-PMH identifiers' page URLs).
public enum PublicPath {
    /// The folder of a language: `vi/`, `en/`, `zh-hans/`, …
    public static func language(_ l: LanguageCode) -> String { l.rawValue.lowercased() + "/" }

    /// The section of each kind, as it appears in URLs.
    public static func section(_ kind: ItemKind) -> String {
        switch kind {
        case .article: "news"
        case .clarification: "clarifications"
        case .media: "media"
        case .project: "projects"
        case .event: "events"
        case .publication: "publications"
        }
    }

    /// The page of an item in a language: `en/news/cho-ky-lua/`.
    public static func item(_ kind: ItemKind, _ id: ItemID, _ l: LanguageCode) -> String {
        language(l) + section(kind) + "/" + id.rawValue + "/"
    }

    /// A stored file (photo, PDF) of an item, shared by every language.
    public static func file(_ id: ItemID, _ name: String) -> String { "files/" + id.rawValue + "/" + name }

    /// The absolute URL of a path under the base URL.
    public static func absolute(_ base: String, _ path: String) -> String {
        (base.hasSuffix("/") ? base : base + "/") + path
    }
}
