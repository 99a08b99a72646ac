public import Foundation
import QuangBaContent
import QuangBaCore
public import QuangBaStore
public import QuangBaXML

/// QuangBa's own XML format (Sources/QuangBaExport/Schema/quangba-1.xsd, documented in docs/export.md): one
/// `item` per public item with everything the public may know of it, in every public language.
public enum QuangBaXML {
    public static let namespace = "urn:quangba:xml:1"
    /// The schema's file name; the OAI-PMH server publishes it under /schema/.
    public static let schemaFile = "quangba-1.xsd"

    /// The schema itself (a resource of this module).
    public static var schema: Data? {
        Bundle.module.url(forResource: "quangba-1", withExtension: "xsd", subdirectory: "Schema").flatMap { try? Data(contentsOf: $0) }
    }

    /// One item: language-neutral facts first, then one `text` per public language.
    /// `datestamp`: when it last changed as served (`Index.datestamps`). `linked` answers for
    /// the items it points to: links to items that are not public are left out (their ids
    /// would tell of them).
    static func write(_ p: PublicItem, _ w: XMLStreamWriter, config: RepositoryConfig, baseURL: String, datestamp: Timestamp,
                      declareNamespace: Bool = false, linked: LinkedItems) throws {
        let item = p.item
        try w.start("item")
        if declareNamespace { try w.attribute("xmlns", namespace) }
        try w.attribute("id", item.id.rawValue)
        try w.attribute("kind", item.kind.rawValue)
        try w.attribute("sourceLanguage", item.sourceLanguage.rawValue)
        try w.attribute("created", item.created.description)
        try w.attribute("updated", item.updated.description)
        if let published = item.published { try w.attribute("published", published.description) }
        try w.attribute("datestamp", datestamp.description)
        try w.element("unit", item.unit)
        for t in item.topics { try w.element("topic", t) }
        for c in item.channels { try w.element("channel", c) }
        let rights = Rights(item, config)
        try w.element("rights", rights.licence.uri, attributes: rights.holder.map { [("holder", $0)] } ?? [])
        if let preview = linked.preview(of: item) {
            try w.element("preview", PublicPath.absolute(baseURL, PublicPath.file(preview.id, preview.file.file)),
                          attributes: [("ref", preview.id.rawValue), ("type", preview.file.type)])
        }

        switch item.details {
        case .media(let d): try media(d, item, w, config: config, baseURL: baseURL)
        case .project(let d): try project(d, w)
        case .event(let d): try event(d, w)
        case .publication(let d): try publication(d, item, w, config: config, baseURL: baseURL)
        case .none: break
        }

        for t in p.translations {
            try w.start("text")
            try w.attribute("xml:lang", t.language.rawValue)
            try w.element("title", t.title)
            for name in item.kind.translatableFields where name != "title" {
                if let v = t.fields[name], !v.isEmpty { try w.element(name, v) }
            }
            if !t.body.isEmpty { try w.element("body", t.body, attributes: [("format", "text/markdown")]) }
            try w.element("url", PublicPath.absolute(baseURL, PublicPath.item(item.kind, item.id, t.language)))
            try w.end()
        }

        for (name, target) in item.relations.all where linked.kinds[target] != nil {
            try w.empty("relation", attributes: [("type", name == "attachments" ? "attachment" : name), ("ref", target.rawValue)])
        }
        try w.end()
    }

    /// A record that had been public and no longer is (withdrawn, embargoed, internal, …):
    /// when it was first public, and when it stopped being public.
    public static func write(deleted h: HarvestHeader, _ w: XMLStreamWriter) throws {
        try w.empty("deleted", attributes: [("id", h.id.rawValue), ("kind", h.kind.rawValue),
                                            ("published", (h.firstPublic ?? h.datestamp).description), ("withdrawn", h.datestamp.description)])
    }

