import CICUBridge

/// Turns text into the token stream the full-text index stores, and a user's query into an
/// FTS5 MATCH expression over the same tokens.
///
/// Every language goes through ICU word segmentation (dictionary-based for Chinese, Japanese,
/// Thai, Lao, Khmer) after search folding, so "da nang" finds "Đà Nẵng". Runs of Han, kana and
/// Hangul are then indexed as overlapping character pairs plus their last character, so that
/// any substring of two or more characters is found whatever the segmenter chose ("谅山" inside
/// "谅山省", "랑선" inside "랑선성은"). Not thread-safe: use one per thread.
public final class SearchTokenizer {
    private var segmenters: [String: UnsafeMutableRawPointer] = [:]

    public init() {}
    deinit { for h in segmenters.values { qb_words_close(h) } }

    /// The text to store in the FTS5 column for `text` written in `language`.
    public func indexText(_ text: String, language: String) -> String {
        tokens(text, language: language, forQuery: false).map(\.text).joined(separator: " ")
    }

    /// An FTS5 MATCH expression: every word must occur; a CJK run must occur as written.
    /// Returns nil when the query has no searchable word.
    public func matchExpression(_ query: String, language: String) -> String? {
        let parts = tokens(query, language: language, forQuery: true).map { t -> String in
            let quoted = "\"" + t.text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            return t.isPrefix ? quoted + "*" : quoted
        }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }

    struct Token { var text: String; var isPrefix = false }

    private func tokens(_ text: String, language: String, forQuery: Bool) -> [Token] {
        let folded = Normalization.fold(text)
        let u = Array(folded.utf16)
        if u.isEmpty { return [] }
        let seg = segmenter(language)
        var capacity = u.count + 1
        var bounds = [Int32](repeating: 0, count: capacity * 2)
        var n = u.withUnsafeBufferPointer { qb_words(seg, $0.baseAddress!, Int32($0.count), &bounds, Int32(capacity)) }
        if Int(n) > capacity {
            capacity = Int(n)
            bounds = [Int32](repeating: 0, count: capacity * 2)
            n = u.withUnsafeBufferPointer { qb_words(seg, $0.baseAddress!, Int32($0.count), &bounds, Int32(capacity)) }
        }
        var out: [Token] = []
        var run: [Unicode.Scalar] = []
        var runEnd: Int32 = -1
        func flushRun() {
            defer { run.removeAll(); runEnd = -1 }
            guard !run.isEmpty else { return }
            if run.count == 1 {
                out.append(Token(text: String(run[0]), isPrefix: forQuery))
                return
            }
            var s = ""
            for i in 0..<(run.count - 1) {
                if forQuery { s = String(run[i]) + String(run[i + 1]); out.append(Token(text: s)) }
                else { out.append(Token(text: String(run[i]) + String(run[i + 1]))) }
            }
            if !forQuery { out.append(Token(text: String(run[run.count - 1]))) }
        }
        for i in 0..<Int(n) {
            let start = Int(bounds[2 * i]), end = Int(bounds[2 * i + 1])
            let word = String(decoding: u[start..<end], as: UTF16.self)
            let scalars = Array(word.unicodeScalars)
            if scalars.allSatisfy({ qb_is_cjk($0.value) == 1 }) {
                if Int32(start) != runEnd { flushRun() }
                run += scalars
                runEnd = Int32(end)
            } else {
                flushRun()
                // A word that mixes scripts ("5g", "mẫu山") is split at script changes.
                var piece: [Unicode.Scalar] = []
                var pieceCJK = false
                for sc in scalars {
                    let cjk = qb_is_cjk(sc.value) == 1
                    if cjk != pieceCJK, !piece.isEmpty {
                        if pieceCJK { run = piece; flushRun() } else { out.append(Token(text: String(String.UnicodeScalarView(piece)))) }
                        piece = []
                    }
                    pieceCJK = cjk
                    piece.append(sc)
                }
                if !piece.isEmpty {
                    if pieceCJK { run = piece; flushRun() } else { out.append(Token(text: String(String.UnicodeScalarView(piece)))) }
                }
            }
        }
        flushRun()
        return out
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
