import CICUBridge
import Foundation

/// Finds state-secret stamps ("MẬT", "TỐI MẬT", "TUYỆT MẬT") in text. Invariant: no stamp form
/// an editor really writes gets through, and no ordinary sentence is refused.
///
/// A line is first brought to one form (`normalized`): NFKC (full-width "ＭẬＴ"), without
/// invisible characters (zero-width space, soft hyphen, BOM), letters of other scripts that ICU's
/// spoof checker takes for Latin ones replaced by them (Cyrillic "МẬТ"); then cut into words
/// (`Tokens`), letters spaced one by one joined ("T Ố I  M Ậ T", "M.Ậ.T"). A stamp word is matched with exactly its diacritics or
/// with none: "MAT" may be a stamp, "Mát", "mặt", "mắt" never are. The line is stamped when:
///
/// 1. it is a stamp line: nothing but a stamp, in any case, maybe in markup or after the label
///    "Độ mật:" ("**Mật**", "# tối mật", "Độ mật: Tối mật", "tuyet mat");
/// 2. "TỐI MẬT" or "TUYỆT MẬT" is written in capitals anywhere ("Tài liệu TỐI MẬT", "TOI MAT");
///    no ordinary phrase has these words side by side;
/// 3. "MẬT" is written in capitals and no capitalized word stands next to it, separated only by
///    spaces ("MẬT - Số 12/KH-UBND", "Tài liệu MẬT gửi các sở", and in an upper-case paragraph
///    "… CÁC SỞ. MẬT. KẾ HOẠCH …"). "MẬT" is also an ordinary word (honey, bile, close, secret):
///    "MẬT ONG RỪNG", "BÍ MẬT CỦA ẨM THỰC", "MẬT ĐỘ DÂN SỐ", "QUAN HỆ MẬT THIẾT" are headings, not
///    stamps, and in running capitals only punctuation can set a stamp apart from them. Without its
///    diacritics, a capital "MAT" counts only when punctuation sets it apart on both sides in a
///    Vietnamese line: the acronym "MAT" in English text passes;
/// 4. the stamp is the whole of a bracketed marking with its diacritics, in any case ("(mật)",
///    "[Tối mật]"; "[MẬT]" is rule 3);
/// 5. the line starts with "Tối mật" or "Tuyệt mật", in any case, before a colon or a dash
///    ("Tối mật: kế hoạch đón tiếp đoàn");
/// 6. "Độ mật:" labels a stamp anywhere in the line ("Số 12/KH-UBND; Độ mật: Tối mật; …").
///
/// Lower-case mentions in prose pass ("mật ong", "bí mật của ẩm thực", "tài liệu tối mật thời
/// chiến"), as do English "mat", "Matt" and "MAT" in a sentence.
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
                if mayCarryStamp(line), isStamped(String(decoding: line, as: UTF8.self)) { found.append(n) }
                start = end + 1
            }
            return found
        }
    }

    public static func isStamped(_ line: String) -> Bool {
        let line = normalized(line)
        let t = Tokens(line)
        guard t.words.contains(where: \.mayBeStampWord) else { return false }
        return t.isStampLine || t.hasMarking || t.hasBracketedMarking(line)
    }

    /// Whether a file name carries a stamp ("TỐI MẬT.pdf", "ke-hoach_toi-mat.docx"): its name
    /// without the extension, with `-`, `_` and `.` read as spaces, checked as a line; and since a
    /// name is a label, not prose, "tối mật" or "tuyệt mật" in any case anywhere in it. A lone
    /// "mat" passes: it is also the slug of "Mát" or "mặt", and stored names are slugs.
    public static func isStamped(fileName: String) -> Bool {
        var name = fileName
        guard name.withUTF8({ mayCarryStamp($0) }) else { return false }
        var stem = Substring(fileName.split(separator: "/").last ?? "")
        if let dot = stem.lastIndex(of: "."), dot != stem.startIndex, stem[stem.index(after: dot)...].count <= 5 { stem = stem[..<dot] }
        let line = normalized(String(stem.map { "-_.".contains($0) ? " " : $0 }))
        let t = Tokens(line)
        if t.words.count == 1, t.words[0].matches("mật") == .bare { return false }
        return t.hasTopSecretPhrase || t.isStampLine || t.hasMarking || t.hasBracketedMarking(line)
    }

    /// The line in the form the rules read (see the type's comment): one ICU call.
    static func normalized(_ s: String) -> String {
        if s.unicodeScalars.allSatisfy({ $0.value < 0x80 || isStable($0.value) }) { return s }
        return normalizedThroughICU(s)
    }

    /// `normalized` without its fast path (tests compare them).
    static func normalizedThroughICU(_ s: String) -> String { icuString(s) { qb_stamp_normalize($0, $1, $2, $3) } }

    /// Characters `normalized` keeps as they are, so a line of them (and ASCII) needs no ICU
    /// call: Vietnamese letters and common punctuation (tested against ICU).
    static func isStable(_ c: UInt32) -> Bool {
        switch c {
        case 0xC0...0xFF: c != 0xD7 && c != 0xF7
        case 0x102, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169, 0x1A0, 0x1A1, 0x1AF, 0x1B0, 0x1EA0...0x1EF9: true
        case 0xAB, 0xB0, 0xBB, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022: true
        default: false
        }
    }

    // MARK: - The byte test

    /// A cheap test over a line's UTF-8 that every stamp passes, normalized or not:
    /// - an ASCII m/M that no ASCII letter precedes (but "I" or "T": "TỐIMẬT"), then within a
    ///   few characters an a/A, Â, Ạ or Ậ, then t/T that no ASCII letter follows; between them
    ///   only what normalization removes or the rules skip: spaces, punctuation, combining marks,
    ///   invisible characters ("M Ậ T", "M\u{200B}ẬT", "MA\u{323}\u{302}T");
    /// - or any character that NFKC or the spoof checker turns into an m, a or t (Cyrillic,
    ///   Greek, full-width and mathematical letters…: `lookalikeRanges`).
    /// In a line longer than `stampLineLimit`, the m must be a capital, near the start, before a
    /// colon, or the line must hold a bracket: a paragraph about "lá mắc mật" stops here, as do
    /// "Một", "mặt", "mát" and "information". Text outside the ranges costs a table lookup a byte.
    static func mayCarryStamp(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let byteClass = tables.byteClass, bits = tables.lookalike
        let count = line.count
        var i = 0
        while i < count {
            let b = line[i]
            switch byteClass[Int(b)] {
            case 0: i += 1  // any other ASCII byte, continuation bytes, leads of characters outside the ranges
            case 1:
                if i == 0 || !isASCIILetter(line[i - 1]) || line[i - 1] | 0x20 == 0x69 || line[i - 1] | 0x20 == 0x74,
                   let t = tAfterA(line, from: i + 1), count <= stampLineLimit || b == 0x4D || i < 40 || labels(line, t) || hasBracket(line) {
                    return true
                }
                i += 1
            default:
                let (c, length) = decode(line, at: i)
                if c < 0x10000 ? bits[Int(c >> 6)] & (1 << (c & 63)) != 0 : c <= 0x1F1FF { return true }
                i += length
            }
        }
        return false
    }

    @inline(__always) private static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// Bytes of the longest line that can be a stamp line. In a longer one, a lower-case "mật"
    /// can only be a stamp near the line's start, before a colon ("Độ mật:") or in brackets.
    static let stampLineLimit = 96

    /// Whether a colon follows the t at `t` (maybe after spaces or emphasis): "Độ mật: Tối mật".
    private static func labels(_ line: UnsafeBufferPointer<UInt8>, _ t: Int) -> Bool {
        var i = t + 1
        while i < line.count, line[i] == 0x20 || line[i] == 0x2A || line[i] == 0x5F { i += 1 }
        return i < line.count && line[i] == 0x3A
    }

    /// Whether the line holds an opening bracket (`[ ( " < « “ ‘ 【`).
    private static func hasBracket(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in line.indices {
            switch line[i] {
            case 0x5B, 0x28, 0x22, 0x3C: return true
            case 0xC2: if i + 1 < line.count, line[i + 1] == 0xAB { return true }
            case 0xE2: if i + 2 < line.count, line[i + 1] == 0x80, line[i + 2] == 0x9C || line[i + 2] == 0x98 { return true }
            case 0xE3: if i + 2 < line.count, line[i + 1] == 0x80, line[i + 2] == 0x90 { return true }
            default: break
            }
        }
        return false
    }

    /// After an m: an "a" among characters the rules skip, then a t ending the word; the t's index.
    private static func tAfterA(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start, sawA = false
        while i < line.count, i < start + 32 {
            let b = line[i]
            if b < 0x80 {
                if b | 0x20 == 0x74 { return sawA && (i + 1 == line.count || !isASCIILetter(line[i + 1])) ? i : nil }
                if b | 0x20 == 0x61 { sawA = true } else if isASCIILetter(b) || b == 0x0A { return nil }
                i += 1
                continue
            }
            let (c, length) = decode(line, at: i)
            switch c {
            case 0xC2, 0xE2, 0x1EA0, 0x1EA1, 0x1EAC, 0x1EAD: sawA = true  // Â â Ạ ạ Ậ ậ
            case 0x300...0x36F, 0xA0, 0xAD, 0xB7, 0x61C, 0x115F...0x1160, 0x17B4...0x17B5, 0x180B...0x180F, 0x1680,
                 0x2000...0x206F, 0x3000, 0x3164, 0xFE00...0xFE0F, 0xFEFF, 0xFFA0, 0xFFF0...0xFFF8, 0x10000...:
                break  // marks, spaces, punctuation, invisible characters
            default: return nil
            }
            i += length
        }
        return nil
    }

    @inline(__always) private static func decode(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let c0 = UInt32(b[i])
        @inline(__always) func cont(_ k: Int) -> UInt32 { i + k < b.count ? UInt32(b[i + k]) & 0x3F : 0 }
        if c0 < 0xE0 { return ((c0 & 0x1F) << 6 | cont(1), 2) }
        if c0 < 0xF0 { return ((c0 & 0x0F) << 12 | cont(1) << 6 | cont(2), 3) }
        return ((c0 & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3), 4)
    }

    /// Characters that normalization turns into an m, a or t, in blocks that ordinary Vietnamese,
    /// English and CJK text seldom uses (tested against ICU over every code point).
    static let lookalikeRanges: [ClosedRange<UInt32>] = [
        0xAA...0xAA,            // ª
        0x1AD...0x1AE,          // ƭ Ʈ
        0x23E...0x23E,          // Ⱦ
        0x250...0x2AF,          // IPA letters
        0x370...0x52F,          // Greek, Cyrillic
        0x13A0...0x13FF,        // Cherokee
        0x1400...0x167F,        // Canadian syllabics
        0x16A0...0x16FF,        // Runic
        0x1D00...0x1DBF,        // phonetic extensions (small capitals, modifier letters)
        0x1E9A...0x1E9A,        // ẚ
        0x1F00...0x1FFF,        // Greek extended
        0x2090...0x209C,        // subscript letters
        0x2100...0x2101, 0x2120...0x2122, 0x2133...0x2133, 0x213B...0x213B,  // ℀ ℁ ℠ ℡ ™ ℳ ℻
        0x2160...0x217F,        // Roman numerals
        0x2460...0x24FF,        // enclosed letters
        0x2C80...0x2CFF,        // Coptic
        0x3250...0x3250, 0x32CF...0x32CF, 0x3371...0x33FF,  // squared units (㎜, ㏂)
        0xA4D0...0xA4FF,        // Lisu
        0xA720...0xA7FF,        // Latin extended-D
        0xAB30...0xABBF,        // Latin extended-E, Cherokee supplement
        0xFB00...0xFB06,        // ligatures (ﬅ)
        0xFF21...0xFF3A, 0xFF41...0xFF5A,  // full-width letters
        0x10000...0x1F1FF,      // historic scripts, mathematical letters, enclosed letters
    ]

    static func isLookalike(_ c: UInt32) -> Bool {
        c < 0x10000 ? tables.lookalike[Int(c >> 6)] & (1 << (c & 63)) != 0 : c <= 0x1F1FF
    }

    /// The byte test's tables, made once: a class per byte (1: m or M; 2: the lead byte of a
    /// character that may be in `lookalikeRanges`; 0: nothing to look at) and a bitmap of those
    /// ranges in the BMP. Raw pointers: the loop pays no lazy-global or bounds check per byte.
    private struct ByteTables: @unchecked Sendable {
        let byteClass: UnsafePointer<UInt8>
        let lookalike: UnsafePointer<UInt64>
    }

    private static let tables: ByteTables = {
        let byteClass = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        byteClass.initialize(repeating: 0, count: 256)
        byteClass[0x4D] = 1
        byteClass[0x6D] = 1
        let bits = UnsafeMutablePointer<UInt64>.allocate(capacity: 0x10000 / 64)
        bits.initialize(repeating: 0, count: 0x10000 / 64)
        for r in lookalikeRanges {
            for c in r.clamped(to: 0x80...0x1FFFF) {
                // The lead byte of the character's UTF-8.
                let lead = c < 0x800 ? 0xC0 | c >> 6 : c < 0x10000 ? 0xE0 | c >> 12 : 0xF0 | c >> 18
                byteClass[Int(lead)] = 2
                if c < 0x10000 { bits[Int(c >> 6)] |= 1 << (c & 63) }
            }
        }
        return ByteTables(byteClass: UnsafePointer(byteClass), lookalike: UnsafePointer(bits))
    }()
}

