import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaText

/// The page of one item in one language; each kind has its own template.
extension PageRenderer {
    func itemPage(_ id: ItemID, _ l: LanguageCode) -> [UInt8] {
        guard let v = content.view(id, l) else { return [] }
        let path = v.path
        let t = strings[l]!
        let fmt = Formats(strings: t)
        let item = v.item
        let sectionTitle = t["nav_" + SiteNav.navKey(item.kind)]

        var f = PageFrame(path: path, language: l, title: v.title)
        f.description = v.text.summary ?? ""
        f.navCurrent = SitePaths.listing(item.kind, l)
        f.breadcrumbs = [(t["home"], SitePaths.language(l)), (sectionTitle, SitePaths.listing(item.kind, l)), (v.title, nil)]
        f.ogType = item.kind == .article || item.kind == .clarification ? "article" : "website"
        f.versions = Dictionary(uniqueKeysWithValues: languages.compactMap { other in content.view(id, other).map { (other, $0.path) } })
        if v.isFallback {
            // The source text under another language's URL: point search engines at the original.
            f.fallbackFrom = v.text.language
            f.canonical = SitePaths.item(item.kind, id, v.text.language)
        } else {
            f.alternates = v.languages.map { (hreflang: $0.rawValue, path: SitePaths.item(item.kind, id, $0)) }
            let xDefault = v.languages.contains(source) ? source : v.languages[0]
            f.alternates.append((hreflang: "x-default", path: SitePaths.item(item.kind, id, xDefault)))
        }
        let picture = picture(of: v, from: path)
        if let m = item.kind == .media ? v : item.relations.cover.flatMap({ content.view($0, l) }), let d = m.item.details.media, d.isImage {
            f.ogImage = SharedImage(path: SitePaths.file(m.id, d.file.file), alt: m.text.fields["alt"] ?? "", width: d.width, height: d.height)
        }

        var body: TemplateMap = [
            "title": .text(v.title), "kind": .text(t["kind_\(item.kind.rawValue)"]),
            "date": .text(fmt.date(v.date)), "dateISO": .text(v.date.iso8601),
            "unit": ["name": .text(unitName(item.unit, l)), "href": .text(link(path, SitePaths.unit(item.unit, l)))],
        ]
        // Sections appear only when they have entries.
        let topics = item.topics.map { code -> TemplateValue in ["name": .text(topicName(code, l)), "href": .text(link(path, SitePaths.topic(code, l)))] }
        if !topics.isEmpty { body["topicsBlock"] = ["items": .list(topics)] }
        let related = item.relations.related.compactMap { content.view($0, l) }.map { card($0, from: path) }
        if !related.isEmpty { body["relatedBlock"] = ["cards": .list(related)] }
        let attachments = item.relations.attachments.compactMap { content.view($0, l) }.map { attachment($0, from: path) }
        if !attachments.isEmpty { body["attachmentsBlock"] = ["items": .list(attachments)] }
        if item.updated.day != v.date.day, item.updated > v.date {
            body["updated"] = .text(fmt.date(item.updated))
            body["updatedISO"] = .text(item.updated.iso8601)
        }
        if let s = v.text.summary, !s.isEmpty { body["summary"] = .text(s) }
        let html = HTML.markdown(v.text.body)
        if !html.markup.isEmpty { body["bodyHTML"] = .html(html) }
        if v.isFallback { body["textLang"] = .text(v.text.language.rawValue) }

        let template: String
        var ld: [(String, JSONLD.Value)] = [("@context", .string("https://schema.org"))]
        let url = JSONLD.Value.string(SitePaths.absolute(baseURL, f.canonical ?? path))
        switch item.details {
        case .media(let d):
            template = "item-media"
            body["media"] = mediaBody(v, d, fmt: fmt, from: path)
            ld += [("@type", .string(d.isImage ? "ImageObject" : d.video != nil ? "VideoObject" : "DigitalDocument")),
                   ("name", .string(v.title)), ("url", url), ("inLanguage", .string(v.text.language.rawValue))]
            if d.isImage { ld.append(("contentUrl", .string(SitePaths.absolute(baseURL, SitePaths.file(v.id, d.file.file))))) }
            if let c = v.text.fields["caption"] { ld.append(("caption", .string(c))) }
            if let c = item.credit(in: l) { ld.append(("creditText", .string(c.text))) }
            if d.licence != .allRightsReserved { ld.append(("license", .string(d.licence.stored))) }
            if let w = d.width, let h = d.height { ld += [("width", .number(Double(w))), ("height", .number(Double(h)))] }
            if let taken = d.taken { ld.append(("dateCreated", .string(taken.iso8601))) }
        case .project(let d):
            template = "item-project"
            body["project"] = projectBody(v, d, fmt: fmt, from: path)
            ld += [("@type", .string("Place")), ("name", .string(v.title)), ("url", url)]
            if let s = v.text.summary { ld.append(("description", .string(s))) }
            ld.append(("address", .object([("@type", .string("PostalAddress")),
                                           ("addressLocality", .string(config.localities.name(d.locality, l, fallback: source))),
                                           ("addressRegion", .string(siteName(l))), ("addressCountry", .string("VN"))])))
            if let g = d.geo { ld.append(("geo", geo(g))) }
        case .event(let d):
            template = "item-event"
            let place = v.text.fields["place"] ?? ""
            let locality = d.locality.map { config.localities.name($0, l, fallback: source) }
            var event: TemplateMap = ["when": .text(d.when(l, withTimes: true)), "startISO": .text(d.startMachine), "endISO": .text(d.endMachine), "place": .text(place)]
            // The place's text often names its locality already ("母山旅游区", 母山): say it once.
            if let locality, !place.contains(locality) { event["locality"] = .text(locality) }
            if let g = d.geo { event["map"] = .text(osm(g)); event["geo"] = .text(fmt.number(g.lat, digits: 5) + ", " + fmt.number(g.lon, digits: 5)) }
            body["event"] = .map(event)
            ld += eventLD(v, d, place: place, locality: locality, url: url, image: f.ogImage?.path)
        case .publication(let d):
            template = "item-publication"
            // This language's document first, then the others, each saying its language.
            let files = d.files(source: item.sourceLanguage, order: languages)
            let ordered = files.filter { $0.language == l } + files.filter { $0.language != l }
            var pub: TemplateMap = [:]
            if let first = ordered.first {
                var main = download(first.file, language: first.language, id: v.id, fmt: fmt, from: path)
                if let pages = first.pages { main["pages"] = .text(fmt.number(Double(pages), digits: 0)) }
                pub["main"] = .map(main)
            }
            let others = ordered.dropFirst().map { f -> TemplateValue in .map(download(f.file, language: f.language, id: v.id, fmt: fmt, from: path)) }
            if !others.isEmpty { pub["others"] = .list(Array(others)) }
            if let isbn = d.isbn { pub["isbn"] = .text(isbn) }
            body["publication"] = .map(pub)
            ld += [("@type", .string(d.isbn != nil ? "Book" : "DigitalDocument")), ("name", .string(v.title)), ("url", url),
                   ("inLanguage", .string(v.text.language.rawValue))]
            if let isbn = d.isbn { ld.append(("isbn", .string(isbn))) }
            if let pages = d.pages { ld.append(("numberOfPages", .number(Double(pages)))) }
            ld.append(("encoding", .array(files.map { f -> JSONLD.Value in
                .object([("@type", .string("MediaObject")), ("contentUrl", .string(SitePaths.absolute(baseURL, SitePaths.file(v.id, f.file.file)))),
                         ("encodingFormat", .string(f.file.type)), ("inLanguage", .string(f.language.rawValue))])
            })))
        case .none:
            template = "item-article"
            ld += [("@type", .string("NewsArticle")), ("headline", .string(v.title)), ("url", url),
                   ("datePublished", .string(v.date.iso8601)), ("dateModified", .string(item.updated.iso8601)),
                   ("inLanguage", .string(v.text.language.rawValue)),
                   ("publisher", .object([("@type", .string("GovernmentOrganization")), ("name", .string(siteName(l)))])),
                   ("author", .object([("@type", .string("GovernmentOrganization")), ("name", .string(unitName(item.unit, l)))]))]
            if let s = v.text.summary { ld.append(("description", .string(s))) }
            if let img = f.ogImage { ld.append(("image", .string(SitePaths.absolute(baseURL, img.path)))) }
        }
        if item.kind != .media, let picture { body["cover"] = .map(picture) }
        f.jsonld = .object(ld)
        return page(f, template: template, body)
    }

