import QuangBaCore

/// Where everything lives in the built site. Paths are relative to the output folder, use `/`,
/// and name folders with a trailing slash (their page is `index.html` inside).
enum SitePaths {
    /// The folder of a language: `vi/`, `en/`, `zh-hans/`, …
    static func language(_ l: LanguageCode) -> String { l.rawValue.lowercased() + "/" }

    /// The section of each kind, as it appears in URLs.
    static func section(_ kind: ItemKind) -> String {
        switch kind {
        case .article: "news"
        case .clarification: "clarifications"
        case .media: "media"
        case .project: "projects"
        case .event: "events"
        case .publication: "publications"
        }
    }

    static func listing(_ kind: ItemKind, _ l: LanguageCode, page: Int = 1) -> String {
        paged(language(l) + section(kind) + "/", page)
    }

    static func item(_ kind: ItemKind, _ id: ItemID, _ l: LanguageCode) -> String {
        language(l) + section(kind) + "/" + id.rawValue + "/"
    }

    static func topic(_ code: String, _ l: LanguageCode, page: Int = 1) -> String { paged(language(l) + "topics/" + code + "/", page) }
    static func topics(_ l: LanguageCode) -> String { language(l) + "topics/" }
    static func unit(_ code: String, _ l: LanguageCode, page: Int = 1) -> String { paged(language(l) + "units/" + code + "/", page) }
    static func units(_ l: LanguageCode) -> String { language(l) + "units/" }
    static func gallery(_ l: LanguageCode) -> String { language(l) + "gallery/" }
    static func feed(_ l: LanguageCode) -> String { language(l) + "feed.xml" }
    static func notFound(_ l: LanguageCode) -> String { language(l) + "404.html" }
    static func sitemap(_ l: LanguageCode) -> String { "sitemap-" + l.rawValue.lowercased() + ".xml" }
    /// A stored file (photo, PDF) of an item, shared by every language.
    static func file(_ id: ItemID, _ name: String) -> String { "files/" + id.rawValue + "/" + name }
    static let stylesheet = "assets/site.css"
    static let script = "assets/site.js"

    static func paged(_ base: String, _ page: Int) -> String { page <= 1 ? base : base + "page/\(page)/" }

    /// The file a path is written to: folders get their `index.html`.
    static func file(for path: String) -> String { path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path }

    /// How many folders down from the site root the page at `path` is.
    static func depth(_ path: String) -> Int {
        let dir = path.hasSuffix("/") ? Substring(path) : path[..<(path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex)]
        return dir.split(separator: "/", omittingEmptySubsequences: true).count
    }

    /// A link from the page at `from` to `to`, relative, so the site works under any base path
    /// and from a local copy.
    static func href(from: String, to: String) -> String {
        let link = String(repeating: "../", count: depth(from)) + to
        return link.isEmpty ? "./" : link
    }

    /// The absolute URL of a path under the site's base URL.
    static func absolute(_ base: String, _ path: String) -> String {
        (base.hasSuffix("/") ? base : base + "/") + path
    }
}