    /// `language`: the language of a document (a publication's files); `pages`: its page count.
    private static func file(_ f: FileFacts, _ id: ItemID, _ w: XMLStreamWriter, baseURL: String,
                             language: LanguageCode? = nil, pages: Int? = nil) throws {
        guard !f.file.isEmpty else { return }
        var attributes = [("name", f.file), ("type", f.type), ("sha256", f.sha256), ("bytes", String(f.bytes))]
        if let pages { attributes.append(("pages", String(pages))) }
        if let language { attributes.append(("xml:lang", language.rawValue)) }
        try w.element("file", PublicPath.absolute(baseURL, PublicPath.file(id, f.file)), attributes: attributes)
    }

    private static func geo(_ g: GeoPoint?, _ w: XMLStreamWriter) throws {
        guard let g else { return }
        try w.empty("geo", attributes: [("lat", number(g.lat)), ("lon", number(g.lon))])
    }

    /// Numbers as XML Schema decimals: no exponent, no grouping, a point; each value exactly as
    /// the content file has it (the reader accepts only what this writes back unchanged).
    static func number(_ v: Double) -> String { DecimalRule.format(v) }

    private static func media(_ d: MediaDetails, _ item: Item, _ w: XMLStreamWriter, config: RepositoryConfig, baseURL: String) throws {
        let id = item.id
        try w.start("media")
        try file(d.file, id, w, baseURL: baseURL)
        if let width = d.width, let height = d.height {
            try w.empty("size", attributes: [("width", String(width)), ("height", String(height))])
        }
        if let v = d.video { try w.element("video", v.text) }
        if let t = d.taken { try w.element("taken", t.description) }
        try geo(d.geo, w)
        // The credit line in each language it is written in, the source language's first.
        if !d.credit.isEmpty { try w.element("credit", d.credit, attributes: [("xml:lang", item.sourceLanguage.rawValue)]) }
        for lang in config.languageCodes where lang != item.sourceLanguage {
            if let c = d.creditTranslations[lang] { try w.element("credit", c, attributes: [("xml:lang", lang.rawValue)]) }
        }
        if d.licence == .allRightsReserved {
            let holder = config.holder(of: item, in: item.sourceLanguage)?.text
            try w.element("licence", "all-rights-reserved", attributes: holder.map { [("holder", $0)] } ?? [])
        } else {
            try w.element("licence", d.licence.stored)
        }
        if let s = d.source { try w.element("source", s.text) }
        try w.end()
    }

    private static func project(_ d: ProjectDetails, _ w: XMLStreamWriter) throws {
        try w.start("project")
        try w.element("sector", d.sector)
        try w.start("location")
        try w.element("locality", d.locality)
        if let zone = d.zone { try w.element("zone", zone) }
        try w.end()
        try geo(d.geo, w)
        if let a = d.areaHa { try w.element("area", number(a), attributes: [("unit", "ha")]) }
        if let c = d.capital { try w.element("capital", number(c.amount), attributes: [("currency", c.currency.rawValue)]) }
        try w.element("form", d.form.rawValue)
        try w.element("status", d.status.rawValue)
        if let start = d.scheduleStart {
            var attributes = [("start", String(start))]
            if let end = d.scheduleEnd { attributes.append(("end", String(end))) }
            try w.empty("schedule", attributes: attributes)
        }
        try w.element("contactUnit", d.contactUnit)
        if let decision = d.legalDecision {
            try w.element("legalBasis", decision, attributes: d.legalDate.map { [("date", $0)] } ?? [])
        }
        try w.end()
    }

    private static func event(_ d: EventDetails, _ w: XMLStreamWriter) throws {
        try w.start("event")
        try w.element("start", d.start.description)
        try w.element("end", d.end.description)
        if let l = d.locality { try w.element("locality", l) }
        try geo(d.geo, w)
        try w.end()
    }

    /// Every language's document, each with its language (the source language's first).
    private static func publication(_ d: PublicationDetails, _ item: Item, _ w: XMLStreamWriter, config: RepositoryConfig, baseURL: String) throws {
        try w.start("publication")
        for f in d.files(source: item.sourceLanguage, order: config.languageCodes) {
            try file(f.file, item.id, w, baseURL: baseURL, language: f.language, pages: f.pages)
        }
        if let pages = d.pages { try w.element("pages", String(pages)) }
        if let isbn = d.isbn { try w.element("isbn", isbn) }
        try w.end()
    }
}
