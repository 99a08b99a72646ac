import CCmarkGFM
import Foundation

/// A Markdown body split for translation: the text of each block (paragraph, heading, table
/// cell) becomes a segment of inline runs, and the Markdown around the blocks (list markers,
/// quote marks, blank lines, fences, table pipes) becomes skeleton, which translators never
/// see as text. `MarkdownSegments.join` writes Markdown back from the pieces. It is written
/// afresh from cmark's syntax tree, so it renders to the same structure as the input without
/// being byte-identical to it (`_x_` comes back as `*x*`, a setext heading as `#`).
public enum BodyPiece: Hashable, Sendable {
    case skeleton(String)
    case segment(Segment)
}

public struct Segment: Hashable, Sendable {
    public enum Context: String, Hashable, Sendable { case paragraph, heading, tableCell = "table-cell" }
    public var context: Context
    public var content: [Inline]
    /// What each new line inside the segment starts with: the enclosing quote marks and list
    /// indentation, so a line break keeps the text inside its block.
    public var continuation: String

    public init(context: Context, content: [Inline], continuation: String = "") {
        self.context = context; self.content = content; self.continuation = continuation
    }
}

/// Inline content: text to translate, and the Markdown codes around or between it, which
/// translators move but cannot change.
public indirect enum Inline: Hashable, Sendable {
    case text(String)
    /// Emphasis, strong, strikethrough, a link or an image around translatable content.
    case span(InlineCode, [Inline])
    /// A code span, a line break or inline HTML: nothing in it is translated.
    case code(InlineCode)
}

public struct InlineCode: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case emphasis, strong, strikethrough, link, image, code, lineBreak = "line-break", html
    }
    public var kind: Kind
    /// The Markdown before the content and after it; a standalone code has all of it in `open`.
    public var open: String
    public var close: String

    public init(_ kind: Kind, open: String, close: String = "") { self.kind = kind; self.open = open; self.close = close }
}

public enum MarkdownSegments {
    /// The body as skeleton and segments, in document order.
    public static func split(_ markdown: String) -> [BodyPiece] {
        Markdown.withDocument(markdown) { doc, _ in
            var w = SkeletonWriter()
            w.blocks(cmark_node_first_child(doc), tight: false)
            return w.pieces
        }
    }

