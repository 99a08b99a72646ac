/// Vietnamese words inside a page of another language (names such as "Lạng Sơn", terms such as
/// "phở", "Lồng Tồng", a decision number "1452/QĐ-UBND") marked `<span lang="vi">`, so that a
/// screen reader says them with a Vietnamese voice and a reader's tools know their language.
///
/// A word is Vietnamese-looking when it is written in Latin letters and carries a letter or a
/// mark Vietnamese uses: đ, a breve (ă), a circumflex (â ê ô), a horn (ơ ư), or a tone mark
/// (grave, acute, tilde, hook above, dot below) on a vowel. Neighbouring such words, joined by
/// a space or a hyphen, make one span. The page is the site's own output: well-formed HTML;
/// text already inside an element marked `lang="vi…"`, the head, scripts, styles, `<title>`,
/// `<option>` and `<textarea>` (which may hold only text) are left as they are.
public enum VietnameseSpans {
    /// The page with its Vietnamese runs marked; the same bytes when it has none.
    public static func mark(_ html: [UInt8]) -> [UInt8] {
        guard mayHoldVietnamese(html[...]) else { return html }
        var out: [UInt8] = []
        out.reserveCapacity(html.count + 256)
        // Per open element: its name, and whether its text is Vietnamese or must stay as it is.
        var stack: [(name: String, keep: Bool)] = []
        var i = 0
        let n = html.count
        var textStart = 0
        func flushText(_ end: Int) {
            guard textStart < end else { return }
            let text = html[textStart..<end]
            if stack.last?.keep == true || !mayHoldVietnamese(text) { out += text } else { markRuns(text, into: &out) }
        }
        while i < n {
            guard html[i] == UInt8(ascii: "<") else { i += 1; continue }
            flushText(i)
            // A comment, doctype or tag: copied as it is.
            var end = i + 1
            if i + 3 < n, html[i + 1] == 0x21, html[i + 2] == 0x2D, html[i + 3] == 0x2D {  // <!--
                while end + 2 < n, !(html[end] == 0x2D && html[end + 1] == 0x2D && html[end + 2] == 0x3E) { end += 1 }
                end = min(n, end + 3)
            } else {
                var quote: UInt8 = 0
                while end < n {
                    let b = html[end]
                    if quote != 0 { if b == quote { quote = 0 } } else if b == 0x22 || b == 0x27 { quote = b } else if b == 0x3E { break }
                    end += 1
                }
                end = min(n, end + 1)
            }
            let tag = html[i..<end]
            out += tag
            i = end
            textStart = end
            track(tag, &stack)
            // Raw text elements: their content up to the end tag is copied as it is.
            if let top = stack.last, rawText.contains(top.name) {
                let close = Array("</".utf8) + Array(top.name.utf8)
                var j = i
                while j < n, !html[j...].starts(with: close) { j += 1 }
                out += html[i..<j]
                i = j
                textStart = j
            }
        }
        flushText(n)
        return out
    }

    /// Whether the bytes may hold a Vietnamese-looking letter: every one is outside ASCII in
    /// UTF-8, with lead byte C3–C6 (Latin-1, Extended-A and -B), CC–CD (combining marks) or
    /// E1 followed by B8–BB (U+1E00–U+1EFF). Chinese, Japanese, Korean and English text is
    /// passed over at this cost alone.
    static func mayHoldVietnamese(_ bytes: ArraySlice<UInt8>) -> Bool {
        var k = bytes.startIndex
        while k < bytes.endIndex {
            let b = bytes[k]
            if b >= 0xC3, b <= 0xCD, b <= 0xC6 || b >= 0xCC { return true }
            if b == 0xE1, k + 1 < bytes.endIndex, bytes[k + 1] >= 0xB8, bytes[k + 1] <= 0xBB { return true }
            k += 1
        }
        return false
    }

    private static let rawText: Set<String> = ["script", "style", "title", "textarea"]
    private static let keepText: Set<String> = ["head", "option"]
    private static let void: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    private static func track(_ tag: ArraySlice<UInt8>, _ stack: inout [(name: String, keep: Bool)]) {
        var k = tag.startIndex + 1
        guard k < tag.endIndex, tag[k] != UInt8(ascii: "!") else { return }
        let closing = tag[k] == UInt8(ascii: "/")
        if closing { k += 1 }
        let nameStart = k
        while k < tag.endIndex, isNameByte(tag[k]) { k += 1 }
        guard k > nameStart else { return }
        let name = String(decoding: tag[nameStart..<k], as: UTF8.self)  // short: no allocation
        if closing {
            if let at = stack.lastIndex(where: { $0.name == name }) { stack.removeSubrange(at...) }
            return
        }
        if void.contains(name) { return }
        var keep = stack.last?.keep ?? false
        if keepText.contains(name) || rawText.contains(name) { keep = true }
        if let lang = attribute("lang", in: tag[k...]) {
            keep = keep || lang.prefix(2).elementsEqual("vi".utf8) && (lang.count == 2 || lang[lang.startIndex + 2] == UInt8(ascii: "-"))
        }
        stack.append((name, keep))
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D
    }

    /// The value of ` name="…"` in a tag's attributes.
    private static func attribute(_ name: String, in attrs: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        let pattern = Array(" \(name)=\"".utf8)
        var k = attrs.startIndex
        while k + pattern.count <= attrs.endIndex {
            if attrs[k] == 0x20, attrs[k + 1] == pattern[1], attrs[k..<(k + pattern.count)].elementsEqual(pattern) {
                let start = k + pattern.count
                guard let end = attrs[start...].firstIndex(of: 0x22) else { return nil }
                return attrs[start..<end]
            }
            k += 1
        }
        return nil
    }

