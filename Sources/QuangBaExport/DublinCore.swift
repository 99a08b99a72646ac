import QuangBaContent
import QuangBaCore
import QuangBaXML

/// The oai_dc record of an item (the mapping is documented in docs/harvesting.md).
enum DublinCore {
    /// `linked`: the public items it links to (others are not named); `identifier`: the OAI
    /// identifier of an item.
    static func write(_ p: PublicItem, _ w: XMLStreamWriter, config: RepositoryConfig, baseURL: String, linked: LinkedItems,
                      identifier: (ItemKind, ItemID) -> String) throws {
        let item = p.item
        let source = config.sourceLanguage
        try w.start("oai_dc:dc")
        try w.attribute("xmlns:oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc/")
        try w.attribute("xmlns:dc", "http://purl.org/dc/elements/1.1/")
        try w.attribute("xsi:schemaLocation", "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
        for t in p.translations { try w.element("dc:title", t.title, attributes: [("xml:lang", t.language.rawValue)]) }
        try w.element("dc:creator", config.units.name(item.unit, source, fallback: source), attributes: [("xml:lang", source.rawValue)])
        for topic in item.topics {
            for t in p.translations {
                try w.element("dc:subject", config.topics.name(topic, t.language, fallback: source), attributes: [("xml:lang", t.language.rawValue)])
            }
        }
        for t in p.translations {
            if let s = t.summary, !s.isEmpty { try w.element("dc:description", s, attributes: [("xml:lang", t.language.rawValue)]) }
        }
        try w.element("dc:publisher", config.province[source]?.name ?? "", attributes: [("xml:lang", source.rawValue)])
        try w.element("dc:date", (item.published ?? item.created).description)
        // A photo's or video's capture time, after the publication date (docs/harvesting.md).
        if let taken = item.details.media?.taken { try w.element("dc:date", taken.description) }
        for type in types(item) { try w.element("dc:type", type) }
        if let f = item.details.media?.file ?? item.details.publication?.file, !f.type.isEmpty { try w.element("dc:format", f.type) }
        for t in p.translations { try w.element("dc:identifier", PublicPath.absolute(baseURL, PublicPath.item(item.kind, item.id, t.language))) }
        if let f = item.details.media?.file ?? item.details.publication?.file, !f.file.isEmpty {
            try w.element("dc:identifier", PublicPath.absolute(baseURL, PublicPath.file(item.id, f.file)))
        }
        if let isbn = item.details.publication?.isbn { try w.element("dc:identifier", "urn:isbn:" + isbn.filter { $0 != "-" && $0 != " " }) }
        for t in p.translations { try w.element("dc:language", t.language.rawValue) }
        for (_, target) in item.relations.all { if let k = linked.kinds[target] { try w.element("dc:relation", identifier(k, target)) } }
        // A photo's own file is its last dc:identifier above; another item's preview is its
        // cover photo, a related resource.
        if let preview = linked.preview(of: item), preview.id != item.id {
            try w.element("dc:relation", PublicPath.absolute(baseURL, PublicPath.file(preview.id, preview.file.file)))
        }
        for c in coverage(item, p, config) { try w.element("dc:coverage", c.text, attributes: c.lang.map { [("xml:lang", $0)] } ?? []) }
        // The licence as a URI alone (aggregators take the URI from its own dc:rights), then
        // who holds the rights when they are all reserved.
        let rights = Rights(item, config)
        try w.element("dc:rights", rights.licence.uri)
        if let holder = rights.holder { try w.element("dc:rights", "All rights reserved: " + holder) }
        try w.end()
    }

    /// DCMI Type Vocabulary terms, then the item's own kind.
    static func types(_ item: Item) -> [String] {
        let dcmi: String = switch item.details {
        case .media(let m): m.isImage ? "StillImage" : m.video != nil ? "MovingImage" : "Text"
        case .event: "Event"
        default: "Text"
        }
        return [dcmi, item.kind.rawValue]
    }

    /// Where: the commune (and zone) of a project or event, an event's place, a position as a
    /// DCMI Point.
    static func coverage(_ item: Item, _ p: PublicItem, _ config: RepositoryConfig) -> [(text: String, lang: String?)] {
        let source = config.sourceLanguage
        var out: [(String, String?)] = []
        var geo: GeoPoint?
        switch item.details {
        case .project(let d):
            out.append((config.localities.name(d.locality, source, fallback: source), source.rawValue))
            if let z = d.zone { out.append((config.zones.name(z, source, fallback: source), source.rawValue)) }
            geo = d.geo
        case .event(let d):
            if let l = d.locality { out.append((config.localities.name(l, source, fallback: source), source.rawValue)) }
            for t in p.translations { if let place = t.fields["place"], !place.isEmpty { out.append((place, t.language.rawValue)) } }
            geo = d.geo
        case .media(let d): geo = d.geo
        default: break
        }
        if let g = geo { out.append(("east=\(QuangBaXML.number(g.lon)); north=\(QuangBaXML.number(g.lat)); projection=WGS84", nil)) }
        return out
    }
}
