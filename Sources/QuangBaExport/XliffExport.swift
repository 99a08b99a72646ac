public import QuangBaContent
public import QuangBaCore
import QuangBaMarkup
import QuangBaText
import QuangBaXML

/// Writes OASIS XLIFF 2.0 for translators: one `<file>` per item, one `<unit>` per translatable
/// field and one for the body (a `<segment>` per block, the Markdown between blocks as
/// `<ignorable>`), inline Markdown as `<pc>`/`<ph>` codes whose Markdown sits in
/// `<originalData>`, the current translation as targets where it lines up with the source,
/// and notes that give the context. Every file records the item and the hash of the source
/// text it was made from (Metadata module), which import checks.
public enum XliffExport {
    /// An item as it may go to translators. Only `init(_:from:to:previousSource:)` makes one,
    /// so no front end can send out what the rule keeps in: an item that cannot be read
    /// cleanly (a secrecy stamp is an error), one classified internal, or one written in
    /// another language than the file's source.
    public struct Entry: Sendable {
        public let item: Item
        public let source: Translation
        public let target: Translation?
        /// The source text the target was made from, when it is stale and that text is known
        /// (SourceHistory): segments whose source did not change since keep their state.
        public let previousSource: Translation?

        /// Throws `item.unreadable`, `xliff.internal` or `xliff.other_source`, naming the item.
        public init(_ loaded: LoadedItem, from source: LanguageCode, to target: LanguageCode, previousSource: Translation? = nil) throws {
            let id = loaded.item?.id.rawValue ?? loaded.folder
            guard let item = loaded.item, !loaded.hasErrors, let text = loaded.translation(item.sourceLanguage) else {
                throw QuangBaError(Message("item.unreadable", ["id": id]), at: Location(file: loaded.folder), diagnostics: loaded.diagnostics)
            }
            guard item.classification == .public else { throw QuangBaError(Message("xliff.internal", ["id": id]), at: Location(item: item.id)) }
            guard item.sourceLanguage == source else {
                throw QuangBaError(Message("xliff.other_source", ["id": id, "lang": item.sourceLanguage.rawValue]), at: Location(item: item.id))
            }
            self.item = item
            self.source = text
            self.target = loaded.translation(target)
            self.previousSource = previousSource
        }
    }

    public struct Report: Sendable {
        public var files = 0
        public var segments = 0
        /// Characters of source text (code points): what translation is priced and planned by
        /// for Chinese, Japanese and Korean, where words are not separated by spaces.
        public var characters = 0
        /// Segments that came with a target from the current translation.
        public var translated = 0
    }

    /// The document as UTF-8 bytes.
    public static func document(_ entries: [Entry], from source: LanguageCode, to target: LanguageCode) throws -> (bytes: [UInt8], report: Report) {
        var report = Report()
        let bytes = try XMLStreamWriter.document(indent: true) { w in
            try w.start("xliff")
            try w.attribute("xmlns", XLIFF.namespace)
            try w.attribute("xmlns:mda", XLIFF.metadataNamespace)
            try w.attribute("xmlns:slr", XLIFF.sizeNamespace)
            try w.attribute("version", "2.0")
            try w.attribute("srcLang", source.rawValue)
            try w.attribute("trgLang", target.rawValue)
            for e in entries { try file(e, w, &report) }
            try w.end()
        }
        return (bytes, report)
    }

