import CICUBridge

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
        let u = Normalization.foldUTF16(text)
        var out: [UInt8] = []
        out.reserveCapacity(u.count * 3)
        func append(_ scalar: Unicode.Scalar) { UTF8.encode(scalar) { out.append($0) } }
        scan(u, language: language, segmentAll: false) { piece in
            if !out.isEmpty { out.append(0x20) }
            switch piece {
            case .word(let r), .text(let r):
                out.append(contentsOf: String(decoding: u[r], as: UTF16.self).utf8)
            case .pair(let a, let b): append(a); append(b)
            case .last(let a), .single(let a): append(a)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An FTS5 MATCH expression: every word must occur; a CJK run must occur as written.
    /// Returns nil when the query has no searchable word.
    public func matchExpression(_ query: String, language: String) -> String? {
        let u = Normalization.foldUTF16(query)
        var parts: [String] = []
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        // Queries are segmented whatever the script, so each word can be quoted on its own.
        scan(u, language: language, segmentAll: true) { piece in
            switch piece {
            case .word(let r): parts.append(quoted(String(decoding: u[r], as: UTF16.self)))
            case .text: preconditionFailure("queries are always segmented")
            case .pair(let a, let b): parts.append(quoted(String(a) + String(b)))
            case .single(let a): parts.append(quoted(String(a)) + "*")  // one CJK character: any pair starting with it
            case .last: break  // a query's pairs already cover its last character
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
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
    private func scan(_ u: [UInt16], language: String, segmentAll: Bool, _ emit: (Piece) -> Void) {
        var runStart = 0, runIsCJK = false, i = 0
        while i < u.count {
            var scalar = UInt32(u[i]), width = 1
            if UTF16.isLeadSurrogate(u[i]), i + 1 < u.count, UTF16.isTrailSurrogate(u[i + 1]) {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (UInt32(u[i + 1]) - 0xDC00); width = 2
            }
            let cjk = scalar >= 0x1100 && qb_is_cjk(scalar) == 1
            if cjk != runIsCJK {
                flush(u, runStart..<i, cjk: runIsCJK, language: language, segmentAll: segmentAll, emit)
                runStart = i; runIsCJK = cjk
            }
            i += width
        }
        flush(u, runStart..<u.count, cjk: runIsCJK, language: language, segmentAll: segmentAll, emit)
    }

    /// Thai, Lao, Myanmar and Khmer are written without spaces between words: they need ICU's
    /// dictionary segmentation.
    private static func needsSegmentation(_ u: ArraySlice<UInt16>) -> Bool {
        u.contains { (0x0E00...0x0EFF).contains($0) || (0x1000...0x109F).contains($0) || (0x1780...0x17FF).contains($0) }
    }

    private func flush(_ u: [UInt16], _ range: Range<Int>, cjk: Bool, language: String, segmentAll: Bool, _ emit: (Piece) -> Void) {
        guard !range.isEmpty else { return }
        if !cjk, !segmentAll, !Self.needsSegmentation(u[range]) { emit(.text(range)); return }
        guard !cjk else {
            let run = Array(Unicode.Scalar.decode(u[range]))
            if run.count == 1 { emit(.single(run[0])); return }
            for k in 0..<(run.count - 1) { emit(.pair(run[k], run[k + 1])) }
            emit(.last(run[run.count - 1]))
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
        for k in 0..<Int(max(0, n)) { emit(.word((range.lowerBound + Int(bounds[2 * k]))..<(range.lowerBound + Int(bounds[2 * k + 1])))) }
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
