import CLibXML2
import Foundation
public import QuangBaContent
public import QuangBaCore
import QuangBaMarkup
import QuangBaText

/// Reads an XLIFF 2.0 file made by `XliffExport` and turns its targets into language versions.
/// It checks everything before anything is written: the file is well-formed XLIFF 2.0, its
/// target language is configured, each file's source text is still the item's current source
/// (by source_hash), unit, segment and ignorable ids are the ones export wrote, the sources
/// were not edited, every inline code in a target is one of its source's codes, used once and
/// properly nested, and every segment of an item has a target. Any problem, and it returns
/// the problems only: import is all or nothing per file.
public enum XliffImport {
    public struct Change: Sendable {
        public var item: Item
        public var translation: Translation
    }

    public struct Outcome: Sendable {
        public var targetLanguage: LanguageCode
        public var changes: [Change] = []
        /// Items in the file with no target at all: not translated yet, left as they are.
        public var untouched: [ItemID] = []
        public var warnings: [Diagnostic] = []
    }

    /// The changes the file asks for, or every problem found (each with the XLIFF file, line and item).
    public static func read(_ bytes: [UInt8], file: String, repository: Repository, translator: String) -> Result<Outcome, QuangBaError> {
        var problems: [Diagnostic] = []
        func problem(_ line: Int?, _ item: ItemID?, _ key: String, _ args: [String: String] = [:]) {
            problems.append(error(file, line, item, key, args))
        }
        let refused = { QuangBaError(Message("xliff.import_refused", ["file": file]), at: Location(file: file), diagnostics: problems) }

        guard let doc = XMLTree(bytes, file: file) else { return .failure(refused()) }
        if let e = doc.parseError {
            problem(e.line, nil, "xliff.malformed", ["reason": e.message])
            return .failure(refused())
        }
        let root = doc.root
        guard root.name == "xliff", root.namespace == XLIFF.namespace, let version = root["version"], ["2.0", "2.1"].contains(version) else {
            problem(root.line, nil, "xliff.not_xliff2", ["found": "\(root.name) \(root.namespace ?? "") \(root["version"] ?? "")"])
            return .failure(refused())
        }
        let target = LanguageCode(root["trgLang"] ?? "")
        guard repository.config.isConfigured(target) else {
            problem(root.line, nil, "xliff.unconfigured_target", ["lang": target.rawValue, "known": repository.config.languageCodes.map(\.rawValue).joined(separator: ", ")])
            return .failure(refused())
        }
        var outcome = Outcome(targetLanguage: target)
        var seen = Set<String>()
        let files = root.children("file")
        for f in files {
            let fileID = f["id"] ?? ""
            if !seen.insert(fileID).inserted { problem(f.line, nil, "xliff.duplicate_id", ["id": fileID, "element": "file"]) }
        }
        // Each <file> is one item, checked on its own: on all cores.
        let context = FileContext(repository: repository, file: file, target: target, srcLang: root["srcLang"], rootLine: root.line, translator: translator)
        for r in parallelMap(files.count, { context.read(files[$0]) }) {
            problems += r.problems
            outcome.warnings += r.warnings
            if let c = r.change { outcome.changes.append(c) }
            if let u = r.untouched { outcome.untouched.append(u) }
        }
        if root.children("file").isEmpty { problem(root.line, nil, "xliff.no_files") }
        return problems.isEmpty ? .success(outcome) : .failure(refused())
    }

    /// A problem at a line of the XLIFF file, about an item when known.
    private static func error(_ file: String, _ line: Int?, _ item: ItemID?, _ key: String, _ args: [String: String]) -> Diagnostic {
        Diagnostic(.error, Location(file: file, line: line, item: item), Message(key, args))
    }

    /// What one <file> gives: a change, an item left untranslated, or problems.
    private struct FileResult: Sendable {
        var problems: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        var change: Change?
        var untouched: ItemID?
    }

    private struct FileContext: Sendable {
        let repository: Repository
        let file: String
        let target: LanguageCode
        let srcLang: String?
        let rootLine: Int
        let translator: String