    private static func file(_ e: Entry, _ w: XMLStreamWriter, _ report: inout Report) throws {
        let kind = e.item.kind
        let sourceHash = e.source.contentHash(kind: kind)
        let layout = XliffLayout(source: e.source, kind: kind)
        let stale = e.target.map { $0.sourceHash != sourceHash } ?? false
        report.files += 1
        try w.start("file")
        try w.attribute("id", e.item.id.rawValue)
        try w.attribute("original", "content/\(kind.rawValue)/\(e.item.id.rawValue)/\(e.source.language.rawValue).md")
        // Segments are the blocks that import rebuilds the body from: a tool must not split or join them.
        try w.attribute("canResegment", "no")
        try w.start("mda:metadata")
        try w.start("mda:metaGroup")
        try w.attribute("category", XLIFF.metaCategory)
        try w.element("mda:meta", e.item.id.rawValue, attributes: [("type", "item")])
        try w.element("mda:meta", kind.rawValue, attributes: [("type", "kind")])
        try w.element("mda:meta", sourceHash, attributes: [("type", "source_hash")])
        try w.end()
        try w.end()
        try w.start("slr:profiles")
        try w.attribute("generalProfile", "xliff:codepoints")
        try w.empty("slr:normalization", attributes: [("general", "nfc")])
        try w.end()
        try w.start("notes")
        try w.element("note", "\(kind.rawValue) “\(e.source.title)” (\(e.item.id.rawValue)), owner unit \(e.item.unit)", attributes: [("category", "item")])
        if stale {
            try w.element("note", "The existing translation was made from an earlier version of the source. Its targets are offered as they are: those in state initial need checking against the new source and confirming; import takes a segment still in state initial as not translated.", attributes: [("category", "status")])
        }
        try w.end()
        for unit in layout.units {
            let existing = targets(for: unit, in: e.target)
            // A stale target is offered for checking: "initial" until the translator confirms
            // it (import takes "initial" as not translated), unless its source is unchanged.
            let previous = stale ? targets(for: unit, in: e.previousSource) : [:]
            let state = { (segment: String, source: [Inline]) -> String in
                if !stale { return e.target?.status == .approved ? "final" : "translated" }
                return previous[segment] == source ? "translated" : "initial"
            }
            try self.unit(unit, existing: existing, state: state, w, &report)
        }
        try w.end()
    }

    /// The current translation's content per segment id, where it lines up with the source:
    /// the same field, or for the body the same skeleton and codes block by block.
    private static func targets(for unit: XliffLayout.Unit, in target: Translation?) -> [String: [Inline]] {
        guard let target else { return [:] }
        guard unit.isBody else {
            guard let v = target.fields[unit.id], !v.isEmpty else { return [:] }
            return ["s1": [.text(v)]]
        }
        let pieces = MarkdownSegments.split(target.body)
        guard pieces.count == unit.pieces.count else { return [:] }
        var out: [String: [Inline]] = [:]
        for (i, (mine, theirs)) in zip(unit.pieces, pieces).enumerated() {
            switch (mine, theirs) {
            case (.skeleton(let a), .skeleton(let b)): if a != b { return [:] }
            case (.segment(let a), .segment(let b)): if a.context != b.context { return [:] }; out[unit.pieceIDs[i]] = b.content
            default: return [:]
            }
        }
        return out
    }

    private static func unit(_ unit: XliffLayout.Unit, existing: [String: [Inline]], state: (String, [Inline]) -> String,
                             _ w: XMLStreamWriter, _ report: inout Report) throws {
        var data = DataTable()
        var rendered: [String] = []
        for (id, piece) in zip(unit.pieceIDs, unit.pieces) {
            switch piece {
            case .skeleton(let s):
                rendered.append("<ignorable id=\"\(id)\"><source>\(XMLText.escape(s))</source></ignorable>")
            case .segment(let seg):
                let codes = unit.codes[id] ?? []
                var next = 0
                let source = content(seg.content, data: &data) { code in
                    defer { next += 1 }
                    return codes[next].id
                }
                report.segments += 1
                report.characters += characterCount(seg.content)
                var target = ""
                if let existing = existing[id], let t = targetContent(existing, codes: codes, data: &data) {
                    target = "<target>\(t)</target>"
                    report.translated += 1
                }
                let segmentState = target.isEmpty ? "initial" : state(id, seg.content)
                rendered.append("<segment id=\"\(id)\" state=\"\(segmentState)\"><source>\(source)</source>\(target)</segment>")
            }
        }
        try w.start("unit")
        try w.attribute("id", unit.id)
        try w.attribute("name", unit.id)
        if unit.isBody { try w.attribute("xml:space", "preserve") }
        if let max = unit.maxLength { try w.attribute("slr:sizeRestriction", "\(max)") }
        try w.start("notes")
        if unit.isBody {
            try w.element("note", "The Markdown body: one segment per paragraph, heading, list item or table cell. Links, emphasis and code are inline codes; keep them around the words they belong to. The markup between blocks (ignorable) is rebuilt on import.", attributes: [("category", "field")])
        } else {
            try w.element("note", "Field: \(unit.id). Plain text, no Markdown.", attributes: [("category", "field")])
        }
        if let max = unit.maxLength {
            try w.element("note", "At most \(max) characters: the site shows this field in a space of fixed size.", attributes: [("category", "max-length")])
        }
        try w.end()
        if !data.entries.isEmpty {
            try w.start("originalData")
            for (id, value) in data.entries { try w.element("data", value, attributes: [("id", id)]) }
            try w.end()
        }
        // Written whole, so no indentation can slip into text; placed on lines of their own.
        for (k, r) in rendered.enumerated() { try w.raw(Array(((k == 0 ? "      " : "\n      ") + r).utf8)) }
        try w.raw(Array("\n    ".utf8))
        try w.end()
    }

