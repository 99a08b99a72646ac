import QuangBaContent
import QuangBaCore
import QuangBaMarkup
import QuangBaText

/// The HTML pages of the site, one function per page kind.
extension PageRenderer {
    static let perPage = 20

    // MARK: Home and listings

    func home(_ l: LanguageCode) -> [UInt8] {
        let path = SitePaths.language(l)
        let t = strings[l]!
        let all = content.views[l] ?? []
        let cards = { (list: [ItemView]) in TemplateValue.list(list.map { card($0, from: path) }) }
        let photos = all.filter { $0.kind == .media && $0.item.details.media?.isImage == true }
        let schedule = EventSchedule(all.filter { $0.kind == .event }, now: content.now)
        var f = frame(path, l, title: siteName(l), everyLanguage: SitePaths.language)
        f.breadcrumbs = []
        f.navCurrent = path
        f.description = siteDescription(l)
        f.jsonld = .object([
            ("@context", .string("https://schema.org")), ("@type", .string("WebSite")),
            ("name", .string(siteName(l))), ("url", .string(SitePaths.absolute(baseURL, path))), ("inLanguage", .string(l.rawValue)),
        ])
        let pinned = all.filter { $0.kind == .clarification && $0.item.pinned }
        let fmt = Formats(strings: t)
        var body: TemplateMap = [
            "siteName": .text(siteName(l)), "description": .text(siteDescription(l)),
            "pinned": .list(pinned.map { v -> TemplateValue in
                ["title": .text(v.title), "href": .text(link(path, v.path)), "date": .text(fmt.date(v.date)), "dateISO": .text(v.date.iso8601),
                 "textLang": v.isFallback ? .text(v.text.language.rawValue) : .flag(false)]
            }),
            "hasPinned": .flag(!pinned.isEmpty),
            "clarificationsHref": .text(link(path, SitePaths.listing(.clarification, l))),
            "latest": cards(Array(all.filter { $0.kind == .article }.prefix(6))),
            "latestHref": .text(link(path, SitePaths.listing(.article, l))),
            "photos": .list(Array(photos.filter { $0.id != config.portal.hero }.prefix(8)).compactMap { v -> TemplateValue? in
                guard var img = picture(of: v, from: path) else { return nil }
                img["href"] = .text(link(path, v.path))
                return .map(img)
            }),
            "galleryHref": .text(link(path, SitePaths.listing(.media, l))),
            "projects": cards(Array(all.filter { $0.kind == .project && $0.item.details.project?.status == .calling }.prefix(4))),
            "projectsHref": .text(link(path, SitePaths.listing(.project, l))),
            "events": .list(Array(schedule.upcoming.prefix(4)).map { eventCard($0, status: schedule.status($0), from: path) }),
            "eventsHref": .text(link(path, SitePaths.listing(.event, l))),
            "notTranslated": .text(t["not_translated_notice"]),
            "figures": .list(config.portal.figures.map { g -> TemplateValue in
                var m: TemplateMap = ["label": .text(PortalConfig.text(g.label, l, source: source) ?? ""), "value": .text(fmt.figure(g.value, unit: g.unit))]
                if let note = PortalConfig.text(g.note, l, source: source) { m["note"] = .text(note) }
                if g.label[l] == nil { m["labelLang"] = .text(source.rawValue) }
                return .map(m)
            }),
        ]
        body["hasFigures"] = .flag(!config.portal.figures.isEmpty)
        // The hero: the first image of the page, so it is not lazy and is fetched first.
        if let hero = config.portal.hero, let v = content.view(hero, l), var img = picture(of: v, from: path) {
            img["href"] = .text(link(path, v.path))
            if v.isFallback { img["textLang"] = .text(v.text.language.rawValue) }
            body["hero"] = .map(img)
        }
        return page(f, template: "home", body)
    }

    func listing(_ kind: ItemKind, _ l: LanguageCode, page n: Int, pages: Int, ids: [ItemID]) -> [UInt8] {
        let path = SitePaths.listing(kind, l, page: n)
        let t = strings[l]!
        let title = t["nav_" + SiteNav.navKey(kind)]
        // Later pages differ between languages, so only the first carries the hreflang set.
        var f = frame(path, l, title: n > 1 ? title + " – " + t.format("page_n_of_m", ["page": "\(n)", "pages": "\(pages)"]) : title,
                      everyLanguage: n == 1 ? { SitePaths.listing(kind, $0) } : nil)
        f.navCurrent = SitePaths.listing(kind, l)
        f.breadcrumbs.append((title, nil))
        let views = ids.compactMap { content.view($0, l) }
        var body: TemplateMap = ["heading": .text(title)]
        if kind == .media { body["photos"] = mediaTiles(views, from: path) } else { body["cards"] = cardList(views, from: path) }
        if let p = pagination({ SitePaths.listing(kind, l, page: $0) }, page: n, pages: pages, from: path, t) { body["pagination"] = p }
        return page(f, template: kind == .media ? "gallery" : "listing", body)
    }

