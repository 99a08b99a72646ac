import QuangBaCore
import QuangBaText

// The site's Mustache engine: the language of the Mustache specification (v1.4, without
// lambdas and inheritance) over typed values, where only `HTML` values are ever written
// unescaped, so a template cannot publish text from content as markup. Templates compile once into a tree; rendering
// appends bytes to one buffer, with no dynamic casts (a general-purpose engine over `Any`
// values spent most of the site build's rendering time in them).

/// What a template can show: text (always escaped), markup the build made (`HTML`: `{{{x}}}`
/// writes it as it is, `{{x}}` escapes it), a yes/no, a list (a section repeats per element)
/// or a map of names (a section looks names up in it).
enum TemplateValue: Sendable {
    case text(String)
    case html(HTML)
    case flag(Bool)
    case list([TemplateValue])
    case map(TemplateMap)

    /// Whether `{{#x}}` shows its content: not for false and empty lists (nor for a missing name).
    var isTruthy: Bool {
        switch self {
        case .flag(let b): b
        case .list(let a): !a.isEmpty
        case .text(let s): !s.isEmpty
        case .html(let h): !h.markup.isEmpty
        case .map: true
        }
    }
}

/// The names and values of a template context. A page builds dozens of small maps and reads
/// each name a few times: they are kept in one array and found by comparing names (a short
/// name compares as two machine words), which costs less than hashing every name when it is
/// stored and each time it is read. A map with many names (the UI strings) also keeps a
/// dictionary from name to position.
struct TemplateMap: Sendable, ExpressibleByDictionaryLiteral {
    private var entries: [(name: String, value: TemplateValue)] = []
    private var positions: [String: Int]?
    /// Above this many names, look-ups go through `positions`.
    private static let linearLimit = 24

    init(dictionaryLiteral elements: (String, TemplateValue)...) { self.init(elements) }

    /// Later pairs replace earlier ones with the same name.
    init(_ pairs: some Sequence<(String, TemplateValue)>) {
        for (name, value) in pairs { self[name] = value }
    }

    subscript(name: String) -> TemplateValue? {
        get { position(of: name).map { entries[$0].value } }
        set {
            if let i = position(of: name) {
                if let newValue {
                    entries[i].value = newValue
                } else {
                    entries.remove(at: i)
                    positions = nil
                    indexIfLarge()
                }
            } else if let newValue {
                entries.append((name, newValue))
                if positions != nil { positions![name] = entries.count - 1 } else { indexIfLarge() }
            }
        }
    }

    private func position(of name: String) -> Int? {
        if let positions { return positions[name] }
        return entries.firstIndex { $0.name == name }
    }

    private mutating func indexIfLarge() {
        guard positions == nil, entries.count > Self.linearLimit else { return }
        positions = Dictionary(entries.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { $1 })
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    init(stringLiteral value: String) { self = .text(value) }
    init(booleanLiteral value: Bool) { self = .flag(value) }
    init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    init(dictionaryLiteral elements: (String, TemplateValue)...) { self = .map(TemplateMap(elements)) }
    static func number(_ n: Int) -> TemplateValue { .text(String(n)) }
}

/// A template's syntax error, with the line it is on.
struct TemplateSyntaxError: Error, Equatable {
    enum Problem: Equatable {
        case unclosedTag(String)
        case unclosedSection(String)
        case unexpectedClose(String, open: String?)
        case badDelimiters(String)
        case emptyName
    }
    let problem: Problem
    let line: Int
}

/// One compiled template.
struct CompiledTemplate: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        /// A name split at its dots (`.` alone is the current value: no parts); `raw` for
        /// `{{{x}}}` and `{{&x}}`.
        case variable([String], raw: Bool)
        case section([String], inverted: Bool, [Node])
        /// A partial; a standalone one indents each of its lines by `indent`.
        case partial(String, indent: [UInt8])
    }
    let nodes: [Node]

    init(_ source: String) throws(TemplateSyntaxError) {
        var parser = TemplateParser(Array(source.utf8))
        nodes = try parser.parse()
    }
}

/// Named templates that render each other as partials (`{{> name}}`).
struct TemplateLibrary: Sendable {
    private var templates: [String: CompiledTemplate] = [:]
    private var sources: [String: String] = [:]
    /// Standalone partials with an indentation render the partial's source with every line
    /// indented, compiled once per (name, indentation) when first used.
    private let indented = Locked<[String: CompiledTemplate]>([:])

    /// Compiles `source` and keeps it under `name`; returns the compiled template.
    @discardableResult
    mutating func register(_ source: String, named name: String) throws(TemplateSyntaxError) -> CompiledTemplate {
        let compiled = try CompiledTemplate(source)
        templates[name] = compiled
        sources[name] = source
        return compiled
    }

