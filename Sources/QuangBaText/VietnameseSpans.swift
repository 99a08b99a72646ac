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

    /// A text node with its runs of Vietnamese-looking words wrapped.
    static func markRuns(_ text: ArraySlice<UInt8>, into out: inout [UInt8]) {
        let s = String(decoding: text, as: UTF8.self)
        let scalars = Array(s.unicodeScalars)
        var words: [(start: Int, end: Int, vietnamese: Bool)] = []
        var k = 0
        while k < scalars.count {
            guard isLatinLetter(scalars[k]) else { k += 1; continue }
            let start = k
            var vietnamese = false
            while k < scalars.count, isLatinLetter(scalars[k]) || isMark(scalars[k]) {
                if isVietnamese(scalars[k], after: k > start ? scalars[k - 1] : nil) { vietnamese = true }
                k += 1
            }
            words.append((start, k, vietnamese))
        }
        guard words.contains(where: \.vietnamese) else { out += text; return }
        var result = ""
        var copied = 0
        var w = 0
        while w < words.count {
            guard words[w].vietnamese else { w += 1; continue }
            var last = w
            // Joined by exactly one space or hyphen to the next Vietnamese-looking word.
            while last + 1 < words.count, words[last + 1].vietnamese, words[last + 1].start - words[last].end == 1,
                  scalars[words[last].end] == " " || scalars[words[last].end] == "-" {
                last += 1
            }
            result.unicodeScalars.append(contentsOf: scalars[copied..<words[w].start])
            result += "<span lang=\"vi\">"
            result.unicodeScalars.append(contentsOf: scalars[words[w].start..<words[last].end])
            result += "</span>"
            copied = words[last].end
            w = last + 1
        }
        result.unicodeScalars.append(contentsOf: scalars[copied...])
        out += Array(result.utf8)
    }

    private static func isLatinLetter(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x41...0x5A, 0x61...0x7A: true
        case 0xC0...0x24F, 0x1E00...0x1EFF: s.properties.isAlphabetic && s.value != 0xD7 && s.value != 0xF7
        default: false
        }
    }

    private static func isMark(_ s: Unicode.Scalar) -> Bool { (0x300...0x36F).contains(s.value) }

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

    private static func isVietnamese(_ s: Unicode.Scalar, after previous: Unicode.Scalar?) -> Bool {
        if marked.contains(s.value) { return true }
        // A decomposed mark on the letter before it.
        guard isMark(s), let p = previous, p.isASCII else { return false }
        let lower = Character(p).lowercased().first!
        if let own = letterMarks[lower], own.contains(s.value) { return true }
        return "aeiouy".contains(lower) && tones.contains(s.value)
    }
}

extension String {
    /// The scalars of the canonical decomposition (NFD) of a string, through ICU.
    fileprivate var decomposedCanonicalScalars: [Unicode.Scalar] { Array(Normalization.nfd(self).unicodeScalars) }
}
