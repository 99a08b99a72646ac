import CICUBridge
import Foundation

/// Turns text into the token stream the full-text index stores, and a user's query into an
/// FTS5 MATCH expression over the same tokens.
///
/// Text is first folded (no diacritics, no case, đ → d), so "da nang" finds "Đà Nẵng". Runs of
/// Han, kana and Hangul are indexed as overlapping character pairs plus their last character,
/// so any substring of two or more characters is found ("谅山" inside "谅山省", "랑선" inside
/// "랑선성은") — more reliably than dictionary word segmentation, whose boundaries depend on
/// context. Thai, Lao, Khmer and Myanmar text goes through ICU's dictionary word segmentation;
/// other scripts separate their words themselves. Not thread-safe: use one per thread.
public final class SearchTokenizer {
    private var segmenters: [String: UnsafeMutableRawPointer] = [:]
    /// Word boundaries from ICU, reused between calls.
    private var bounds: [Int32] = []

    public init() {}
    deinit { for h in segmenters.values { qb_words_close(h) } }

    /// The text to store in the FTS5 column for `text` written in `language`: the tokens
    /// separated by spaces.
    public func indexText(_ text: String, language: String) -> String {
        var text = text
        return String(decoding: text.withUTF8 { indexText(utf8: $0, language: language) }, as: UTF8.self)
    }

    /// `indexText` from and to UTF-8 bytes (`utf8` must be valid UTF-8: text that came from a
    /// String), for the index, which binds the bytes as they are.
    public func indexText(utf8: UnsafeBufferPointer<UInt8>, language: String) -> [UInt8] {
        let u = Normalization.foldUTF16(utf8: utf8)
        var sink = IndexSink(units: u)
        scan(u, language: language, segmentAll: false, into: &sink)
        return sink.out
    }

    /// Collects the index text as UTF-8, written directly from the folded UTF-16: indexing
    /// spends most of its time here, and a String for each piece showed (docs/performance.md).
    private struct IndexSink: PieceSink {
        let units: [UInt16]
        var out: [UInt8] = []

        init(units: [UInt16]) { self.units = units; out.reserveCapacity(units.count * 3) }

        mutating func take(_ piece: Piece) {
            if !out.isEmpty { out.append(0x20) }
            switch piece {
            case .word(let r), .text(let r): appendUTF8(r)
            case .pair(let a, let b): append(a); append(b)
            case .last(let a), .single(let a): append(a)
            }
        }

        private mutating func append(_ scalar: Unicode.Scalar) { UTF8.encode(scalar) { out.append($0) } }

        private mutating func appendUTF8(_ r: Range<Int>) {
            var i = r.lowerBound
            while i < r.upperBound {
                let c = UInt32(units[i])
                if c < 0x80 { out.append(UInt8(c)); i += 1; continue }
                if c < 0x800 { out.append(UInt8(0xC0 | c >> 6)); out.append(UInt8(0x80 | c & 0x3F)); i += 1; continue }
                var scalar = c
                if UTF16.isLeadSurrogate(units[i]), i + 1 < r.upperBound, UTF16.isTrailSurrogate(units[i + 1]) {
                    scalar = 0x10000 + ((c - 0xD800) << 10) + (UInt32(units[i + 1]) - 0xDC00)
                    i += 1
                }
                append(Unicode.Scalar(scalar) ?? "\u{FFFD}")
                i += 1
            }
        }
    }

    /// An FTS5 MATCH expression: every word must occur; a CJK run must occur as written, and so
    /// must a "quoted phrase" (its words adjacent and in order, `SearchQuery.segments`).
    /// Returns nil when the query has no searchable word.
    public func matchExpression(_ query: String, language: String) -> String? {
        var parts: [String] = []
        for segment in SearchQuery.segments(query) {
            let u = Normalization.foldUTF16(segment.text)
            var sink = QuerySink(units: u, phrase: segment.isPhrase)
            // Queries are segmented whatever the script, so each word can be quoted on its own.
            scan(u, language: language, segmentAll: true, into: &sink)
            parts += sink.finish()
        }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }

    /// Collects FTS5 phrases: one per word outside quotes, one per CJK run (its pairs, adjacent as
    /// the index stores them), one for a whole quoted phrase.
    private struct QuerySink: PieceSink {
        let units: [UInt16]
        let phrase: Bool
        var parts: [String] = []
        private var tokens: [String] = []
        /// The run's last character, kept in a phrase only if more of the phrase follows it (the
        /// index stores it after the pairs, where a longer run would go on with another pair).
        private var pendingLast: String?
        private var prefix = false

        init(units: [UInt16], phrase: Bool) { self.units = units; self.phrase = phrase }

        private static func quoted(_ tokens: [String]) -> String {
            "\"" + tokens.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }

        private mutating func add(_ token: String) {
            if let last = pendingLast { tokens.append(last); pendingLast = nil }
            prefix = false
            tokens.append(token)
        }

        private mutating func close() {
            pendingLast = nil
            if !tokens.isEmpty { parts.append(Self.quoted(tokens) + (prefix ? "*" : "")) }
            tokens = []; prefix = false
        }