        func read(_ f: XMLTree.Element) -> FileResult {
            var out = FileResult()
            func problem(_ line: Int?, _ item: ItemID?, _ key: String, _ args: [String: String] = [:]) {
                out.problems.append(error(file, line, item, key, args))
            }
            let meta = f.metadata
            guard let itemID = ItemID(meta["item"] ?? f["id"] ?? ""), let hash = meta["source_hash"] else {
                problem(f.line, nil, "xliff.no_metadata", ["file": f["id"] ?? ""])
                return out
            }
            guard let kind = repository.kind(of: itemID) else { problem(f.line, itemID, "item.not_found", ["id": itemID.rawValue]); return out }
            let loaded = repository.reader.read(kind: kind, id: itemID.rawValue)
            guard let item = loaded.item, let source = loaded.translation(item.sourceLanguage) else {
                problem(f.line, itemID, "item.unreadable", ["id": itemID.rawValue])
                return out
            }
            if srcLang != item.sourceLanguage.rawValue {
                problem(rootLine, itemID, "xliff.wrong_source_language", ["id": itemID.rawValue, "lang": srcLang ?? "", "source": item.sourceLanguage.rawValue])
                return out
            }
            if target == item.sourceLanguage { problem(rootLine, itemID, "translate.is_source", ["lang": target.rawValue]); return out }
            guard source.contentHash(kind: kind) == hash else {
                problem(f.line, itemID, "xliff.source_changed", ["id": itemID.rawValue, "lang": target.rawValue])
                return out
            }
            let layout = XliffLayout(source: source, kind: kind)
            let read = units(f, layout: layout, item: itemID, file: file, problems: &out.problems)
            guard out.problems.isEmpty else { return out }
            if read.allSatisfy({ $0.value.isEmpty }) { out.untouched = itemID; return out }
            // A translation already approved stays approved: the import is an edit that waits for
            // approval while the public keeps the approved version (ApprovedVersions).
            let status: TranslationStatus = loaded.translation(target)?.status == .approved ? .approved : .draft
            var t = Translation(language: target, status: status, translator: translator, sourceHash: hash)
            for (unit, segments) in read.sorted(by: { $0.key < $1.key }) {
                if unit == "body", let body = layout.unit("body") {
                    t.body = Normalization.nfc(MarkdownSegments.join(bodyPieces(body, segments)))
                } else if let text = segments["s1"] {
                    let value = Normalization.nfc(plain(text))
                    t.fields[unit] = value
                    if let max = kind.maxLength(of: unit), value.unicodeScalars.count > max {
                        out.warnings.append(Diagnostic(.warning, Location(file: file, item: itemID), Message("text.too_long", ["field": unit, "count": "\(value.unicodeScalars.count)", "max": "\(max)"])))
                    }
                }
            }
            out.change = Change(item: item, translation: t)
            return out
        }
    }

    /// Unit id → segment id → the target's inline content; empty when the item has no targets.
    private static func units(_ f: XMLTree.Element, layout: XliffLayout, item: ItemID, file: String, problems: inout [Diagnostic]) -> [String: [String: [Inline]]] {
        func problem(_ line: Int?, _ key: String, _ args: [String: String]) { problems.append(error(file, line, item, key, args)) }
        var out: [String: [String: [Inline]]] = [:]
        var missing: [(line: Int?, unit: String, segment: String)] = []
        let found = f.descendants("unit")
        for u in found {
            let uid = u["id"] ?? ""
            guard let unit = layout.unit(uid) else { problem(u.line, "xliff.unknown_unit", ["unit": uid]); continue }
            if out[uid] != nil { problem(u.line, "xliff.duplicate_id", ["id": uid, "element": "unit"]); continue }
            out[uid] = [:]
            let pieces = u.elements.filter { $0.name == "segment" || $0.name == "ignorable" }
            guard pieces.map({ $0["id"] ?? "" }) == unit.pieceIDs else {
                problem(u.line, "xliff.ids_changed", ["unit": uid])
                continue
            }
            for (el, seg) in zip(pieces.filter { $0.name == "segment" }, unit.segments) {
                let codes = Dictionary(uniqueKeysWithValues: (unit.codes[seg.id] ?? []).map { ($0.id, $0.code) })
                guard let src = el.child("source"), let given = try? Marked.parse(src), Marked.equal(given, Marked.from(seg.segment.content, ids: unit.codes[seg.id] ?? [])) else {
                    problem(el.line, "xliff.source_edited", ["unit": uid, "segment": seg.id])
                    continue
                }
                // "initial" is a target not confirmed: an old translation offered for checking.
                guard let trg = el.child("target"), !trg.isEmptyContent, el["state"] != "initial" else { missing.append((el.line, uid, seg.id)); continue }
                do {
                    out[uid]![seg.id] = try Marked.parse(trg).resolve(codes)
                } catch {
                    problem(trg.line, "xliff.bad_code", ["unit": uid, "segment": seg.id, "reason": (error as? Marked.CodeError)?.reason ?? "\(error)"])
                }
            }
        }
        for unit in layout.units where !found.contains(where: { $0["id"] == unit.id }) {
            problem(f.line, "xliff.missing_unit", ["unit": unit.id])
        }
        // An item with no target at all is simply not translated yet; one with some is incomplete.
        if out.values.contains(where: { !$0.isEmpty }) {
            for m in missing { problem(m.line, "xliff.no_target", ["unit": m.unit, "segment": m.segment]) }
        }
        return out
    }

    /// The body's pieces with each segment's content replaced by its target.
    private static func bodyPieces(_ unit: XliffLayout.Unit, _ targets: [String: [Inline]]) -> [BodyPiece] {
        zip(unit.pieceIDs, unit.pieces).map { id, piece in
            guard case .segment(var s) = piece, let t = targets[id] else { return piece }
            s.content = t
            return .segment(s)
        }
    }

