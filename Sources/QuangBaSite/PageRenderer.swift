import QuangBaContent
import QuangBaCore
import QuangBaMarkup
import QuangBaText

/// Turns a planned page into HTML: builds the template context from the public content and
/// renders the page's template inside the layout. Pure: the same inputs give the same bytes.
struct PageRenderer: Sendable {
    let templates: Templates
    let strings: [LanguageCode: UIStrings]
    let content: SiteContent
    let baseURL: String
    /// Pieces that many pages share (an item's card, the navigation), rendered once per build.
    /// Relative links depend only on how deep a page is, so the depth is part of the key.
    let fragments = Locked<[String: HTML]>([:])
    /// What every page of a language shows the same, worked out once (ICU's likely region,
    /// the footer's sentence, the names in the language switcher).
    private let perLanguage: [LanguageCode: LanguageBits]
    private struct LanguageBits: Sendable {
        var ogLocale: String?
        var footerAbout: String
        var name: String
    }

    init(templates: Templates, strings: [LanguageCode: UIStrings], content: SiteContent, baseURL: String) {
        self.templates = templates
        self.strings = strings
        self.content = content
        self.baseURL = baseURL
        perLanguage = Dictionary(uniqueKeysWithValues: content.config.languageCodes.map { ($0, Self.bits($0, content.config, strings)) })
    }

    private static func bits(_ l: LanguageCode, _ config: RepositoryConfig, _ strings: [LanguageCode: UIStrings]) -> LanguageBits {
        let site = config.province[l]?.name ?? config.province[config.sourceLanguage]?.name ?? ""
        return LanguageBits(ogLocale: l.likelyRegionLocale,
                            footerAbout: strings[l].map { $0.format("footer_about", ["site": site]) } ?? "",
                            name: config.languages.first { $0.code == l }?.name ?? l.rawValue)
    }

    private func bits(_ l: LanguageCode) -> LanguageBits { perLanguage[l] ?? Self.bits(l, config, strings) }

    func fragment(_ key: String, _ render: () -> HTML) -> HTML {
        if let hit = fragments.with({ $0[key] }) { return hit }
        let html = render()
        fragments.with { $0[key] = html }
        return html
    }

    var config: RepositoryConfig { content.config }
    var languages: [LanguageCode] { config.languageCodes }
    var source: LanguageCode { config.sourceLanguage }

    func siteName(_ l: LanguageCode) -> String { config.province[l]?.name ?? config.province[source]?.name ?? "" }
    func siteDescription(_ l: LanguageCode) -> String { config.province[l]?.description ?? config.province[source]?.description ?? "" }
    func languageName(_ l: LanguageCode) -> String { bits(l).name }

    // MARK: The layout

    /// The body inside the layout, with everything the layout needs from the frame.
    func page(_ frame: PageFrame, template: String, _ body: TemplateMap) -> [UInt8] {
        let l = frame.language
        let t = strings[l]!
        let link = { (to: String) in frame.absoluteLinks ? SitePaths.absolute(baseURL, to) : SitePaths.href(from: frame.path, to: to) }
        var ctx = body
        ctx["t"] = t.value
        ctx["lang"] = .text(l.rawValue)
        let content = templates.render(ctx, template)

        var layout: TemplateMap = [
            "t": t.value,
            "lang": .text(l.rawValue),
            "title": .text(frame.title),
            "siteName": .text(siteName(l)),
            "headTitle": .text(frame.title == siteName(l) ? frame.title : frame.title + " – " + siteName(l)),
            "description": .text(frame.description.isEmpty ? siteDescription(l) : frame.description),
            "canonical": .text(SitePaths.absolute(baseURL, frame.canonical ?? frame.path)),
            "alternates": .list(frame.alternates.map { ["hreflang": .text($0.hreflang), "href": .text(SitePaths.absolute(baseURL, $0.path))] }),
            "css": .text(link(SitePaths.stylesheet)),
            "js": .text(link(SitePaths.script)),
            "homeHref": .text(link(SitePaths.language(l))),
            "feedHref": .text(link(SitePaths.feed(l))),
            "sample": .flag(config.isSample),
            "content": .html(content),
            "ogType": .text(frame.ogType),
            "ogURL": .text(SitePaths.absolute(baseURL, frame.canonical ?? frame.path)),
            "footerAbout": .text(bits(l).footerAbout),
        ]
        if let og = bits(l).ogLocale { layout["ogLocale"] = .text(og) }
        if let image = frame.ogImage { layout["ogImage"] = .text(SitePaths.absolute(baseURL, image)) }
        if let json = frame.jsonld { layout["jsonld"] = .html(.jsonLD(json)) }
        if let from = frame.fallbackFrom {
            layout["fallbackNotice"] = .text(t.format("fallback_notice", ["source": languageName(from)]))
            layout["contentLang"] = .text(from.rawValue)
        }
        layout["switcher"] = .list(languages.map { other -> TemplateValue in
            let target = frame.versions[other]
            return [
                "code": .text(other.rawValue), "name": .text(languageName(other)), "current": .flag(other == l && !frame.isLanguageNeutral),
                // Without a version in that language, go to its home page and say why.
                "href": .text(target.map(link) ?? link(SitePaths.language(other)) + "#not-translated"),
                "missing": .flag(target == nil),
            ]
        })
        let depth = frame.absoluteLinks ? -1 : SitePaths.depth(frame.path)
        layout["navHTML"] = .html(fragment("nav|\(l)|\(depth)|\(frame.navCurrent ?? "")") {
            let nav = SiteNav.entries(l).map { e -> TemplateValue in
                ["name": .text(t[e.key]), "href": .text(link(e.path)), "current": .flag(e.path == frame.navCurrent)]
            }
            return templates.render(["t": t.value, "nav": .list(nav)], "site-nav")
        })
        if !frame.breadcrumbs.isEmpty {
            layout["breadcrumbs"] = ["items": .list(frame.breadcrumbs.map { b -> TemplateValue in
                var entry: TemplateMap = ["name": .text(b.name)]
                if let p = b.path { entry["href"] = .text(link(p)) }
                return .map(entry)
            })]
        }
        return templates.renderBytes(layout, "layout")
    }