/// A normalized line as words and the text between them, with spaced letters joined.
struct Tokens {
    struct Word {
        let text: String
        /// Written in capitals: a cased letter and no lower-case one.
        let upper: Bool
        /// The word in lower case when it may be a stamp word (its length and first letter fit).
        private let lower: String?

        init(_ text: String) {
            self.text = text
            var hasUpper = false, hasLower = false
            for s in text.unicodeScalars {
                if s.value < 0x80 {
                    if s.value >= 0x41, s.value <= 0x5A { hasUpper = true } else if s.value >= 0x61, s.value <= 0x7A { hasLower = true }
                } else if s.properties.isUppercase { hasUpper = true } else if s.properties.isLowercase { hasLower = true }
            }
            upper = hasUpper && !hasLower
            let count = text.unicodeScalars.count, first = text.unicodeScalars.first?.value ?? 0
            lower = [2, 3, 5, 6, 8].contains(count) && [0x4D, 0x6D, 0x54, 0x74, 0x44, 0x64, 0x110, 0x111].contains(first) ? text.lowercased() : nil
        }

        enum Match { case exact, bare }

        /// The canonical word in any case, with exactly its diacritics (`exact`) or with none
        /// (`bare`: "MAT", not "MÁT").
        func matches(_ canonical: String) -> Match? {
            guard let lower else { return nil }
            if lower == canonical { return .exact }
            return lower == Self.bare[canonical] ? .bare : nil
        }

