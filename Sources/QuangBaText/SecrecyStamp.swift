/// Finds state-secret stamps ("MẬT", "TỐI MẬT", "TUYỆT MẬT") in text, in any letter case and
/// with or without diacritics, as a line of their own ("**MẬT**", "Độ mật: Tối mật") or as a
/// bracketed marking ("[TỐI MẬT]"). Ordinary words are not stamps: "mật ong", "bí mật của ẩm
/// thực" and "mật độ dân số" pass, and so do other words that fold to the same letters ("Mát").
public enum SecrecyStamp {
    /// 1-based numbers of the lines that carry a stamp.
    public static func lines(in text: String) -> [Int] {
        var found: [Int] = []
        var n = 0
        text.enumerateLinesKeepingEmpty { line in
            n += 1
            if isStamped(line) { found.append(n) }
        }
        return found
    }

    public static func isStamped(_ line: String) -> Bool {
        // Quick exit: every stamp contains m + a (after folding).
        guard line.utf8.contains(0x6D) || line.utf8.contains(0x4D) else { return false }
        let words = letterWords(line)
        if words.count <= 4, isStampSequence(words) { return true }
        // Inside brackets only a marking counts: upper case, or with the stamp's own diacritics.
        for inner in bracketed(line) {
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

    private static let pairs: [(Character, Character)] = [("[", "]"), ("(", ")"), ("«", "»"), ("“", "”"), ("\"", "\""), ("<", ">"), ("【", "】")]

    private static func bracketed(_ line: String) -> [Substring] {
        var out: [Substring] = []
        for (open, close) in pairs {
            var rest = line[...]
            while let o = rest.firstIndex(of: open) {
                let after = rest.index(after: o)
                guard let c = rest[after...].firstIndex(of: close) else { break }
                out.append(rest[after..<c])
                rest = rest[rest.index(after: c)...]
            }
        }
        return out
    }
}

extension String {
    /// Calls `body` for each line, keeping empty lines so line numbers stay right.
    func enumerateLinesKeepingEmpty(_ body: (String) -> Void) {
        for line in split(separator: "\n", omittingEmptySubsequences: false) {
            body(line.hasSuffix("\r") ? String(line.dropLast()) : String(line))
        }
    }
}
