import QuangBaCore

/// Where everything lives in the built site (item pages and files: `PublicPath`, shared with
/// the export). Paths are relative to the output folder, use `/`,
/// and name folders with a trailing slash (their page is `index.html` inside).
enum SitePaths {
    static func language(_ l: LanguageCode) -> String { PublicPath.language(l) }
    static func section(_ kind: ItemKind) -> String { PublicPath.section(kind) }

    static func listing(_ kind: ItemKind, _ l: LanguageCode, page: Int = 1) -> String {
        paged(language(l) + section(kind) + "/", page)
    }

    static func item(_ kind: ItemKind, _ id: ItemID, _ l: LanguageCode) -> String { PublicPath.item(kind, id, l) }

    static func topic(_ code: String, _ l: LanguageCode, page: Int = 1) -> String { paged(language(l) + "topics/" + code + "/", page) }
    static func topics(_ l: LanguageCode) -> String { language(l) + "topics/" }
    static func unit(_ code: String, _ l: LanguageCode, page: Int = 1) -> String { paged(language(l) + "units/" + code + "/", page) }
    static func units(_ l: LanguageCode) -> String { language(l) + "units/" }
    static func feed(_ l: LanguageCode) -> String { language(l) + "feed.xml" }
    static func notFound(_ l: LanguageCode) -> String { language(l) + "404.html" }
    static func sitemap(_ l: LanguageCode) -> String { "sitemap-" + l.rawValue.lowercased() + ".xml" }
    static func file(_ id: ItemID, _ name: String) -> String { PublicPath.file(id, name) }
    static func contact(_ l: LanguageCode) -> String { language(l) + "contact/" }
    static func accessibility(_ l: LanguageCode) -> String { language(l) + "accessibility/" }
    static func privacy(_ l: LanguageCode) -> String { language(l) + "privacy/" }
    static func asset(_ name: String) -> String { "assets/" + name }
    /// Where browsers look for icons without being told: the site's root.
    static let touchIcon = "apple-touch-icon.png"
    static let favicon = "favicon.ico"
    static let stylesheet = "assets/site.css"
    static let script = "assets/site.js"

    static func paged(_ base: String, _ page: Int) -> String { page <= 1 ? base : base + "page/\(page)/" }

    /// The file a path is written to: folders get their `index.html`.
    static func file(for path: String) -> String { path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path }

    /// How many folders down from the site root the page at `path` is.
    /// Counts the non-empty names that a `/` closes (a file name after the last one is not a
    /// folder), over the bytes: every link of every page asks.
    static func depth(_ path: String) -> Int {
        var depth = 0, inName = false
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if inName { depth += 1 }
                inName = false
            } else {
                inName = true
            }
        }
        return depth
    }

    /// A link from the page at `from` to `to`, relative, so the site works under any base path
    /// and from a local copy.
    static func href(from: String, to: String) -> String {
        let link = String(repeating: "../", count: depth(from)) + to
        return link.isEmpty ? "./" : link
    }

    static func absolute(_ base: String, _ path: String) -> String { PublicPath.absolute(base, path) }

    /// A link from the site's root folder on any host (`/assets/site.css`, or under the base
    /// URL's path): for pages served at any URL, such as the 404 pages.
    static func rooted(_ base: String, _ path: String) -> String {
        // The base URL's path: what follows `scheme://host`.
        let afterScheme = base.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        let basePath = afterScheme.count == 4 ? "/" + afterScheme[3] : "/"
        return (basePath.hasSuffix("/") ? basePath : basePath + "/") + path
    }
}
