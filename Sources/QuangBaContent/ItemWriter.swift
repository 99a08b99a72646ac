import Foundation
public import QuangBaCore
import QuangBaText
import Yams

/// Serializes items and translations in the canonical layout of docs/content-format.md:
/// fixed key order, values quoted only when YAML needs it, so diffs in git stay small.
public enum ItemWriter {
    public static func itemYAML(_ item: Item) -> String {
        var y = YAMLEmitter()
        y.pair("kind", item.kind.rawValue)
        y.pair("source_language", item.sourceLanguage.rawValue)
        y.raw("created", item.created.description)
        y.raw("updated", item.updated.description)
        y.pair("author", item.author)
        y.pair("state", item.state.rawValue)
        y.pair("classification", item.classification.rawValue)
        y.raw("embargo", item.embargo?.description)
        y.raw("published", item.published?.description)
        y.raw("withdrawn", item.withdrawn?.description)
        y.pair("unit", item.unit)
        y.list("topics", item.topics, always: true)
        y.list("channels", item.channels)
        if item.pinned { y.raw("pinned", "true") }
        y.pair("licence", item.licence?.stored)
        if item.relations != Relations() {
            y.open("relations")
            y.pair("cover", item.relations.cover?.rawValue)
            y.list("related", item.relations.related.map(\.rawValue))
            y.list("attachments", item.relations.attachments.map(\.rawValue))
            y.close()
        }
        switch item.details {
        case .none: break
        case .media(let m):
            y.open("media")
            file(&y, m.file)
            y.raw("width", m.width.map(String.init))
            y.raw("height", m.height.map(String.init))
            y.raw("taken", m.taken?.description)
            geo(&y, m.geo)
            localized(&y, "credit", m.credit, m.creditTranslations, source: item.sourceLanguage)
            y.pair("licence", m.licence.stored)
            localized(&y, "holder", m.holder, m.holderTranslations, source: item.sourceLanguage)
            y.pair("source", m.source?.text)
            y.pair("video", m.video?.text)
            y.close()
        case .project(let p):
            y.open("project")
            y.pair("sector", p.sector)
            y.open("location")
            y.pair("locality", p.locality)
            y.pair("zone", p.zone)
            y.close()
            geo(&y, p.geo)
            y.raw("area_ha", p.areaHa.map(number))
            if let c = p.capital { y.raw("capital", "{amount: \(number(c.amount)), currency: \(c.currency.rawValue)}") }
            y.pair("form", p.form.rawValue)
            y.pair("status", p.status.rawValue)
            if p.scheduleStart != nil || p.scheduleEnd != nil {
                y.raw("schedule", "{" + [p.scheduleStart.map { "start: \($0)" }, p.scheduleEnd.map { "end: \($0)" }].compactMap { $0 }.joined(separator: ", ") + "}")
            }
            y.pair("contact_unit", p.contactUnit)
            if let d = p.legalDecision {
                y.open("legal_basis")
                y.pair("decision", d)
                y.raw("date", p.legalDate)
                y.close()
            }
            y.close()
        case .event(let e):
            y.open("event")
            y.raw("start", e.start.description)
            y.raw("end", e.end.description)
            y.pair("locality", e.locality)
            geo(&y, e.geo)
            y.close()
        case .publication(let p):
            y.open("publication")
            file(&y, p.file)
            y.raw("pages", p.pages.map(String.init))
            y.pair("isbn", p.isbn)
            if !p.translatedFiles.isEmpty {
                y.open("files")
                for lang in p.translatedFiles.keys.sorted() {
                    let f = p.translatedFiles[lang]!
                    y.open(lang.rawValue)
                    file(&y, f.file)
                    y.raw("pages", f.pages.map(String.init))
                    y.close()
                }
                y.close()
            }
            y.close()
        }
        return y.text
    }

    public static func translationFile(_ t: Translation, kind: ItemKind, isSource: Bool) -> String {
        var y = YAMLEmitter()
        for name in kind.translatableFields { y.pair(name, t.fields[name]) }
        if !isSource {
            y.pair("status", (t.status ?? .draft).rawValue)
            y.pair("translator", t.translator)
            y.pair("source_hash", t.sourceHash)
        }
        var out = "---\n" + y.text + "---\n"
        if !t.body.isEmpty { out += "\n" + t.body + "\n" }
        return out
    }

    /// A translation as `quangba translate` starts it, so that it cannot pass for done: each
    /// field the source has is written empty, under the source text as a YAML comment
    /// (`# vi: Chợ Kỳ Lừa…` above `title: ""`), the source body follows as comment lines at the
    /// end of the front matter, and the body is empty. Comments are never read, so nothing of the
    /// source reaches an output even if the file is approved by hand (and `TranslationCheck`
    /// refuses an empty translation). The first save through the tool drops the comments.
    public static func startedTranslationFile(_ t: Translation, source: Translation, kind: ItemKind) -> String {
        let from = source.language.rawValue
        var y = YAMLEmitter()
        for name in kind.translatableFields {
            guard let text = source.fields[name], !text.isEmpty else { continue }
            y.comment("\(from): " + text)
            y.pair(name, t.fields[name] ?? "")
        }
        y.pair("status", (t.status ?? .draft).rawValue)
        y.pair("translator", t.translator)
        y.pair("source_hash", t.sourceHash)
        let body = source.body.trimmingCharacters(in: .newlines)
        if !body.isEmpty { y.comment("\(from) (body):\n" + body) }
        var out = "---\n" + y.text + "---\n"
        if !t.body.isEmpty { out += "\n" + t.body + "\n" }
        return out
    }

