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
    let portal: PortalAssets
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

    init(templates: Templates, strings: [LanguageCode: UIStrings], content: SiteContent, baseURL: String, portal: PortalAssets) {
        self.templates = templates
        self.portal = portal
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
        let link = { (to: String) in frame.rootedLinks ? SitePaths.rooted(baseURL, to) : SitePaths.href(from: frame.path, to: to) }
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
        if let logo = portal.logo {
            layout["logo"] = ["src": .text(link(logo.path)), "width": .number(logo.width), "height": .number(logo.height)]
        }
        if let icon = portal.icon {
            layout["icons"] = ["touch": .text(link(icon.path)), "favicon": .text(link(SitePaths.favicon)), "size": .text("\(icon.width)x\(icon.height)")]
        }
        // Every page is shared with a picture: its own, else the portal's hero photo.
        if let image = frame.ogImage ?? heroImage(l) {
            var og: TemplateMap = ["src": .text(SitePaths.absolute(baseURL, image.path)), "alt": .text(image.alt)]
            if let w = image.width, let h = image.height { og["width"] = .number(w); og["height"] = .number(h) }
            layout["ogImage"] = .map(og)
        }
        if let json = frame.jsonld { layout["jsonld"] = .html(.jsonLD(json)) }
        layout["jsonldSite"] = .html(.jsonLD(siteGraph(frame)))
        if let from = frame.fallbackFrom {
            layout["fallbackNotice"] = .text(t.format("fallback_notice", ["source": languageName(from)]))
            layout["contentLang"] = .text(from.rawValue)
        }
        layout["switcher"] = .list(languages.map { other -> TemplateValue in
            let target = frame.versions[other]
            return [
                "code": .text(other.rawValue), "name": .text(languageName(other)), "current": .flag(other == l && !frame.isLanguageNeutral),
                // Without a version in that language, go to its home page and say why (in the
                // page's language: the link's own text is in the other language).
                "href": .text(target.map(link) ?? link(SitePaths.language(other)) + "#not-translated"),
                "missing": .flag(target == nil),
            ]
        })
        if frame.isLanguageNeutral {
            layout["neutral"] = ["names": .list(languages.enumerated().map { i, other -> TemplateValue in
                ["code": .text(other.rawValue), "name": .text(siteName(other)), "last": .flag(i == languages.count - 1)]
            })]
            layout["neutralFooter"] = .list(languages.map { other -> TemplateValue in
                ["code": .text(other.rawValue), "contact": .text(strings[other]!["contact_title"]), "href": .text(link(SitePaths.contact(other))),
                 "sample": .text(strings[other]!["sample_notice"])]
            })
        } else {
            let depth = frame.rootedLinks ? -1 : SitePaths.depth(frame.path)
            layout["navHTML"] = .html(fragment("nav|\(l)|\(depth)|\(frame.navCurrent ?? "")") {
                let nav = SiteNav.entries(l).map { e -> TemplateValue in
                    ["name": .text(t[e.key]), "href": .text(link(e.path)), "current": .flag(e.path == frame.navCurrent)]
                }
                return templates.render(["t": t.value, "nav": .list(nav)], "site-nav")
            })
            layout["footer"] = .map(footer(l, link))
        }
        if !frame.breadcrumbs.isEmpty {
            layout["breadcrumbs"] = ["items": .list(frame.breadcrumbs.map { b -> TemplateValue in
                var entry: TemplateMap = ["name": .text(b.name)]
                if let p = b.path { entry["href"] = .text(link(p)) }
                return .map(entry)
            })]
        }
        let bytes = templates.renderBytes(layout, "layout")
        // On a page in another language, Vietnamese names and terms are marked as Vietnamese.
        return l.rawValue.lowercased().hasPrefix("vi") ? bytes : VietnameseSpans.mark(bytes)
    }

    /// The footer: who publishes the portal and how to reach them, and the pages every portal
    /// of a state agency links from everywhere.
    private func footer(_ l: LanguageCode, _ link: (String) -> String) -> TemplateMap {
        let t = strings[l]!
        var f: TemplateMap = [
            "links": .list([("contact_title", SitePaths.contact(l)), ("nav_topics", SitePaths.topics(l)), ("nav_units", SitePaths.units(l)),
                            ("accessibility_title", SitePaths.accessibility(l)), ("privacy_title", SitePaths.privacy(l)), ("feed", SitePaths.feed(l))]
                .map { ["name": .text(t[$0.0]), "href": .text(link($0.1))] }),
        ]
        if let contact = contactFacts(l) { f["contact"] = .map(contact) }
        return f
    }

    /// The contact of the portal as the footer and the contact page show it.
    func contactFacts(_ l: LanguageCode) -> TemplateMap? {
        let c = config.portal.contact
        guard let organization = PortalConfig.text(c.organization, l, source: source) else { return nil }
        var m: TemplateMap = ["organization": .text(organization)]
        // A name only in the source language is marked as such.
        if c.organization[l] == nil { m["organizationLang"] = .text(source.rawValue) }
        if let a = PortalConfig.text(c.address, l, source: source) {
            m["address"] = .text(a)
            if c.address[l] == nil { m["addressLang"] = .text(source.rawValue) }
        }
        if let h = PortalConfig.text(c.hours, l, source: source) {
            m["hours"] = .text(h)
            if c.hours[l] == nil { m["hoursLang"] = .text(source.rawValue) }
        }
        if let phone = c.phone { m["phone"] = .text(phone); m["tel"] = .text("tel:" + phone.filter { $0.isNumber || $0 == "+" }) }
        if let email = c.email { m["email"] = .text(email) }
        return m
    }

    /// The hero photo in `l` (or its fallback), when public.
    func heroImage(_ l: LanguageCode) -> SharedImage? {
        guard let id = config.portal.hero, let v = content.view(id, l), let d = v.item.details.media, d.isImage else { return nil }
        return SharedImage(path: SitePaths.file(id, d.file.file), alt: v.text.fields["alt"] ?? "", width: d.width, height: d.height)
    }

    /// Structured data on every page: the publisher (a government organization with its logo,
    /// address and contact point) and where the page is (its breadcrumbs).
    private func siteGraph(_ frame: PageFrame) -> JSONLD.Value {
        let l = frame.language
        var org: [(String, JSONLD.Value)] = [
            ("@type", .string("GovernmentOrganization")), ("@id", .string(SitePaths.absolute(baseURL, "") + "#publisher")),
            ("name", .string(PortalConfig.text(config.portal.contact.organization, l, source: source) ?? siteName(l))),
            ("url", .string(SitePaths.absolute(baseURL, SitePaths.language(l)))),
        ]
        if let logo = portal.logo {
            org.append(("logo", .object([("@type", .string("ImageObject")), ("url", .string(SitePaths.absolute(baseURL, logo.path))),
                                         ("width", .number(Double(logo.width))), ("height", .number(Double(logo.height)))])))
        }
        let c = config.portal.contact
        if let address = PortalConfig.text(c.address, l, source: source) {
            org.append(("address", .object([("@type", .string("PostalAddress")), ("streetAddress", .string(address)),
                                            ("addressRegion", .string(siteName(l))), ("addressCountry", .string("VN"))])))
        }
        if c.phone != nil || c.email != nil {
            var point: [(String, JSONLD.Value)] = [("@type", .string("ContactPoint")), ("contactType", .string("public information"))]
            if let phone = c.phone { point.append(("telephone", .string(phone))) }
            if let email = c.email { point.append(("email", .string(email))) }
            point.append(("availableLanguage", .array(languages.map { .string($0.rawValue) })))
            org.append(("contactPoint", .object(point)))
        }
        var graph: [JSONLD.Value] = [.object(org)]
        let crumbs = frame.breadcrumbs.isEmpty ? [(name: frame.title, path: Optional(frame.path))] : frame.breadcrumbs
        graph.append(.object([
            ("@type", .string("BreadcrumbList")),
            ("itemListElement", .array(crumbs.enumerated().map { i, b in
                .object([("@type", .string("ListItem")), ("position", .number(Double(i + 1))), ("name", .string(b.name)),
                         ("item", .string(SitePaths.absolute(baseURL, b.path ?? frame.canonical ?? frame.path)))])
            })),
        ]))
        return .object([("@context", .string("https://schema.org")), ("@graph", .array(graph))])
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
    /// `eager`: the card whose picture is the first above the fold is not lazy-loaded.
    /// `heading`: the level of its title, one below the heading of the list it is in.
    func card(_ v: ItemView, from: String, eager: Bool = false, heading: Int = 3) -> TemplateValue {
        ["html": .html(fragment("card|\(v.language)|\(v.id)|\(SitePaths.depth(from))|\(eager)|\(heading)") {
            var ctx = cardContext(v, from: from)
            ctx["t"] = strings[v.language]!.value
            ctx["eager"] = .flag(eager)
            ctx["level"] = .number(heading)
            return templates.render(ctx, "card")
        })]
    }

    /// The cards of a page's own list (right under its h1): the first picture is above the fold.
    func cardList(_ views: [ItemView], from: String) -> TemplateValue {
        let firstPicture = views.firstIndex { picture(of: $0, from: from) != nil }
        return .list(views.enumerated().map { card($1, from: from, eager: $0 == firstPicture, heading: 2) })
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