    /// Markdown from the pieces: skeleton as it is, each segment written with its codes, and
    /// its text escaped so that no translation can turn into markup.
    public static func join(_ pieces: [BodyPiece]) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .skeleton(let s): out += s
            case .segment(let s): out += markdown(s)
            }
        }
        return out
    }

    /// The segments only, for counting and comparing.
    public static func segments(_ pieces: [BodyPiece]) -> [Segment] {
        pieces.compactMap { if case .segment(let s) = $0 { s } else { nil } }
    }

    /// One segment as Markdown.
    public static func markdown(_ segment: Segment) -> String {
        var content = segment.content
        while case .code(let c)? = content.last, c.kind == .lineBreak { content.removeLast() }  // a break at the end shows as "\"
        var text = inlineMarkdown(content, inTable: segment.context == .tableCell)
        if segment.context == .heading, text.hasSuffix("#") { text = String(text.dropLast()) + "\\#" }  // not a closing sequence
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { escapeLineStart(String($0)) }
        return lines.joined(separator: "\n" + segment.continuation)
    }

    static func inlineMarkdown(_ content: [Inline], inTable: Bool) -> String {
        var out = ""
        for node in content {
            switch node {
            case .text(let t): out += escape(t, inTable: inTable)
            case .code(let c): out += c.open
            case .span(let c, let inner):
                let body = inlineMarkdown(inner, inTable: inTable)
                switch c.kind {
                case .emphasis, .strong, .strikethrough:
                    // Delimiters next to a space do not open or close: keep spaces outside them.
                    let core = body.trimmingCharacters(in: .whitespaces)
                    guard !core.isEmpty else { out += body; continue }
                    let lead = body.prefix { $0 == " " }, trail = String(body.reversed().prefix { $0 == " " })
                    out += lead + c.open + core + c.close + trail
                default:
                    out += c.open + body + c.close
                }
            }
        }
        return out
    }

    /// Text with every character that could start markup backslash-escaped, and line ends
    /// (which a translator may type) made spaces.
    static func escape(_ text: String, inTable: Bool) -> String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        for (i, u) in scalars.enumerated() {
            switch u {
            case "\\", "`", "*", "_", "[", "]", "<", "~": out += "\\"; out.unicodeScalars.append(u)
            case "|" where inTable: out += "\\|"
            case "&" where startsEntity(scalars, at: i): out += "\\&"
            case "\n", "\r": out += " "
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// `&amp;`, `&#123;`, `&#x1F;`: text that Markdown would read as an entity reference.
    private static func startsEntity(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        var j = i + 1
        if j < s.count, s[j] == "#" { j += 1; if j < s.count, s[j] == "x" || s[j] == "X" { j += 1 } }
        let start = j
        while j < s.count, s[j].properties.isASCIIHexDigit || (s[j].isASCII && s[j].properties.isAlphabetic) { j += 1 }
        return j > start && j < s.count && s[j] == ";"
    }

    /// A line that would start a block (heading, quote, list, setext underline) escaped so it
    /// stays text; leading spaces dropped, as they would make an indented code block.
    static func escapeLineStart(_ line: String) -> String {
        let s = line.drop { $0 == " " || $0 == "\t" }
        guard let first = s.first else { return String(s) }
        if "#>-+=|".contains(first) { return "\\" + s }
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9, let next = s.dropFirst(digits.count).first, next == "." || next == ")" {
            return digits + "\\" + s.dropFirst(digits.count)
        }
        return String(s)
    }
}

/// Walks cmark's tree and writes the skeleton, with a segment wherever block text stands.
private struct SkeletonWriter {
    var pieces: [BodyPiece] = []
    /// Continuation prefixes of the enclosing quotes and list items, outermost first.
    private var prefixes: [String] = []

    private var continuation: String { prefixes.joined() }

    private mutating func put(_ s: String) {
        if case .skeleton(let t)? = pieces.last { pieces[pieces.count - 1] = .skeleton(t + s) } else { pieces.append(.skeleton(s)) }
    }

    private mutating func newline() { put("\n" + continuation) }

    private mutating func blankLine() {
        var bare = continuation
        while bare.hasSuffix(" ") { bare.removeLast() }
        put("\n" + bare + "\n" + continuation)
    }

    private mutating func segment(_ context: Segment.Context, _ node: OpaquePointer) {
        let content = Self.inlines(node)
        if !content.isEmpty { pieces.append(.segment(Segment(context: context, content: content, continuation: continuation))) }
    }

    mutating func blocks(_ first: OpaquePointer?, tight: Bool) {
        var node = first, previous: OpaquePointer?
        while let n = node {
            if previous != nil { tight ? newline() : blankLine() }
            block(n, after: previous)
            previous = n
            node = cmark_node_next(n)
        }
    }

    private mutating func block(_ node: OpaquePointer, after previous: OpaquePointer?) {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH: segment(.paragraph, node)
        case CMARK_NODE_HEADING:
            put(String(repeating: "#", count: Int(cmark_node_get_heading_level(node))))
            if cmark_node_first_child(node) != nil { put(" ") }
            segment(.heading, node)
        case CMARK_NODE_THEMATIC_BREAK: put("***")  // "---" after a list marker would read as a break, not an item
        case CMARK_NODE_CODE_BLOCK: codeBlock(node)
        case CMARK_NODE_HTML_BLOCK: lines(Self.literal(node))
        case CMARK_NODE_BLOCK_QUOTE:
            put(">")
            if cmark_node_first_child(node) != nil { put(" ") }
            prefixes.append("> ")
            blocks(cmark_node_first_child(node), tight: false)
            prefixes.removeLast()
        case CMARK_NODE_LIST: list(node, after: previous)
        default:
            if Self.typeName(node) == "table" { table(node) } else { lines(Self.commonmark(node)) }
        }
    }

    private mutating func lines(_ text: String) {
        var text = text
        while text.hasSuffix("\n") { text.removeLast() }
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if i > 0 { newline() }
            put(String(line))
        }
    }

    private mutating func codeBlock(_ node: OpaquePointer) {
        let code = Self.literal(node)
        let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
        let mark: Character = info.contains("`") ? "~" : "`"
        let fence = String(repeating: mark, count: max(3, Self.longestRun(of: mark, in: code) + 1))
        put(fence + info)
        var body = code
        if body.hasSuffix("\n") { body.removeLast() }
        if !code.isEmpty {
            for line in body.split(separator: "\n", omittingEmptySubsequences: false) { newline(); put(String(line)) }
        }
        newline()
        put(fence)
    }

    private mutating func list(_ node: OpaquePointer, after previous: OpaquePointer?) {
        let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
        // Two lists in a row stay two lists only if their markers differ.
        let follows = previous.map { cmark_node_get_type($0) == CMARK_NODE_LIST && (cmark_node_get_list_type($0) == CMARK_ORDERED_LIST) == ordered } ?? false
        let tight = cmark_node_get_list_tight(node) != 0
        var number = Int(cmark_node_get_list_start(node))
        var item = cmark_node_first_child(node)
        var first = true
        while let it = item {
            if !first { tight ? newline() : blankLine() }
            first = false
            let marker = ordered ? "\(number)\(follows ? ")" : ".")" : (follows ? "*" : "-")
            put(marker)
            if cmark_node_first_child(it) != nil { put(" ") }
            prefixes.append(String(repeating: " ", count: marker.count + 1))
            blocks(cmark_node_first_child(it), tight: tight)
            prefixes.removeLast()
            number += 1
            item = cmark_node_next(it)
        }
    }

    private mutating func table(_ node: OpaquePointer) {
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        let alignments = cmark_gfm_extensions_get_table_alignments(node)
        var row = cmark_node_first_child(node)
        var isFirst = true
        while let r = row {
            if !isFirst { newline() }
            put("|")
            var cell = cmark_node_first_child(r)
            while let c = cell {
                put(" ")
                segment(.tableCell, c)
                put(" |")
                cell = cmark_node_next(c)
            }
            if isFirst {
                newline()
                put("|")
                for i in 0..<columns {
                    switch alignments?[i] {
                    case UInt8(ascii: "l"): put(" :-- |")
                    case UInt8(ascii: "c"): put(" :-: |")
                    case UInt8(ascii: "r"): put(" --: |")
                    default: put(" --- |")
                    }
                }
                isFirst = false
            }
            row = cmark_node_next(r)
        }
    }

    // MARK: inline content

    static func inlines(_ parent: OpaquePointer) -> [Inline] {
        var out: [Inline] = []
        var node = cmark_node_first_child(parent)
        while let n = node {
            switch inline(n) {
            case .text(let t):
                if case .text(let prev)? = out.last { out[out.count - 1] = .text(prev + t) } else { out.append(.text(t)) }
            case let other: out.append(other)
            }
            node = cmark_node_next(n)
        }
        return out
    }

    private static func inline(_ n: OpaquePointer) -> Inline {
        switch cmark_node_get_type(n) {
        case CMARK_NODE_TEXT: return .text(literal(n))
        case CMARK_NODE_SOFTBREAK: return .text(" ")
        case CMARK_NODE_LINEBREAK: return .code(InlineCode(.lineBreak, open: "\\\n"))
        case CMARK_NODE_CODE: return .code(InlineCode(.code, open: codeSpan(literal(n))))
        case CMARK_NODE_HTML_INLINE: return .code(InlineCode(.html, open: literal(n)))
        case CMARK_NODE_EMPH: return .span(InlineCode(.emphasis, open: "*", close: "*"), inlines(n))
        case CMARK_NODE_STRONG: return .span(InlineCode(.strong, open: "**", close: "**"), inlines(n))
        case CMARK_NODE_LINK: return .span(InlineCode(.link, open: "[", close: destination(n)), inlines(n))
        case CMARK_NODE_IMAGE: return .span(InlineCode(.image, open: "![", close: destination(n)), inlines(n))
        default:
            if typeName(n) == "strikethrough" { return .span(InlineCode(.strikethrough, open: "~~", close: "~~"), inlines(n)) }
            var md = commonmark(n)
            while md.hasSuffix("\n") { md.removeLast() }
            return .code(InlineCode(.html, open: md))
        }
    }

    /// `](url "title")`, with the URL in angle brackets when it has spaces or parentheses.
    private static func destination(_ n: OpaquePointer) -> String {
        let url = cmark_node_get_url(n).map { String(cString: $0) } ?? ""
        let title = cmark_node_get_title(n).map { String(cString: $0) } ?? ""
        var dest = url
        if url.contains(where: { " ()<>\\".contains($0) }) {
            dest = "<" + url.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "<", with: "\\<").replacingOccurrences(of: ">", with: "\\>") + ">"
        }
        if !title.isEmpty {
            dest += " \"" + title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return "](" + dest + ")"
    }

    /// A code span that shows `code` exactly: a fence longer than any backtick run inside it,
    /// and padding where the code starts or ends with a backtick or a space.
    private static func codeSpan(_ code: String) -> String {
        let fence = String(repeating: "`", count: longestRun(of: "`", in: code) + 1)
        let pad = code.hasPrefix("`") || code.hasSuffix("`") || (code.hasPrefix(" ") && code.hasSuffix(" ") && !code.allSatisfy { $0 == " " })
        return fence + (pad ? " " : "") + code + (pad ? " " : "") + fence
    }

    static func longestRun(of c: Character, in s: String) -> Int {
        var best = 0, run = 0
        for ch in s { if ch == c { run += 1; best = max(best, run) } else { run = 0 } }
        return best
    }

    private static func literal(_ n: OpaquePointer) -> String { cmark_node_get_literal(n).map { String(cString: $0) } ?? "" }

    private static func typeName(_ n: OpaquePointer) -> String { cmark_node_get_type_string(n).map { String(cString: $0) } ?? "" }

    /// cmark's own Markdown for a node this writer has no rule for: kept whole as skeleton.
    private static func commonmark(_ n: OpaquePointer) -> String {
        guard let out = cmark_render_commonmark(n, CMARK_OPT_DEFAULT, 0) else { return "" }
        defer { free(out) }
        return String(cString: out)
    }
}