    private static func file(_ y: inout YAMLEmitter, _ f: FileFacts) {
        y.pair("file", f.file)
        y.pair("type", f.type)
        y.pair("sha256", f.sha256)
        y.raw("bytes", String(f.bytes))
    }

    /// One text, or a mapping of language to text (the source language's first) when it has
    /// other language forms.
    private static func localized(_ y: inout YAMLEmitter, _ key: String, _ text: String?, _ others: [LanguageCode: String], source: LanguageCode) {
        guard let text else { return }
        guard !others.isEmpty else { y.pair(key, text); return }
        y.open(key)
        y.pair(source.rawValue, text)
        for lang in others.keys.sorted() { y.pair(lang.rawValue, others[lang]) }
        y.close()
    }

    private static func geo(_ y: inout YAMLEmitter, _ g: GeoPoint?) {
        if let g { y.raw("geo", "{lat: \(number(g.lat)), lon: \(number(g.lon))}") }
    }

    /// Plain decimal notation, as the reader accepts it (`DecimalRule.format`).
    static func number(_ v: Double) -> String { DecimalRule.format(v) }
}

/// A tiny block-style YAML writer for the canonical files.
struct YAMLEmitter {
    private(set) var text = ""
    private var indent = ""

    mutating func open(_ key: String) { text += "\(indent)\(key):\n"; indent += "  " }
    mutating func close() { indent.removeLast(2) }

    mutating func raw(_ key: String, _ value: String?) {
        guard let value else { return }
        text += "\(indent)\(key): \(value)\n"
    }

    mutating func pair(_ key: String, _ value: String?) {
        guard let value else { return }
        raw(key, YAMLEmitter.scalar(value))
    }

    /// `#` before every line of `text` (a blank line becomes a lone `#`).
    mutating func comment(_ lines: String) {
        // Every character YAML takes for a line break ends a comment line (U+2028 too).
        for line in lines.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            text += line.isEmpty ? "\(indent)#\n" : "\(indent)# \(line)\n"
        }
    }

    mutating func list(_ key: String, _ values: [String], always: Bool = false) {
        guard always || !values.isEmpty else { return }
        raw(key, "[" + values.map(YAMLEmitter.scalar).joined(separator: ", ") + "]")
    }

    /// A plain scalar when it reads back as the same string, else a double-quoted one (a JSON
    /// string is a valid YAML double-quoted scalar).
    static func scalar(_ s: String) -> String { isPlainSafe(s) ? s : JSONText.quote(s) }

    private static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]
    private static let indicators = Set("-?:,[]{}#&*!|>'\"%@`".utf8)
    private static let numberStarts = Set("+-.0123456789iInN\t\n\r\u{0B}\u{0C}".utf8)
    private static let resolvedStarts = Set("+-.0123456789<=".utf8)

    /// One pass over the bytes: every character it looks for is ASCII. (It runs for every
    /// field of every item the index hashes, `RecordLedger.Served`.)
    static func isPlainSafe(_ s: String) -> Bool {
        let u = s.utf8
        guard let first = u.first, let last = u.last else { return false }
        if first == 0x20 || last == 0x20 || last == 0x3A { return false }
        if Self.indicators.contains(first) { return false }
        if u.count <= 5, u.allSatisfy({ $0 < 0x80 }), reserved.contains(s.lowercased()) { return false }
        // Only these can start what Int or Double reads (a sign, a digit, a dot, inf, nan).
        if Self.numberStarts.contains(first), Double(s) != nil || Int(s) != nil { return false }
        // Nor what YAML 1.1 reads as a number, a time or a key (1:30, 0o17, 1_000, .inf, <<).
        if Self.resolvedStarts.contains(first), Resolver.default.resolveTag(of: Node(s)) != .str { return false }
        // Dates and times would be read back as timestamps by other YAML tools.
        if u.count >= 10 {
            let a = Array(u.prefix(8))
            if a[4] == 0x2D, a[7] == 0x2D, a[0...3].allSatisfy({ (0x30...0x39).contains($0) }) { return false }
        }
        var previous: UInt8 = 0
        for b in u {
            switch b {
            // A tab; a comma or bracket (flow context); ": " (a key) and " #" (a comment).
            case 0x09, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D: return false
            case 0x20 where previous == 0x3A: return false
            case 0x23 where previous == 0x20: return false
            default: previous = b
            }
        }
        return s.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) && $0.value != 0xFEFF && $0.value != 0x2028 && $0.value != 0x2029 }
    }
}
