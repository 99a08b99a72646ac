import CCmarkGFM
import QuangBaCore
import Foundation

/// cmark-gfm keeps process-wide state: the extension registry, and the table of special inline
/// characters that every parse with extensions adds to and removes from. Two parses at once
/// corrupt it (seen as an assertion failure in blocks.c), so all use of the library goes
/// through this lock. Registration happens once, under it.
private let cmarkLock = NSLock()
nonisolated(unsafe) private var cmarkRegistered = false

/// CommonMark with GFM tables, strikethrough and autolinks, through the reference
/// implementation. Safe by default: raw HTML is omitted and `javascript:` links are emptied.
public enum Markdown {
    /// The body rendered as HTML.
    public static func html(_ markdown: String) -> String {
        withDocument(markdown) { doc, extensions in
            guard let out = cmark_render_html(doc, CMARK_OPT_DEFAULT | CMARK_OPT_SAFE, extensions) else { return "" }
            defer { free(out) }
            return String(cString: out)
        }
    }

    /// The text of the body with the markup removed, one block per line: what full-text search
    /// indexes and what excerpts are cut from.
    public static func plainText(_ markdown: String) -> String { String(decoding: plainTextUTF8(markdown), as: UTF8.self) }

    /// `plainText` as UTF-8 bytes, for the search index, which works on bytes: cmark's
    /// literals are appended where they lie, without a String (and its validation) for each.
    public static func plainTextUTF8(_ markdown: String) -> [UInt8] {
        withDocument(markdown) { doc, _ in
            var out: [UInt8] = []
            out.reserveCapacity(markdown.utf8.count)
            func append(_ literal: UnsafePointer<CChar>) {
                out.append(contentsOf: UnsafeRawBufferPointer(start: literal, count: strlen(literal)))
            }
            let iter = cmark_iter_new(doc)
            defer { cmark_iter_free(iter) }
            while true {
                let ev = cmark_iter_next(iter)
                if ev == CMARK_EVENT_DONE { break }
                guard let node = cmark_iter_get_node(iter) else { continue }
                let type = cmark_node_get_type(node)
                if ev == CMARK_EVENT_ENTER, type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                    if let lit = cmark_node_get_literal(node) { append(lit) }
                } else if ev == CMARK_EVENT_ENTER, type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                    out.append(0x20)
                } else if ev == CMARK_EVENT_EXIT, isBlock(type) || isTableCell(node) {
                    if let last = out.last, last != 0x0A { out.append(0x0A) }
                } else if ev == CMARK_EVENT_ENTER, type == CMARK_NODE_CODE_BLOCK, let lit = cmark_node_get_literal(node) {
                    append(lit)
                }
            }
            while out.last == 0x0A { out.removeLast() }
            return out
        }
    }

    /// The first sentences of the plain text, at most `maxCharacters` characters, cut at a word.
    public static func excerpt(_ markdown: String, maxCharacters: Int = 200) -> String {
        let text = plainText(markdown).split(separator: "\n").joined(separator: " ")
        guard text.count > maxCharacters else { return text }
        let cut = text.prefix(maxCharacters)
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > maxCharacters / 2 {
            return String(cut[..<space]) + "…"
        }
        return String(cut) + "…"
    }

    private static func isBlock(_ t: cmark_node_type) -> Bool {
        t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING || t == CMARK_NODE_ITEM || t == CMARK_NODE_BLOCK_QUOTE
            || t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_THEMATIC_BREAK
    }

    private static func isTableCell(_ node: OpaquePointer) -> Bool {
        guard let name = cmark_node_get_type_string(node) else { return false }
        let s = String(cString: name)
        return s == "table_cell" || s == "table_row"
    }

    static func withDocument<R>(_ markdown: String, _ body: (OpaquePointer, UnsafeMutablePointer<cmark_llist>?) -> R) -> R {
        var bytes = Array(markdown.utf8)
        cmarkLock.lock()
        defer { cmarkLock.unlock() }
        if !cmarkRegistered {
            cmark_gfm_core_extensions_ensure_registered()
            cmarkRegistered = true
        }
        return parse(&bytes, body)
    }

    private static func parse<R>(_ bytes: inout [UInt8], _ body: (OpaquePointer, UnsafeMutablePointer<cmark_llist>?) -> R) -> R {
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT)!
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink"] {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        bytes.withUnsafeMutableBufferPointer { p in
            p.baseAddress.map { $0.withMemoryRebound(to: CChar.self, capacity: p.count) { cmark_parser_feed(parser, $0, p.count) } }
        }
        let doc = cmark_parser_finish(parser)!
        defer { cmark_node_free(doc) }
        return body(doc, cmark_parser_get_syntax_extensions(parser))
    }
}