    func has(_ name: String) -> Bool { templates[name] != nil }

    /// The template rendered with `context`, as UTF-8; an unknown name renders as nothing (as
    /// an unknown partial does).
    func renderBytes(_ context: TemplateMap, _ name: String) -> [UInt8] {
        guard let template = templates[name] else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(16_384)
        var stack: [TemplateValue] = [.map(context)]
        render(template.nodes, &stack, &out, depth: 0)
        return out
    }

    func render(_ context: TemplateMap, _ name: String) -> String {
        String(decoding: renderBytes(context, name), as: UTF8.self)
    }

    /// Partials may call themselves (for trees, ended by the data); this bounds a cycle that the data never ends.
    private static let maxDepth = 100

    private func render(_ nodes: [CompiledTemplate.Node], _ stack: inout [TemplateValue], _ out: inout [UInt8], depth: Int) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                out.append(contentsOf: bytes)
            case .variable(let name, let raw):
                guard let value = Self.lookup(name, stack) else { continue }
                switch value {
                // Text is escaped even in `{{{x}}}` (the one departure from the specification,
                // which writes any string raw there): only markup the build made goes out as it is.
                case .text(let s): HTMLText.append(s, to: &out)
                case .html(let h): if raw { out.append(contentsOf: h.markup.utf8) } else { HTMLText.append(h.markup, to: &out) }
                case .flag(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
                case .list, .map: break
                }
            case .section(let name, let inverted, let body):
                let value = Self.lookup(name, stack)
                let shown = value?.isTruthy ?? false
                if inverted {
                    if !shown { render(body, &stack, &out, depth: depth) }
                } else if shown, let value {
                    if case .list(let elements) = value {
                        for e in elements { stack.append(e); render(body, &stack, &out, depth: depth); stack.removeLast() }
                    } else {
                        stack.append(value); render(body, &stack, &out, depth: depth); stack.removeLast()
                    }
                }
            case .partial(let name, let indent):
                guard depth < Self.maxDepth, let template = partial(name, indent: indent) else { continue }
                render(template.nodes, &stack, &out, depth: depth + 1)
            }
        }
    }

    private func partial(_ name: String, indent: [UInt8]) -> CompiledTemplate? {
        guard !indent.isEmpty else { return templates[name] }
        guard let source = sources[name] else { return nil }
        let key = String(decoding: indent, as: UTF8.self) + "\u{0}" + name
        if let hit = indented.with({ $0[key] }) { return hit }
        // Indent every line that has text after it; the source compiled before, so this does too.
        let pad = String(decoding: indent, as: UTF8.self)
        var text = ""
        var atLineStart = true
        for c in source.unicodeScalars {
            if atLineStart { text += pad; atLineStart = false }
            text.unicodeScalars.append(c)
            if c == "\n" { atLineStart = true }
        }
        guard let compiled = try? CompiledTemplate(text) else { return templates[name] }
        indented.with { $0[key] = compiled }
        return compiled
    }

    /// The spec's name resolution: the first part is looked up from the innermost value
    /// outwards; the other parts only inside what the first found.
    private static func lookup(_ name: [String], _ stack: [TemplateValue]) -> TemplateValue? {
        guard let first = name.first else { return stack.last }
        var found: TemplateValue?
        for value in stack.reversed() {
            if case .map(let m) = value, let v = m[first] { found = v; break }
        }
        for part in name.dropFirst() {
            guard case .map(let m)? = found else { return nil }
            found = m[part]
        }
        return found
    }
}

/// Mustache's syntax: `{{name}}`, `{{{raw}}}` and `{{&raw}}`, `{{#section}}`, `{{^inverted}}`,
/// `{{/close}}`, `{{! comment}}`, `{{> partial}}` and `{{=<% %>=}}`. A section, comment,
/// partial or delimiter tag alone on its line takes the whole line with it ("standalone").
private struct TemplateParser {
    let src: [UInt8]
    var pos = 0
    var open: [UInt8] = Array("{{".utf8)
    var close: [UInt8] = Array("}}".utf8)

    init(_ src: [UInt8]) { self.src = src }

    private struct Frame {
        var name: String
        var parts: [String]
        var inverted: Bool
        var nodes: [CompiledTemplate.Node] = []
        var at: Int
    }

