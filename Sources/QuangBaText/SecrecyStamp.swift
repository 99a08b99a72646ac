import Foundation

/// Finds state-secret stamps ("MẬT", "TỐI MẬT", "TUYỆT MẬT") in text, in any letter case and
/// with or without diacritics, as a line of their own ("**MẬT**", "Độ mật: Tối mật") or as a
/// bracketed marking ("[TỐI MẬT]"). Ordinary words are not stamps: "mật ong", "bí mật của ẩm
/// thực" and "mật độ dân số" pass, and so do other words that fold to the same letters ("Mát").
public enum SecrecyStamp {
    /// 1-based numbers of the lines that carry a stamp. Every text the index reads comes
    /// here, so lines are found in the bytes and only those that pass a byte test are decoded.
    public static func lines(in text: String) -> [Int] {
        var text = text
        return text.withUTF8 { b in
            var found: [Int] = []
            var n = 0, start = 0
            while start <= b.count {
                var end = b.count
                if start < b.count, let base = b.baseAddress, let nl = memchr(base + start, 0x0A, b.count - start) {
                    end = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                }
                n += 1
                let line = UnsafeBufferPointer(rebasing: b[start..<end])
                if mayCarryStamp(line), line.count <= stampLineLimit || mayHoldBracket(line),
                   isStamped(String(decoding: line, as: UTF8.self)) { found.append(n) }
                start = end + 1
            }
            return found
        }
    }

    /// A cheap byte test that every stamp passes: an m/M that no ASCII letter precedes, then an
    /// a/A or a non-ASCII letter, then within a few bytes a t/T that no ASCII letter follows
    /// ("mật", "MẬT", "mat", and their NFD forms). A letter on either side would make it part
    /// of a longer word, which the full check does not take for a stamp; without this, most
    /// English lines ("information", "matter") went to the full check.
    static func mayCarryStamp(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        @inline(__always) func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        let count = line.count
        var i = 0
        while i + 1 < count {
            let b = line[i]
            i += 1
            guard b == 0x6D || b == 0x4D, i < 2 || !isASCIILetter(line[i - 2]) else { continue }
            let next = line[i]
            guard next == 0x61 || next == 0x41 || next >= 0xC3 else { continue }
            var j = i + 1
            while j < count, j < i + 8 {
                if line[j] == 0x74 || line[j] == 0x54, j + 1 == count || !isASCIILetter(line[j + 1]) { return true }
                j += 1
            }
        }
        return false
    }

    /// Bytes of the longest line that can be a stamp line; longer ones can only carry a
    /// bracketed marking.
    static let stampLineLimit = 96

    /// Whether a line holds the first byte of an opening bracket (`[ ( « “ " < 【`): a paragraph
    /// without one cannot carry a marking, and most Vietnamese paragraphs pass the byte test
    /// (every "một").
    static func mayHoldBracket(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.contains { openingBytes[Int($0)] }
    }

    private static let openingBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for (open, _) in pairs { table[Int(open[0])] = true }
        return table
    }()

    public static func isStamped(_ line: String) -> Bool {
        // A stamp line is short; a paragraph is checked only for bracketed markings.
        if line.utf8.count <= stampLineLimit {
            let words = letterWords(line)
            if words.count <= 4, isStampSequence(words) { return true }
        }
        // Inside brackets only a marking counts: upper case, or with the stamp's own diacritics.
        for inner in bracketed(line) where inner.utf8.count <= 48 {
            let words = letterWords(String(inner))
            if isStampSequence(words), words.allSatisfy({ $0 == $0.uppercased() || !Normalization.marks($0).isEmpty }) { return true }
        }
        return false
    }

    private static let stamps: [[String]] = [["mật"], ["tối", "mật"], ["tuyệt", "mật"]]

    private static func isStampSequence(_ words: [String]) -> Bool {
        guard (1...4).contains(words.count) else { return false }
        var w = words
        if w.count > 2, isWord(w[0], "độ"), isWord(w[1], "mật") { w.removeFirst(2) }
        return stamps.contains { s in s.count == w.count && zip(s, w).allSatisfy { isWord($1, $0) } }
    }

    /// True when `word` is `canonical` in any case, written either with exactly its diacritics or with none.
    private static func isWord(_ word: String, _ canonical: String) -> Bool {
        guard Normalization.fold(word) == Normalization.fold(canonical) else { return false }
        let marks = Normalization.marks(word)
        return marks.isEmpty || marks == Normalization.marks(canonical)
    }

    private static func letterWords(_ s: String) -> [String] {
        s.split(whereSeparator: { !$0.isLetter }).map(String.init)
    }


    private static let pairs: [([UInt8], [UInt8])] = [("[", "]"), ("(", ")"), ("«", "»"), ("“", "”"), ("\"", "\""), ("<", ">"), ("【", "】")]
        .map { (Array($0.0.utf8), Array($0.1.utf8)) }

    /// The text inside each bracket pair of a line, searched in its UTF-8 bytes (every
    /// paragraph that mentions, say, "mạnh" and "tỉnh" comes here, so this must be cheap).
    private static func bracketed(_ line: String) -> [String] {
        var line = line
        return line.withUTF8 { b in
            var out: [String] = []
            for (open, close) in pairs {
                var i = 0
                while let o = find(open, in: b, from: i) {
                    let after = o + open.count
                    guard let c = find(close, in: b, from: after) else { break }
                    out.append(String(decoding: UnsafeBufferPointer(rebasing: b[after..<c]), as: UTF8.self))
                    i = c + close.count
                }
            }
            return out
        }
    }

    private static func find(_ needle: [UInt8], in b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        while i + needle.count <= b.count {
            if b[i] == needle[0], needle.count == 1 || b[(i + 1)..<(i + needle.count)].elementsEqual(needle[1...]) { return i }
            i += 1
        }
        return nil
    }
}