    /// A text node with its runs of Vietnamese-looking words wrapped. Works on the UTF-8 bytes:
    /// it runs over most text of every page in another language.
    static func markRuns(_ text: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var words: [(start: Int, end: Int, vietnamese: Bool)] = []
        var k = text.startIndex
        var inWord = false, vietnamese = false, start = 0
        var previous: UInt32 = 0
        while k < text.endIndex {
            let (scalar, length) = decode(text, at: k)
            let letter = isLatinLetter(scalar)
            if letter || (inWord && isMark(scalar)) {
                if !inWord { inWord = true; vietnamese = false; start = k }
                if !vietnamese, isVietnamese(scalar, after: previous) { vietnamese = true }
            } else if inWord {
                words.append((start, k, vietnamese))
                inWord = false
            }
            previous = scalar
            k += length
        }
        if inWord { words.append((start, text.endIndex, vietnamese)) }
        guard words.contains(where: \.vietnamese) else { out += text; return }
        var copied = text.startIndex
        var w = 0
        while w < words.count {
            guard words[w].vietnamese else { w += 1; continue }
            var last = w
            // Joined by exactly one space or hyphen to the next Vietnamese-looking word.
            while last + 1 < words.count, words[last + 1].vietnamese, words[last + 1].start - words[last].end == 1,
                  text[words[last].end] == 0x20 || text[words[last].end] == 0x2D {
                last += 1
            }
            out += text[copied..<words[w].start]
            out += openSpan
            out += text[words[w].start..<words[last].end]
            out += closeSpan
            copied = words[last].end
            w = last + 1
        }
        out += text[copied...]
    }

    private static let openSpan = Array("<span lang=\"vi\">".utf8)
    private static let closeSpan = Array("</span>".utf8)

    /// The scalar at `k` and its length in bytes (a broken sequence reads as U+FFFD, one byte).
    private static func decode(_ b: ArraySlice<UInt8>, at k: Int) -> (UInt32, Int) {
        let lead = b[k]
        if lead < 0x80 { return (UInt32(lead), 1) }
        func cont(_ i: Int) -> UInt32? { i < b.endIndex && b[i] & 0xC0 == 0x80 ? UInt32(b[i] & 0x3F) : nil }
        if lead & 0xE0 == 0xC0, let c1 = cont(k + 1) { return (UInt32(lead & 0x1F) << 6 | c1, 2) }
        if lead & 0xF0 == 0xE0, let c1 = cont(k + 1), let c2 = cont(k + 2) { return (UInt32(lead & 0x0F) << 12 | c1 << 6 | c2, 3) }
        if lead & 0xF8 == 0xF0, let c1 = cont(k + 1), let c2 = cont(k + 2), let c3 = cont(k + 3) {
            return (UInt32(lead & 0x07) << 18 | c1 << 12 | c2 << 6 | c3, 4)
        }
        return (0xFFFD, 1)
    }

    private static func isLatinLetter(_ v: UInt32) -> Bool {
        switch v {
        case 0x41...0x5A, 0x61...0x7A: true
        case 0xC0...0x24F: latinLetters[Int(v - 0xC0)]
        case 0x1E00...0x1EFF: latinLetters[Int(v - 0x1E00) + (0x250 - 0xC0)]
        default: false
        }
    }

    /// Letters of Latin-1, Extended-A and -B (U+00C0–U+024F) and Latin Extended Additional.
    private static let latinLetters: [Bool] = {
        let ranges: [ClosedRange<UInt32>] = [0xC0...0x24F, 0x1E00...0x1EFF]
        return ranges.flatMap { r in r.map { v in Unicode.Scalar(v).map { $0.properties.isAlphabetic && v != 0xD7 && v != 0xF7 } ?? false } }
    }()

    private static func isMark(_ v: UInt32) -> Bool { (0x300...0x36F).contains(v) }

    /// Precomposed letters with a Vietnamese letter or tone mark, by their decomposition.
    private static let marked: Set<UInt32> = {
        var set = Set<UInt32>([0x110, 0x111])  // Đ đ
        for v: UInt32 in 0xC0...0x24F { if qualifies(Unicode.Scalar(v)!) { set.insert(v) } }
        for v: UInt32 in 0x1E00...0x1EFF { if let s = Unicode.Scalar(v), qualifies(s) { set.insert(v) } }
        return set
    }()

    private static let tones: Set<UInt32> = [0x300, 0x301, 0x303, 0x309, 0x323]
    private static let letterMarks: [Character: Set<UInt32>] = ["a": [0x306, 0x302], "e": [0x302], "o": [0x302, 0x31B], "u": [0x31B]]

    private static func qualifies(_ s: Unicode.Scalar) -> Bool {
        let d = String(s).decomposedCanonicalScalars
        guard let base = d.first, base.isASCII, d.count > 1 else { return false }
        let lower = Character(base).lowercased().first!
        let marks = Set(d.dropFirst().map(\.value))
        if let own = letterMarks[lower], !own.isDisjoint(with: marks) { return true }
        return "aeiouy".contains(lower) && !tones.isDisjoint(with: marks)
    }

    private static func isVietnamese(_ v: UInt32, after previous: UInt32) -> Bool {
        if v >= 0xC0, marked.contains(v) { return true }
        // A decomposed mark on the ASCII letter before it.
        guard isMark(v), previous < 0x80, let p = Unicode.Scalar(previous) else { return false }
        let lower = Character(p).lowercased().first!
        if let own = letterMarks[lower], own.contains(v) { return true }
        return "aeiouy".contains(lower) && tones.contains(v)
    }
}

extension String {
    /// The scalars of the canonical decomposition (NFD) of a string, through ICU.
    fileprivate var decomposedCanonicalScalars: [Unicode.Scalar] { Array(Normalization.nfd(self).unicodeScalars) }
}