        var mayBeStampWord: Bool { lower != nil }

        private static let bare = ["mật": "mat", "tối": "toi", "tuyệt": "tuyet", "độ": "do", "tốimật": "toimat", "tuyệtmật": "tuyetmat"]
    }

    /// `gaps[i]` is the text before `words[i]`; the last one follows the last word.
    private(set) var words: [Word] = []
    private(set) var gaps: [String] = []
    /// The line has a Vietnamese letter (for the bare "MAT" of rule 3).
    private(set) var vietnamese = false

    init(_ line: String) {
        var texts: [String] = [], gaps: [String] = [], word = "", gap = ""
        for s in line.unicodeScalars {
            let letter: Bool
            if s.value < 0x80 {
                letter = (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A
            } else {
                let p = s.properties
                letter = p.isAlphabetic || (!word.isEmpty && (p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark))
            }
            if letter {
                if word.isEmpty { gaps.append(gap); gap = "" }
                word.unicodeScalars.append(s)
                if (0xC0...0x1B0).contains(s.value) || (0x1EA0...0x1EF9).contains(s.value) { vietnamese = true }
            } else {
                if !word.isEmpty { texts.append(word); word = "" }
                gap.unicodeScalars.append(s)
            }
        }
        if !word.isEmpty { texts.append(word) }
        gaps.append(gap)
        // Letters spaced one by one ("T Ố I  M Ậ T", "M.Ậ.T"): three or more one-letter words
        // apart by one and the same space or dot, dash, underscore or middle dot become one word.
        var i = 0
        while i < texts.count {
            var j = i
            while j + 1 < texts.count, texts[j].count == 1, texts[j + 1].count == 1, Self.isLetterSpacing(gaps[j + 1]),
                  j == i || gaps[j + 1] == gaps[i + 1] { j += 1 }
            if j - i >= 2 {
                words.append(Word(texts[i...j].joined()))
            } else {
                j = i
                words.append(Word(texts[i]))
            }
            self.gaps.append(gaps[i])
            i = j + 1
        }
        self.gaps.append(gaps[texts.count])
    }

    private static func isLetterSpacing(_ gap: String) -> Bool {
        gap.unicodeScalars.count == 1 && (gap.unicodeScalars.first!.properties.isWhitespace || ".-_·".contains(gap))
    }

    private static func isSpace(_ gap: String) -> Bool { !gap.isEmpty && gap.unicodeScalars.allSatisfy(\.properties.isWhitespace) }

    /// A stamp phrase found at a word: its last word's index and whether every word of it
    /// carries its diacritics.
    private struct Phrase { let last: Int; let top: Bool; let exact: Bool }

    private func phrase(at i: Int) -> Phrase? {
        for glued in ["tốimật", "tuyệtmật"] {
            if let m = words[i].matches(glued) { return Phrase(last: i, top: true, exact: m == .exact) }
        }
        for first in ["tối", "tuyệt"] {
            if let m1 = words[i].matches(first), i + 1 < words.count, Self.isSpace(gaps[i + 1]), let m2 = words[i + 1].matches("mật") {
                return Phrase(last: i + 1, top: true, exact: m1 == .exact && m2 == .exact)
            }
        }
        if let m = words[i].matches("mật") { return Phrase(last: i, top: false, exact: m == .exact) }
        return nil
    }

    private func isLabel(at i: Int) -> Bool {
        i + 1 < words.count && words[i].matches("độ") != nil && Self.isSpace(gaps[i + 1]) && words[i + 1].matches("mật") != nil
    }

    /// Rule 1: the words of the line are a stamp, maybe after the label "Độ mật".
    var isStampLine: Bool { stampLine != nil }

    private var stampLine: Phrase? {
        guard !words.isEmpty, words.count <= 4 else { return nil }
        let start = isLabel(at: 0) && words.count > 2 ? 2 : 0
        guard let p = phrase(at: start), p.last == words.count - 1 else { return nil }
        return p
    }

    /// Rules 2, 3, 5 and 6: a stamp in capitals, at the line's start, or after "Độ mật:".
    var hasMarking: Bool {
        for i in words.indices {
            guard let p = phrase(at: i) else { continue }
            let range = i...p.last
            let endsSegment = p.last + 1 == words.count || !Self.isSpace(gaps[p.last + 1])
            if range.allSatisfy({ words[$0].upper }) {
                if p.top { return true }
                let before = i > 0 && Self.isSpace(gaps[i]) ? words[i - 1] : nil
                let after = p.last + 1 < words.count && Self.isSpace(gaps[p.last + 1]) ? words[p.last + 1] : nil
                if p.exact, before?.upper != true, after?.upper != true { return true }
                if !p.exact, before == nil, after == nil, vietnamese { return true }
            }
            if p.top, i == 0, p.last + 1 < words.count, let sep = gaps[p.last + 1].first(where: { !" *_`".contains($0) }),
               ":-–—".contains(sep) { return true }
            if i >= 2, isLabel(at: i - 2), gaps[i].contains(":"), endsSegment { return true }
        }
        return false
    }

    /// "Tối mật" or "tuyệt mật" anywhere, in any case (for names, which are not prose).
    var hasTopSecretPhrase: Bool { words.indices.contains { phrase(at: $0)?.top == true } }

    /// Rule 4: a bracket holding a stamp with its diacritics, in any case.
    func hasBracketedMarking(_ line: String) -> Bool {
        let scalars = Array(line.unicodeScalars)
        for (open, close) in Self.brackets {
            var i = 0
            while let o = scalars[i...].firstIndex(of: open), let c = scalars[(o + 1)...].firstIndex(of: close) {
                if c - o <= 48 {
                    var inner = String.UnicodeScalarView()
                    inner.append(contentsOf: scalars[(o + 1)..<c])
                    if Tokens(String(inner)).stampLine?.exact == true { return true }
                }
                i = c + 1
            }
        }
        return false
    }

    private static let brackets: [(Unicode.Scalar, Unicode.Scalar)] = [("[", "]"), ("(", ")"), ("«", "»"), ("“", "”"), ("\"", "\""), ("<", ">"), ("【", "】"), ("‘", "’")]
}