    /// schema.org's Event: where (a Place with its address and point), when (local times with
    /// the zone's offset), who organises it (the unit). Nothing is guessed: the status is
    /// "scheduled" (QuangBa records no cancellation or postponement, and a past event keeps
    /// it); the attendance is "offline" only when a place is given.
    private func eventLD(_ v: ItemView, _ d: EventDetails, place: String, locality: String?, url: JSONLD.Value, image: String?) -> [(String, JSONLD.Value)] {
        let l = v.language
        var address: [(String, JSONLD.Value)] = [("@type", .string("PostalAddress"))]
        if let locality { address.append(("addressLocality", .string(locality))) }
        address += [("addressRegion", .string(siteName(l))), ("addressCountry", .string("VN"))]
        var placeLD: [(String, JSONLD.Value)] = [("@type", .string("Place"))]
        if !place.isEmpty { placeLD.append(("name", .string(place))) }
        placeLD.append(("address", .object(address)))
        if let g = d.geo { placeLD.append(("geo", geo(g))) }
        var ld: [(String, JSONLD.Value)] = [
            ("@type", .string("Event")), ("name", .string(v.title)), ("url", url), ("inLanguage", .string(v.text.language.rawValue)),
            ("startDate", .string(d.startMachine)), ("endDate", .string(d.endMachine)),
            ("eventStatus", .string("https://schema.org/EventScheduled")),
        ]
        if !place.isEmpty || d.locality != nil || d.geo != nil {
            ld.append(("eventAttendanceMode", .string("https://schema.org/OfflineEventAttendanceMode")))
        }
        ld.append(("location", .object(placeLD)))
        ld.append(("organizer", .object([("@type", .string("GovernmentOrganization")), ("name", .string(unitName(v.item.unit, l))),
                                         ("url", .string(SitePaths.absolute(baseURL, SitePaths.unit(v.item.unit, l))))])))
        if let s = v.text.summary { ld.append(("description", .string(s))) }
        if let image { ld.append(("image", .string(SitePaths.absolute(baseURL, image)))) }
        return ld
    }