    /// Topic and unit pages: items of one topic or one department.
    func term(isTopic: Bool, code: String, _ l: LanguageCode, page n: Int, pages: Int, ids: [ItemID]) -> [UInt8] {
        let base = { (p: Int) in isTopic ? SitePaths.topic(code, l, page: p) : SitePaths.unit(code, l, page: p) }
        let path = base(n)
        let t = strings[l]!
        let name = isTopic ? topicName(code, l) : unitName(code, l)
        var f = frame(path, l, title: name, everyLanguage: n == 1 ? { isTopic ? SitePaths.topic(code, $0) : SitePaths.unit(code, $0) } : nil)
        f.navCurrent = isTopic ? SitePaths.topics(l) : SitePaths.units(l)
        f.breadcrumbs.append((t[isTopic ? "nav_topics" : "nav_units"], isTopic ? SitePaths.topics(l) : SitePaths.units(l)))
        f.breadcrumbs.append((name, nil))
        var body: TemplateMap = ["heading": .text(name), "cards": cardList(ids.compactMap { content.view($0, l) }, from: path)]
        if let p = pagination(base, page: n, pages: pages, from: path, t) { body["pagination"] = p }
        return page(f, template: "listing", body)
    }

    /// The list of topics (or of units) with how many items each has.
    func terms(isTopic: Bool, _ l: LanguageCode, counts: [String: Int]) -> [UInt8] {
        let path = isTopic ? SitePaths.topics(l) : SitePaths.units(l)
        let t = strings[l]!
        let title = t[isTopic ? "nav_topics" : "nav_units"]
        var f = frame(path, l, title: title, everyLanguage: isTopic ? SitePaths.topics : SitePaths.units)
        f.navCurrent = path
        f.breadcrumbs.append((title, nil))
        let list = isTopic ? config.topics : config.units
        let entries = list.codes.map { code -> TemplateValue in
            [
                "name": .text(isTopic ? topicName(code, l) : unitName(code, l)),
                "href": .text(link(path, isTopic ? SitePaths.topic(code, l) : SitePaths.unit(code, l))),
                "count": .text(t.format("items_count", count: counts[code] ?? 0)),
            ]
        }
        return page(f, template: "terms", ["heading": .text(title), "intro": .text(t[isTopic ? "topics_intro" : "units_intro"]), "terms": .list(entries)])
    }

    /// The media library, one place for photos, videos and documents: a grid of pictures,
    /// each with its title and credit; a video or document as a tile that says what it is.
    func mediaTiles(_ views: [ItemView], from path: String) -> TemplateValue {
        var seenPicture = false
        return .list(views.map { v -> TemplateValue in
            var tile: TemplateMap = picture(of: v, from: path) ?? [:]
            tile["href"] = .text(link(path, v.path))
            tile["title"] = .text(v.title)
            // The first picture is above the fold: not lazy.
            if tile["src"] != nil, !seenPicture { tile["eager"] = .flag(true); seenPicture = true }
            if v.isFallback { tile["textLang"] = .text(v.text.language.rawValue) }
            if let d = v.item.details.media, !d.isImage {
                let t = strings[v.language]!
                tile["what"] = .text(d.video != nil ? t["media_video"] : Formats(strings: t).fileFacts(type: d.file.type, bytes: d.file.bytes))
                tile["mark"] = .text(d.video != nil ? "▶" : d.file.type.split(separator: "/").last.map { $0.uppercased() } ?? "")
            }
            addCredit(of: v, to: &tile)
            return .map(tile)
        })
    }

    // MARK: Fixed pages

    /// `/`: a language chooser that works without JavaScript, in neutral chrome: the province's
    /// name in every language, no one language's navigation.
    func chooser() -> [UInt8] {
        var f = PageFrame(path: "", language: neutralLanguage, title: languages.map(siteName).joined(separator: " · "))
        f.alternates = languages.map { (hreflang: $0.rawValue, path: SitePaths.language($0)) } + [(hreflang: "x-default", path: "")]
        f.versions = Dictionary(uniqueKeysWithValues: languages.map { ($0, SitePaths.language($0)) })
        let choices = languages.map { l -> TemplateValue in
            ["code": .text(l.rawValue), "href": .text(link("", SitePaths.language(l))), "language": .text(languageName(l)),
             "siteName": .text(siteName(l)), "description": .text(siteDescription(l)), "prompt": .text(strings[l]!["chooser_title"])]
        }
        f.isLanguageNeutral = true
        return page(f, template: "chooser", ["choices": .list(choices)])
    }

    /// The language of the few words a neutral page cannot say in every language (the skip
    /// link, labels for screen readers): English, the one most foreign readers share.
    var neutralLanguage: LanguageCode { languages.contains(LanguageCode("en")) ? LanguageCode("en") : source }

    func notFound(_ l: LanguageCode?) -> [UInt8] {
        let lang = l ?? neutralLanguage
        let t = strings[lang]!
        var f = PageFrame(path: l.map(SitePaths.notFound) ?? "404.html", language: lang, title: t["notfound_title"])
        f.rootedLinks = true
        f.versions = Dictionary(uniqueKeysWithValues: languages.map { ($0, SitePaths.notFound($0)) })
        f.isLanguageNeutral = l == nil
        // At `/404.html` (no language known) the notice in every language; else in the page's own.
        let homes = (l == nil ? languages : [lang]).map { other -> TemplateValue in
            ["code": .text(other.rawValue), "href": .text(SitePaths.rooted(baseURL, SitePaths.language(other))), "text": .text(strings[other]!["notfound_home"]),
             "title": .text(strings[other]!["notfound_title"]), "message": .text(strings[other]!["notfound_text"])]
        }
        return page(f, template: "not-found", ["homes": .list(homes)])
    }
}
