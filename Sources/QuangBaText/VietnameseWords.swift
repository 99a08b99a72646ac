/// How Vietnamese a Latin-script text looks: of its words that start with a small letter (names
/// are capitalised, so "Kỳ Lừa market" counts only "market"), how many carry a letter no other
/// Latin-script language writes: ă, đ, ĩ, ũ, ơ, ư, and the vowels with two marks or with a dot
/// below, hook above or a tone over ê/ô/ơ/ư (Latin Extended Additional, U+1EA0–U+1EF9).
/// French é è ê à ç, Portuguese ã õ, Spanish ñ á or German ä ö ü are not among them.
public enum VietnameseWords {
    public struct Count: Equatable, Sendable {
        /// Words that start with a small letter.
        public var lowercase = 0
        /// Those of them with a Vietnamese-only letter.
        public var marked = 0
        public init(lowercase: Int = 0, marked: Int = 0) { self.lowercase = lowercase; self.marked = marked }
        public static func + (a: Count, b: Count) -> Count { Count(lowercase: a.lowercase + b.lowercase, marked: a.marked + b.marked) }
    }

    /// `text` in NFC (every stored text is).
    public static func count(_ text: String) -> Count {
        var out = Count()
        var inWord = false, lowercase = false, marked = false
        for s in text.unicodeScalars {
            // ASCII by range: the Unicode property lookups are most of the cost on long bodies.
            let letter = s.isASCII ? (0x41...0x5A).contains(s.value) || (0x61...0x7A).contains(s.value) : s.properties.isAlphabetic
            if letter {
                if !inWord { inWord = true; lowercase = s.isASCII ? s.value >= 0x61 : s.properties.isLowercase; marked = false }
                if isVietnameseOnly(s) { marked = true }
            } else if inWord {
                inWord = false
                if lowercase { out.lowercase += 1; if marked { out.marked += 1 } }
            }
        }
        if inWord, lowercase { out.lowercase += 1; if marked { out.marked += 1 } }
        return out
    }

    public static func isVietnameseOnly(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1EA0...0x1EF9, 0x0102, 0x0103, 0x0110, 0x0111, 0x0128, 0x0129, 0x0168, 0x0169, 0x01A0, 0x01A1, 0x01AF, 0x01B0: true
        default: false
        }
    }
}