    private func geo(_ g: GeoPoint) -> JSONLD.Value {
        .object([("@type", .string("GeoCoordinates")), ("latitude", .number(g.lat)), ("longitude", .number(g.lon))])
    }

    /// A link to the point on OpenStreetMap.
    private func osm(_ g: GeoPoint) -> String {
        let lat = String(format: "%.6f", g.lat), lon = String(format: "%.6f", g.lon)
        return "https://www.openstreetmap.org/?mlat=\(lat)&mlon=\(lon)#map=15/\(lat)/\(lon)"
    }

    private func attachment(_ v: ItemView, from: String) -> TemplateValue {
        let fmt = Formats(strings: strings[v.language]!)
        var a: TemplateMap = ["title": .text(v.title), "href": .text(link(from, v.path))]
        if let (file, language) = storedFile(of: v.item, for: v.language) {
            a["download"] = .map(download(file, language: language, id: v.id, fmt: fmt, from: from))
        }
        return .map(a)
    }

    /// The file an item offers a reader of `l`: a publication's document in `l` if it has one,
    /// else in its source language; a media item's file, with a language only when it is a
    /// document (a photo or a video has none).
    private func storedFile(of item: Item, for l: LanguageCode) -> (FileFacts, LanguageCode?)? {
        if let p = item.details.publication {
            if let own = p.translatedFiles[l] { return (own.file, l) }
            return p.file.file.isEmpty ? nil : (p.file, item.sourceLanguage)
        }
        guard let m = item.details.media, !m.file.file.isEmpty else { return nil }
        let isDocument = !m.isImage && !m.file.type.hasPrefix("video/") && !m.file.type.hasPrefix("audio/")
        return (m.file, isDocument ? item.sourceLanguage : nil)
    }

    /// A download link: the file's address, media type and language (`hreflang`), and a label
    /// that names its type, size and language in the page's language.
    func download(_ file: FileFacts, language: LanguageCode?, id: ItemID, fmt: Formats, from: String) -> TemplateMap {
        let t = fmt.strings
        let facts = fmt.fileFacts(type: file.type, bytes: file.bytes)
        var d: TemplateMap = ["href": .text(link(from, SitePaths.file(id, file.file))), "type": .text(file.type), "facts": .text(facts)]
        if let language {
            d["hreflang"] = .text(language.rawValue)
            d["label"] = .text(t.format("download_file_in", ["facts": facts, "language": LanguageNames.name(of: language, in: t.language)]))
        } else {
            d["label"] = .text(t.format("download_file", ["facts": facts]))
        }
        return d
    }

    /// A media item's credit line on a page in `l` (`credit`), with `creditLang` when it is
    /// written in another language (only the source language's form exists).
    func addCredit(of v: ItemView, to map: inout TemplateMap) {
        guard let c = v.item.credit(in: v.language) else { return }
        map["credit"] = .text(c.text)
        if c.language != v.language { map["creditLang"] = .text(c.language.rawValue) }
    }

