import QuangBaContent
import QuangBaCore
import QuangBaText

/// Sitemaps (sitemaps.org 0.9 with xhtml:link alternates), Atom feeds (RFC 4287) and robots.txt.
extension PageRenderer {
    /// One URL set per language: every page with its own language version (fallback pages point
    /// their canonical at the original and are left out), with its alternates.
    func sitemap(_ l: LanguageCode, listings: [String]) -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

        """
        func url(_ path: String, lastmod: Timestamp?, alternates: [(String, String)]) {
            out += "<url><loc>\(XMLText.escape(SitePaths.absolute(baseURL, path)))</loc>"
            if let lastmod { out += "<lastmod>\(lastmod.iso8601)</lastmod>" }
            for (lang, p) in alternates {
                out += "<xhtml:link rel=\"alternate\" hreflang=\"\(lang)\" href=\"\(XMLText.escape(SitePaths.absolute(baseURL, p), attribute: true))\"/>"
            }
            out += "</url>\n"
        }
        for path in listings {
            let set = everyLanguage { other in SitePaths.language(other) + path.dropFirst(SitePaths.language(l).count) }
            url(path, lastmod: nil, alternates: set.alternates.map { ($0.hreflang, $0.path) })
        }
        for v in (content.views[l] ?? []).sorted(by: { $0.id.rawValue < $1.id.rawValue }) where !v.isFallback {
            var alternates = v.languages.map { ($0.rawValue, SitePaths.item(v.kind, v.id, $0)) }
            alternates.append(("x-default", SitePaths.item(v.kind, v.id, v.languages.contains(source) ? source : v.languages[0])))
            url(v.path, lastmod: v.item.updated, alternates: alternates)
        }
        return out + "</urlset>\n"
    }

    func sitemapIndex() -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

        """
        for l in languages {
            out += "<sitemap><loc>\(XMLText.escape(SitePaths.absolute(baseURL, SitePaths.sitemap(l))))</loc>"
            if let newest = (content.views[l] ?? []).map(\.item.updated).max() { out += "<lastmod>\(newest.iso8601)</lastmod>" }
            out += "</sitemap>\n"
        }
        return out + "</sitemapindex>\n"
    }

    func robots() -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(SitePaths.absolute(baseURL, "sitemap.xml"))\n"
    }

    static let feedSize = 20

    /// The latest items of a language as an Atom feed.
    func feed(_ l: LanguageCode) -> String {
        let t = strings[l]!
        let entries = Array((content.views[l] ?? []).prefix(Self.feedSize))
        let feedURL = SitePaths.absolute(baseURL, SitePaths.feed(l))
        let updated = entries.map(\.item.updated).max() ?? Timestamp(secondsSince1970: 0)
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(l.rawValue)">
        <id>\(XMLText.escape(feedURL))</id>
        <title>\(XMLText.escape(t.format("feed_title", ["site": siteName(l)])))</title>
        <subtitle>\(XMLText.escape(siteDescription(l)))</subtitle>
        <updated>\(updated.iso8601)</updated>
        <author><name>\(XMLText.escape(siteName(l)))</name></author>
        <link rel="self" type="application/atom+xml" href="\(XMLText.escape(feedURL, attribute: true))"/>
        <link rel="alternate" type="text/html" hreflang="\(l.rawValue)" href="\(XMLText.escape(SitePaths.absolute(baseURL, SitePaths.language(l)), attribute: true))"/>

        """
        for v in entries {
            let url = SitePaths.absolute(baseURL, v.path)
            out += "<entry"
            if v.isFallback { out += " xml:lang=\"\(v.text.language.rawValue)\"" }
            out += ">\n<id>\(XMLText.escape(url))</id>\n<title>\(XMLText.escape(v.title))</title>\n"
            out += "<published>\(v.date.iso8601)</published>\n<updated>\(v.item.updated.iso8601)</updated>\n"
            out += "<author><name>\(XMLText.escape(unitName(v.item.unit, l)))</name></author>\n"
            out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escape(url, attribute: true))\"/>\n"
            out += "<category term=\"\(v.kind.rawValue)\" label=\"\(XMLText.escape(t["kind_\(v.kind.rawValue)"], attribute: true))\"/>\n"
            if let s = v.text.summary, !s.isEmpty { out += "<summary>\(XMLText.escape(s))</summary>\n" }
            out += "</entry>\n"
        }
        return out + "</feed>\n"
    }
}