    /// The hreflang set of a page that exists in every language (listings, home): each
    /// language's version, plus x-default on the source language's (for the home pages, on
    /// the language chooser at `/`).
    func everyLanguage(_ path: (LanguageCode) -> String) -> (alternates: [(hreflang: String, path: String)], versions: [LanguageCode: String]) {
        var alternates = languages.map { (hreflang: $0.rawValue, path: path($0)) }
        let isHome = path(source) == SitePaths.language(source)
        alternates.append((hreflang: "x-default", path: isHome ? "" : path(source)))
        return (alternates, Dictionary(uniqueKeysWithValues: languages.map { ($0, path($0)) }))
    }

    func frame(_ path: String, _ l: LanguageCode, title: String, everyLanguage pathIn: ((LanguageCode) -> String)?) -> PageFrame {
        var f = PageFrame(path: path, language: l, title: title)
        if let pathIn {
            let set = everyLanguage(pathIn)
            f.alternates = set.alternates
            f.versions = set.versions
        }
        f.breadcrumbs = [(strings[l]!["home"], SitePaths.language(l))]
        return f
    }

    // MARK: Shared pieces

    func link(_ from: String, _ to: String) -> String { SitePaths.href(from: from, to: to) }

    /// The rendered card of an item (card.mustache), for lists: `{{{html}}}`.
    func card(_ v: ItemView, from: String) -> TemplateValue {
        ["html": .html(fragment("card|\(v.language)|\(v.id)|\(SitePaths.depth(from))") {
            var ctx = cardContext(v, from: from)
            ctx["t"] = strings[v.language]!.value
            return templates.render(ctx, "card")
        })]
    }

    /// What a card shows: title, date, summary, picture.
    func cardContext(_ v: ItemView, from: String) -> TemplateMap {
        let t = strings[v.language]!
        var c: TemplateMap = [
            "title": .text(v.title), "href": .text(link(from, v.path)), "date": .text(Formats(strings: t).date(v.date)),
            "dateISO": .text(v.date.iso8601), "kind": .text(t["kind_\(v.kind.rawValue)"]), "kindCode": .text(v.kind.rawValue),
        ]
        if let d = v.item.details.event { for (name, value) in eventCardFields(v, d) { c[name] = value } }
        if let s = v.text.summary, !s.isEmpty { c["summary"] = .text(s) }
        if v.isFallback { c["textLang"] = .text(v.text.language.rawValue) }
        if let img = picture(of: v, from: from) { c["image"] = .map(img) }
        return c
    }

    /// The picture that stands for an item: a photo's own file, else the item's cover photo.
    func picture(of v: ItemView, from: String) -> TemplateMap? {
        let media: ItemView?
        if v.kind == .media { media = v } else if let cover = v.item.relations.cover { media = content.view(cover, v.language) } else { media = nil }
        guard let m = media, let d = m.item.details.media, d.isImage else { return nil }
        var img: TemplateMap = ["src": .text(link(from, SitePaths.file(m.id, d.file.file))), "alt": .text(m.text.fields["alt"] ?? "")]
        if let w = d.width, let h = d.height { img["width"] = .number(w); img["height"] = .number(h) }
        if let caption = m.text.fields["caption"] { img["caption"] = .text(caption) }
        return img
    }

    func unitName(_ code: String, _ l: LanguageCode) -> String { config.units.name(code, l, fallback: source) }
    func topicName(_ code: String, _ l: LanguageCode) -> String { config.topics.name(code, l, fallback: source) }

    func pagination(_ base: (Int) -> String, page: Int, pages: Int, from: String, _ t: UIStrings) -> TemplateValue? {
        guard pages > 1 else { return nil }
        var p: TemplateMap = ["label": .text(t.format("page_n_of_m", ["page": "\(page)", "pages": "\(pages)"]))]
        if page > 1 { p["previous"] = .text(link(from, base(page - 1))) }
        if page < pages { p["next"] = .text(link(from, base(page + 1))) }
        p["pages"] = .list((1...pages).map { n -> TemplateValue in ["n": .number(n), "href": .text(link(from, base(n))), "current": .flag(n == page)] })
        return .map(p)
    }
}

extension Timestamp {
    /// `2026-03-14T02:00:00Z`, the form HTML `datetime`, Atom and sitemaps take.
    var iso8601: String { description }
}