    private func mediaBody(_ v: ItemView, _ d: MediaDetails, fmt: Formats, from path: String) -> TemplateValue {
        let t = fmt.strings
        let l = v.language
        var m: TemplateMap = [:]
        addCredit(of: v, to: &m)
        if d.isImage {
            var img: TemplateMap = ["src": .text(link(path, SitePaths.file(v.id, d.file.file))), "alt": .text(v.text.fields["alt"] ?? "")]
            if let w = d.width, let h = d.height { img["width"] = .number(w); img["height"] = .number(h) }
            m["image"] = .map(img)
        } else if !d.file.file.isEmpty {
            m["document"] = .map(download(d.file, language: storedFile(of: v.item, for: l)?.1, id: v.id, fmt: fmt, from: path))
        }
        if let video = d.video { m["video"] = .text(video.text) }
        if let c = v.text.fields["caption"] { m["caption"] = .text(c) }
        if let desc = v.text.fields["description"], !desc.isEmpty { m["descriptionHTML"] = .html(.markdown(desc)) }
        if d.licence == .allRightsReserved {
            // "All rights reserved, {holder}": the holder's name may be in another language.
            let holder = config.holder(of: v.item, in: l) ?? v.item.credit(in: l) ?? ("", l)
            let parts = t["media_licence_reserved"].components(separatedBy: "{holder}")
            var reserved: TemplateMap = ["before": .text(parts[0]), "holder": .text(holder.text), "after": .text(parts.dropFirst().joined(separator: holder.text))]
            if holder.language != l { reserved["holderLang"] = .text(holder.language.rawValue) }
            m["licence"] = ["reserved": .map(reserved)]
        } else {
            m["licence"] = ["name": .text(Self.licenceName(d.licence)), "href": .text(d.licence.stored)]
        }
        if let taken = d.taken { m["taken"] = .text(fmt.date(taken)); m["takenISO"] = .text(taken.iso8601) }
        if let g = d.geo {
            m["location"] = ["text": .text(fmt.number(g.lat, digits: 5) + ", " + fmt.number(g.lon, digits: 5)), "href": .text(osm(g))]
        }
        if let source = d.source { m["source"] = .text(source.text) }
        m["usedIn"] = .list((content.usedIn[v.id] ?? []).compactMap { content.view($0, l) }.map { ["title": .text($0.title), "href": .text(link(path, $0.path))] })
        return .map(m)
    }

    /// "CC BY-SA 4.0" from the licence's short code.
    static func licenceName(_ licence: Licence) -> String {
        if licence == .cc0 { return "CC0 1.0" }
        let parts = licence.code.split(separator: "-")
        guard parts.count >= 3 else { return licence.code }
        return "CC " + parts.dropFirst().dropLast().joined(separator: "-").uppercased() + " " + parts.last!
    }

    private func projectBody(_ v: ItemView, _ d: ProjectDetails, fmt: Formats, from path: String) -> TemplateValue {
        let t = fmt.strings
        let l = v.language
        var facts: [(String, String)] = [
            ("project_sector", config.sectors.name(d.sector, l, fallback: source)),
            ("project_location", config.localities.name(d.locality, l, fallback: source)),
        ]
        if let zone = d.zone { facts.append(("project_zone", config.zones.name(zone, l, fallback: source))) }
        if let area = d.areaHa { facts.append(("project_area", fmt.area(area))) }
        if let capital = d.capital { facts.append(("project_capital", fmt.money(capital))) }
        facts.append(("project_form", t["form_" + d.form.rawValue.replacingOccurrences(of: "-", with: "_")]))
        facts.append(("project_status", t["status_" + d.status.rawValue]))
        if let start = d.scheduleStart {
            facts.append(("project_schedule", d.scheduleEnd.map { "\(start)–\($0)" } ?? "\(start)"))
        }
        facts.append(("project_contact_unit", unitName(d.contactUnit, l)))
        if let decision = d.legalDecision {
            let date = d.legalDate.flatMap { Timestamp(parsing: $0, allowDate: true) }.map(fmt.date) ?? ""
            facts.append(("project_legal_basis", date.isEmpty ? decision : t.format("project_legal_value", ["decision": decision, "date": date])))
        }
        var p: TemplateMap = ["facts": .list(facts.map { ["label": .text(t[$0.0]), "value": .text($0.1)] })]
        for field in ["objective", "scale", "incentives"] {
            if let text = v.text.fields[field], !text.isEmpty { p[field + "HTML"] = .html(.markdown(text)) }
        }
        let photoIDs = ([v.item.relations.cover].compactMap { $0 } + v.item.relations.related)
        var seen = Set<ItemID>()
        let photos = photoIDs.filter { seen.insert($0).inserted }.compactMap { content.view($0, l) }.filter { $0.kind == .media }
            .compactMap { m -> TemplateValue? in
                guard var img = picture(of: m, from: path) else { return nil }
                img["href"] = .text(link(path, m.path))
                return .map(img)
            }
        if !photos.isEmpty { p["photosBlock"] = ["items": .list(photos)] }
        p["contact"] = ["text": .text(t.format("project_contact_text", ["unit": unitName(d.contactUnit, l)])), "email": .text(config.adminEmail)]
        return .map(p)
    }
}