        mutating func take(_ piece: Piece) {
            switch piece {
            case .word(let r):
                if !phrase { close() }
                add(String(decoding: units[r], as: UTF16.self))
                if !phrase { close() }
            case .text: preconditionFailure("queries are always segmented")
            case .pair(let a, let b):
                add(String(a) + String(b))
            case .last(let a):
                if phrase { pendingLast = String(a) } else { close() }  // outside a phrase its pairs cover it
            case .single(let a):
                // One CJK character: any pair starting with it.
                if !phrase { close() }
                add(String(a))
                prefix = true
                if !phrase { close() }
            }
        }

        mutating func finish() -> [String] {
            close()
            return parts
        }
    }

    fileprivate protocol PieceSink {
        mutating func take(_ piece: Piece)
    }

    enum Piece {
        /// A word found by ICU, as a range of the folded UTF-16.
        case word(Range<Int>)
        /// Text in a script that separates its words (Latin, Vietnamese, Cyrillic, …): FTS5's
        /// unicode61 tokenizer splits it at every non-alphanumeric character, exactly as ICU
        /// would for the purpose of search, so it is stored as it is.
        case text(Range<Int>)
        /// Two neighbouring characters of a CJK run.
        case pair(Unicode.Scalar, Unicode.Scalar)
        /// The last character of a CJK run of two or more.
        case last(Unicode.Scalar)
        /// A CJK run of one character.
        case single(Unicode.Scalar)
    }

    /// Splits folded UTF-16 into runs of CJK and of everything else: CJK runs become character
    /// pairs directly; the rest goes through ICU word segmentation (dictionary-based for Thai,
    /// Lao, Khmer), which drops spaces and punctuation.
    private func scan<S: PieceSink>(_ u: [UInt16], language: String, segmentAll: Bool, into sink: inout S) {
        var runStart = 0, runIsCJK = false, i = 0
        while i < u.count {
            var scalar = UInt32(u[i]), width = 1
            if UTF16.isLeadSurrogate(u[i]), i + 1 < u.count, UTF16.isTrailSurrogate(u[i + 1]) {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (UInt32(u[i + 1]) - 0xDC00); width = 2
            }
            let cjk = scalar >= 0x1100 && Self.isCJK(scalar)
            if cjk != runIsCJK {
                flush(u, runStart..<i, cjk: runIsCJK, language: language, segmentAll: segmentAll, into: &sink)
                runStart = i; runIsCJK = cjk
            }
            i += width
        }
        flush(u, runStart..<u.count, cjk: runIsCJK, language: language, segmentAll: segmentAll, into: &sink)
    }

    /// Han, Hiragana, Katakana or Hangul (ICU's script property). The common blocks, which hold
    /// those scripts only, are answered without a call into ICU.
    private static func isCJK(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0x3041...0x3096, 0x30A1...0x30FA: true
        default: qb_is_cjk(scalar) == 1
        }
    }

    /// Thai, Lao, Myanmar and Khmer are written without spaces between words: they need ICU's
    /// dictionary segmentation.
    private static func needsSegmentation(_ u: ArraySlice<UInt16>) -> Bool {
        u.contains { (0x0E00...0x0EFF).contains($0) || (0x1000...0x109F).contains($0) || (0x1780...0x17FF).contains($0) }
    }

    private func flush<S: PieceSink>(_ u: [UInt16], _ range: Range<Int>, cjk: Bool, language: String, segmentAll: Bool, into sink: inout S) {
        guard !range.isEmpty else { return }
        if !cjk, !segmentAll, !Self.needsSegmentation(u[range]) { sink.take(.text(range)); return }
        guard !cjk else {
            let run = Array(Unicode.Scalar.decode(u[range]))
            if run.count == 1 { sink.take(.single(run[0])); return }
            for k in 0..<(run.count - 1) { sink.take(.pair(run[k], run[k + 1])) }
            sink.take(.last(run[run.count - 1]))
            return
        }
        let seg = segmenter(language)
        var capacity = range.count / 2 + 2
        if bounds.count < capacity * 2 { bounds = [Int32](repeating: 0, count: capacity * 2) }
        var n = u.withUnsafeBufferPointer { qb_words(seg, $0.baseAddress! + range.lowerBound, Int32(range.count), &bounds, Int32(capacity)) }
        if Int(n) > capacity {
            capacity = Int(n)
            bounds = [Int32](repeating: 0, count: capacity * 2)
            n = u.withUnsafeBufferPointer { qb_words(seg, $0.baseAddress! + range.lowerBound, Int32(range.count), &bounds, Int32(capacity)) }
        }
        for k in 0..<Int(max(0, n)) { sink.take(.word((range.lowerBound + Int(bounds[2 * k]))..<(range.lowerBound + Int(bounds[2 * k + 1])))) }
    }

    private func segmenter(_ language: String) -> UnsafeMutableRawPointer {
        if let s = segmenters[language] { return s }
        var status: Int32 = 0
        let h = qb_words_open(language.replacingOccurrences(of: "-", with: "_"), &status)
        precondition(h != nil, "ICU word break iterator unavailable (error \(status))")
        segmenters[language] = h!
        return h!
    }
}

extension Unicode.Scalar {
    /// The scalars of well-formed UTF-16 (as ICU produces it).
    static func decode(_ units: ArraySlice<UInt16>) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        var it = units.makeIterator()
        var decoder = UTF16()
        while case .scalarValue(let s) = decoder.decode(&it) { out.append(s) }
        return out
    }
}