    /// Inline content as XLIFF: text escaped, codes as `pc`/`ph` whose Markdown goes to `originalData`.
    private static func content(_ inlines: [Inline], data: inout DataTable, id: (InlineCode) -> String) -> String {
        var out = ""
        for node in inlines {
            switch node {
            case .text(let t): out += XMLText.escape(t)
            case .code(let c):
                let (type, sub) = c.xliffType
                out += "<ph id=\"\(id(c))\" dataRef=\"\(data.id(c.open))\" type=\"\(type)\""
                if let sub { out += " subType=\"\(sub)\"" }
                if c.kind == .code { out += " disp=\"\(XMLText.escape(c.open, attribute: true))\"" }
                out += "/>"
            case .span(let c, let inner):
                let (type, sub) = c.xliffType
                out += "<pc id=\"\(id(c))\" dataRefStart=\"\(data.id(c.open))\" dataRefEnd=\"\(data.id(c.close))\" type=\"\(type)\""
                if let sub { out += " subType=\"\(sub)\"" }
                out += ">" + content(inner, data: &data, id: id) + "</pc>"
            }
        }
        return out
    }

    /// A translation's inline content with each code given the id of the source code it
    /// matches (same Markdown, first unused); nil when a code has no match in the source.
    private static func targetContent(_ inlines: [Inline], codes: [(id: String, code: InlineCode)], data: inout DataTable) -> String? {
        var used = Set<String>()
        var failed = false
        let xml = content(inlines, data: &data) { code in
            guard let m = codes.first(where: { $0.code == code && !used.contains($0.id) }) else { failed = true; return "x" }
            used.insert(m.id)
            return m.id
        }
        return failed ? nil : xml
    }

    private static func characterCount(_ inlines: [Inline]) -> Int {
        inlines.reduce(0) { n, node in
            switch node {
            case .text(let t): n + t.unicodeScalars.count
            case .span(_, let inner): n + characterCount(inner)
            case .code: n
            }
        }
    }
}

/// The Markdown of a unit's codes, each distinct string once, in first-use order.
private struct DataTable {
    var entries: [(String, String)] = []
    private var ids: [String: String] = [:]

    mutating func id(_ value: String) -> String {
        if let id = ids[value] { return id }
        let id = "d\(entries.count + 1)"
        ids[value] = id
        entries.append((id, value))
        return id
    }
}

extension XliffExport {
    /// The entries of `ids` from `source` to `target`, with what each stale translation was made
    /// from (the previous source, from `SourceHistory`), read on all cores: reading and parsing
    /// the items is most of an export's work. `named`: the editor named these ids, so anything
    /// that may not leave is an error; otherwise (chosen by coverage) it is left out, and the
    /// unreadable ones are returned to be said.
    public static func entries(_ repo: Repository, _ ids: [ItemID], from source: LanguageCode, to target: LanguageCode,
                               named: Bool) throws -> (entries: [Entry], unreadable: [ItemID]) {
        let history = SourceHistory(repo)
        let read = parallelMap(ids.count) { i in
            Result { () throws -> (LoadedItem, Translation?) in
                let loaded = try repo.load(ids[i])
                guard let item = loaded.item, let text = loaded.translation(item.sourceLanguage),
                      let hash = loaded.translation(target)?.sourceHash, hash != text.contentHash(kind: item.kind) else { return (loaded, nil) }
                return (loaded, (try? history.version(of: item, hash: hash))?.source)
            }
        }
        var entries: [Entry] = []
        var unreadable: [ItemID] = []
        for (id, result) in zip(ids, read) {
            let (loaded, previous) = try result.get()
            do {
                entries.append(try Entry(loaded, from: source, to: target, previousSource: previous))
            } catch let e as QuangBaError where !named {
                if e.message.key == "item.unreadable" { unreadable.append(id) }
            }
        }
        return (entries, unreadable)
    }
}