    mutating func parse() throws(TemplateSyntaxError) -> [CompiledTemplate.Node] {
        var frames = [Frame(name: "", parts: [], inverted: false, at: 0)]
        func add(_ node: CompiledTemplate.Node) {
            if case .text(let new) = node, case .text(let old)? = frames[frames.count - 1].nodes.last {
                frames[frames.count - 1].nodes[frames[frames.count - 1].nodes.count - 1] = .text(old + new)
            } else {
                frames[frames.count - 1].nodes.append(node)
            }
        }
        while pos < src.count {
            guard let tagStart = find(open, from: pos) else {
                add(.text(Array(src[pos...])))
                break
            }
            let (kind, content, tagEnd) = try readTag(at: tagStart)
            // Standalone: only blanks before the tag on its line (and no other tag), only blanks then the line's end after it.
            var lineStart = tagStart
            while lineStart > 0, src[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
            var after = tagEnd
            while after < src.count, src[after] == UInt8(ascii: " ") || src[after] == UInt8(ascii: "\t") { after += 1 }
            let endsLine = after == src.count || src[after] == UInt8(ascii: "\n")
                || (src[after] == UInt8(ascii: "\r") && after + 1 < src.count && src[after + 1] == UInt8(ascii: "\n"))
            let standalone = "#^/!>=".utf8.contains(kind) && lineStart >= pos && endsLine
                && src[lineStart..<tagStart].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            if standalone {
                if pos < lineStart { add(.text(Array(src[pos..<lineStart]))) }
                pos = after == src.count ? after : after + (src[after] == UInt8(ascii: "\r") ? 2 : 1)
            } else {
                if pos < tagStart { add(.text(Array(src[pos..<tagStart]))) }
                pos = tagEnd
            }
            switch kind {
            case UInt8(ascii: "!"):
                break
            case UInt8(ascii: "="):
                let spec = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard spec.count == 2, !spec.contains(where: { $0.contains("=") }) else {
                    throw TemplateSyntaxError(problem: .badDelimiters(content), line: line(of: tagStart))
                }
                open = Array(spec[0].utf8)
                close = Array(spec[1].utf8)
            case UInt8(ascii: ">"):
                guard !content.isEmpty else { throw TemplateSyntaxError(problem: .emptyName, line: line(of: tagStart)) }
                add(.partial(content, indent: standalone ? Array(src[lineStart..<tagStart]) : []))
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                frames.append(Frame(name: content, parts: try parts(content, at: tagStart), inverted: kind == UInt8(ascii: "^"), at: tagStart))
            case UInt8(ascii: "/"):
                guard frames.count > 1, frames[frames.count - 1].name == content else {
                    throw TemplateSyntaxError(problem: .unexpectedClose(content, open: frames.count > 1 ? frames.last!.name : nil), line: line(of: tagStart))
                }
                let done = frames.removeLast()
                add(.section(done.parts, inverted: done.inverted, done.nodes))
            default:
                add(.variable(try parts(content, at: tagStart), raw: kind != 0))
            }
        }
        if frames.count > 1 {
            throw TemplateSyntaxError(problem: .unclosedSection(frames.last!.name), line: line(of: frames.last!.at))
        }
        return frames[0].nodes
    }

    /// The tag at `start`: its kind (0 for an escaped variable, else its sigil; `{{{x}}}` is `&`), its trimmed content, and where it ends.
    private func readTag(at start: Int) throws(TemplateSyntaxError) -> (UInt8, String, Int) {
        var i = start + open.count
        var kind: UInt8 = 0
        var closing = close
        if i < src.count {
            switch src[i] {
            case UInt8(ascii: "{"):
                kind = UInt8(ascii: "&"); closing = Array("}".utf8) + close; i += 1
            case UInt8(ascii: "="):
                kind = src[i]; closing = Array("=".utf8) + close; i += 1
            case UInt8(ascii: "&"), UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "/"), UInt8(ascii: "!"), UInt8(ascii: ">"):
                kind = src[i]; i += 1
            default:
                break
            }
        }
        guard let end = find(closing, from: i) else {
            throw TemplateSyntaxError(problem: .unclosedTag(String(decoding: open, as: UTF8.self)), line: line(of: start))
        }
        var (from, to) = (i, end)
        while from < to, Self.isBlank(src[from]) { from += 1 }
        while to > from, Self.isBlank(src[to - 1]) { to -= 1 }
        return (kind, String(decoding: src[from..<to], as: UTF8.self), end + closing.count)
    }

    private static func isBlank(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
    }

    private func parts(_ name: String, at: Int) throws(TemplateSyntaxError) -> [String] {
        guard !name.isEmpty else { throw TemplateSyntaxError(problem: .emptyName, line: line(of: at)) }
        return name == "." ? [] : name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    private func find(_ needle: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, src.count >= needle.count else { return nil }
        var i = from
        let last = src.count - needle.count
        while i <= last {
            if src[i] == needle[0] {
                var j = 1
                while j < needle.count, src[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    private func line(of offset: Int) -> Int {
        1 + src[..<offset].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }
}