    /// A field's target as one line of plain text.
    private static func plain(_ content: [Inline]) -> String {
        var out = ""
        for node in content {
            switch node {
            case .text(let t): out += t
            case .span(_, let inner): out += plain(inner)
            case .code(let c): out += c.open
            }
        }
        return out.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }
}

/// Inline content as read from XLIFF, codes still known by id only.
indirect enum Marked: Equatable {
    case text(String)
    case paired(String, [Marked])
    case single(String)

    struct CodeError: Error { var reason: String }

    /// The content of a `<source>` or `<target>`: text, `pc`, `ph`, `sc`/`ec` pairs (made
    /// nested again), `cp` (a character XML cannot carry), `mrk` (annotation: its content counts).
    static func parse(_ el: XMLTree.Element) throws -> [Marked] {
        var stack: [(id: String?, content: [Marked])] = [(nil, [])]
        func add(_ m: Marked) {
            if case .text(let t) = m, case .text(let prev)? = stack[stack.count - 1].content.last {
                stack[stack.count - 1].content[stack[stack.count - 1].content.count - 1] = .text(prev + t)
            } else { stack[stack.count - 1].content.append(m) }
        }
        func walk(_ node: XMLTree.Node) throws {
            switch node {
            case .text(let t): add(.text(t))
            case .element(let e):
                guard e.namespace == XLIFF.namespace else { throw CodeError(reason: "<\(e.name)> is not XLIFF inline markup") }
                switch e.name {
                case "pc":
                    let inner = try parse(e)
                    add(.paired(e["id"] ?? "", inner))
                case "ph": add(.single(e["id"] ?? ""))
                case "sc": stack.append((e["id"] ?? "", []))
                case "ec":
                    let ref = e["startRef"] ?? e["id"] ?? ""
                    guard stack.count > 1, stack[stack.count - 1].id == ref else { throw CodeError(reason: "<ec startRef=\"\(ref)\"> does not close the innermost open <sc>") }
                    let top = stack.removeLast()
                    add(.paired(ref, top.content))
                case "cp":
                    guard let v = e["hex"].flatMap({ UInt32($0, radix: 16) }), let u = Unicode.Scalar(v) else { throw CodeError(reason: "<cp hex=\"\(e["hex"] ?? "")\"> is not a character") }
                    add(.text(String(u)))
                case "mrk": for c in e.nodes { try walk(c) }
                case "sm", "em": break
                default: throw CodeError(reason: "<\(e.name)> cannot stand in a segment")
                }
            }
        }
        for c in el.nodes { try walk(c) }
        guard stack.count == 1 else { throw CodeError(reason: "<sc id=\"\(stack.last!.id ?? "")\"> is never closed") }
        return stack[0].content
    }

    /// The source's content in the same form, with the ids export gave its codes.
    static func from(_ content: [Inline], ids: [(id: String, code: InlineCode)]) -> [Marked] {
        var next = 0
        func convert(_ ns: [Inline]) -> [Marked] {
            ns.map { n in
                switch n {
                case .text(let t): return .text(t)
                case .code: defer { next += 1 }; return .single(ids[next].id)
                case .span(_, let inner): let id = ids[next].id; next += 1; return .paired(id, convert(inner))
                }
            }
        }
        return convert(content)
    }

    /// Equal, white space aside (a tool may have collapsed it where xml:space allows).
    static func equal(_ a: [Marked], _ b: [Marked]) -> Bool { a == b || a.map(\.squeezed) == b.map(\.squeezed) }

    private var squeezed: Marked {
        switch self {
        case .text(let t): .text(t.split(whereSeparator: \.isWhitespace).joined(separator: " "))
        case .paired(let id, let inner): .paired(id, inner.map(\.squeezed))
        case .single: self
        }
    }
}

extension Array where Element == Marked {
    /// Codes resolved by id against the source's: each must exist there, be of the same kind
    /// (paired or standalone) and appear once.
    func resolve(_ codes: [String: InlineCode]) throws -> [Inline] {
        var used = Set<String>()
        func convert(_ ms: [Marked]) throws -> [Inline] {
            try ms.map { m in
                switch m {
                case .text(let t): return .text(t)
                case .single(let id), .paired(let id, _):
                    guard let code = codes[id] else { throw Marked.CodeError(reason: "code \(id) is not in the source") }
                    guard used.insert(id).inserted else { throw Marked.CodeError(reason: "code \(id) appears twice") }
                    if case .paired(_, let inner) = m {
                        guard code.isPaired else { throw Marked.CodeError(reason: "code \(id) is a placeholder in the source, not a pair") }
                        return .span(code, try convert(inner))
                    }
                    guard !code.isPaired else { throw Marked.CodeError(reason: "code \(id) encloses text in the source; it cannot be a placeholder") }
                    return .code(code)
                }
            }
        }
        return try convert(self)
    }
}
