import QuangBaContent
import QuangBaCore
import QuangBaText
import QuangBaXML

/// Sitemaps (sitemaps.org 0.9 with xhtml:link alternates), Atom feeds (RFC 4287) and robots.txt;
/// the XML through the one XML writer, so no value can break a document's structure.
extension PageRenderer {
    /// One URL set per language: every page with its own language version (fallback pages point
    /// their canonical at the original and are left out), with its alternates.
    func sitemap(_ l: LanguageCode, listings: [String]) throws -> [UInt8] {
        try XMLStreamWriter.document { w in
            try w.start("urlset")
            try w.attribute("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")
            try w.attribute("xmlns:xhtml", "http://www.w3.org/1999/xhtml")
            try w.text("\n")
            func url(_ path: String, lastmod: Timestamp?, alternates: [(String, String)]) throws {
                try w.start("url")
                try w.element("loc", SitePaths.absolute(baseURL, path))
                if let lastmod { try w.element("lastmod", lastmod.iso8601) }
                for (lang, p) in alternates {
                    try w.empty("xhtml:link", attributes: [("rel", "alternate"), ("hreflang", lang), ("href", SitePaths.absolute(baseURL, p))])
                }
                try w.end()
                try w.text("\n")
            }
            for path in listings {
                let set = everyLanguage { other in SitePaths.language(other) + path.dropFirst(SitePaths.language(l).count) }
                try url(path, lastmod: nil, alternates: set.alternates.map { ($0.hreflang, $0.path) })
            }
            for v in (content.views[l] ?? []).sorted(by: { $0.id.rawValue < $1.id.rawValue }) where !v.isFallback {
                var alternates = v.languages.map { ($0.rawValue, SitePaths.item(v.kind, v.id, $0)) }
                alternates.append(("x-default", SitePaths.item(v.kind, v.id, v.languages.contains(source) ? source : v.languages[0])))
                try url(v.path, lastmod: v.item.updated, alternates: alternates)
            }
            try w.end()
        }
    }

    func sitemapIndex() throws -> [UInt8] {
        try XMLStreamWriter.document { w in
            try w.start("sitemapindex")
            try w.attribute("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")
            try w.text("\n")
            for l in languages {
                try w.start("sitemap")
                try w.element("loc", SitePaths.absolute(baseURL, SitePaths.sitemap(l)))
                if let newest = (content.views[l] ?? []).map(\.item.updated).max() { try w.element("lastmod", newest.iso8601) }
                try w.end()
                try w.text("\n")
            }
            try w.end()
        }
    }

    func robots() -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(SitePaths.absolute(baseURL, "sitemap.xml"))\n"
    }

    static let feedSize = 20

    /// The latest items of a language as an Atom feed.
    func feed(_ l: LanguageCode) throws -> [UInt8] {
        let t = strings[l]!
        let entries = Array((content.views[l] ?? []).prefix(Self.feedSize))
        let feedURL = SitePaths.absolute(baseURL, SitePaths.feed(l))
        let updated = entries.map(\.item.updated).max() ?? Timestamp(secondsSince1970: 0)
        return try XMLStreamWriter.document { w in
            /// An element on a line of its own.
            func line(_ name: String, _ value: String) throws { try w.element(name, value); try w.text("\n") }
            func author(_ name: String) throws {
                try w.start("author")
                try w.element("name", name)
                try w.end()
                try w.text("\n")
            }
            func link(_ attributes: [(String, String)]) throws { try w.empty("link", attributes: attributes); try w.text("\n") }
            try w.start("feed")
            try w.attribute("xmlns", "http://www.w3.org/2005/Atom")
            try w.attribute("xml:lang", l.rawValue)
            try w.text("\n")
            try line("id", feedURL)
            try line("title", t.format("feed_title", ["site": siteName(l)]))
            try line("subtitle", siteDescription(l))
            try line("updated", updated.iso8601)
            try author(siteName(l))
            try link([("rel", "self"), ("type", "application/atom+xml"), ("href", feedURL)])
            try link([("rel", "alternate"), ("type", "text/html"), ("hreflang", l.rawValue), ("href", SitePaths.absolute(baseURL, SitePaths.language(l)))])
            for v in entries {
                let url = SitePaths.absolute(baseURL, v.path)
                try w.start("entry")
                if v.isFallback { try w.attribute("xml:lang", v.text.language.rawValue) }
                try w.text("\n")
                try line("id", url)
                try line("title", v.title)
                try line("published", v.date.iso8601)
                try line("updated", v.item.updated.iso8601)
                try author(unitName(v.item.unit, l))
                try link([("rel", "alternate"), ("type", "text/html"), ("href", url)])
                try w.empty("category", attributes: [("term", v.kind.rawValue), ("label", t["kind_\(v.kind.rawValue)"])])
                try w.text("\n")
                if let s = v.text.summary, !s.isEmpty { try line("summary", s) }
                try w.end()
                try w.text("\n")
            }
            try w.end()
        }
    }
}
