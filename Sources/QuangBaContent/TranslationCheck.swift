import Foundation
public import QuangBaCore
public import QuangBaText

/// Whether a language version is really a translation of its source. It is not when it is left
/// empty, when it is the source text unchanged, when most of its letters are in another script
/// than its language's own (Vietnamese or English in ko.md), or when a Latin-script language
/// other than Vietnamese holds Vietnamese text.
///
/// The invariant it serves: an untranslated text is never published as a translation. Approval
/// refuses it (`refusal`), and `ItemReader` reports it on every read: a warning on a draft (not
/// translated yet), an error once approved (approved by hand), which keeps the item out of every
/// output until it is fixed.
///
/// The scripts a language is written in come from ICU (`Script.scripts(ofLanguage:)`), so a
/// language added to the configuration (lo, km, ru) is checked without a table here.
public enum TranslationCheck {
    public enum Problem: Hashable, Sendable {
        /// Parts every translation has are empty: the title, and the body when the source has one.
        case notTranslated(parts: [String])
        /// Every translatable field and the body equal the source's (NFC, trimmed).
        case sameAsSource
        /// Too few letters in the language's scripts; `found` is the script most letters are in.
        case wrongScript(found: Script, expected: [Script], percent: Int)
        /// Han without the script that tells the language from Chinese: kana for Japanese,
        /// Hangul for Korean.
        case missingScript([Script])
        /// Vietnamese text: `percent` of the words that start with a small letter carry letters
        /// only Vietnamese writes.
        case vietnamese(percent: Int)
    }

    /// Below this share of letters in its own scripts a text is not in its language. Half leaves
    /// room for what a real translation keeps in Latin letters (names, ASEAN, FDI, km², web
    /// addresses in the fields), while a text pasted in another script has next to none.
    static let ownShare = 0.5
    /// Texts with fewer letters are judged only by whether any letter is in the language's
    /// scripts: "ASEAN 포럼" is Korean, yet 5 of its 7 letters are Latin.
    static let shortText = 20
    /// Japanese writes kana and Korean Hangul in anything longer than a few words; under a tenth
    /// of the letters is Chinese with a word or two of them.
    static let ownScriptShare = 0.1
    /// The words that start with a small letter needed to judge whether a text is Vietnamese, and
    /// the share of them with Vietnamese-only letters from which it is. Vietnamese prose has 35–60 %
    /// of such words, the sample's English and French under 5 % (names are capitalised; a
    /// loanword like "lượn" is one word in many).
    static let vietnameseWords = 6
    static let vietnameseShare = 0.25
    /// A source that is one short name ("Ải Chi Lăng") may stay as it is in a translation.
    static let nameWords = 4

    /// Everything wrong with `candidate` as a translation of `source` (languages from each).
    public static func problems(_ candidate: Translation, source: Translation, kind: ItemKind) -> [Problem] {
        let empty = requiredParts(source, kind: kind).filter { isBlank(part($0, of: candidate)) }
        let everything = kind.translatableFields + ["body"]
        if everything.allSatisfy({ isBlank(part($0, of: candidate)) }) { return [.notTranslated(parts: empty)] }
        if isCopy(candidate, of: source, kind: kind) { return [.sameAsSource] }
        var out: [Problem] = empty.isEmpty ? [] : [.notTranslated(parts: empty)]
        if let p = languageProblem(analysedText(candidate, kind: kind), language: candidate.language, source: source.language) { out.append(p) }
        return out
    }

    /// The error approval throws when `candidate` is not a translation: which file, what is
    /// wrong and what to do, in the messages' words.
    public static func refusal(for candidate: Translation, source: Translation, kind: ItemKind, id: ItemID) -> QuangBaError? {
        let found = problems(candidate, source: source, kind: kind)
        guard !found.isEmpty else { return nil }
        let file = "content/\(kind.rawValue)/\(id.rawValue)/\(candidate.language.rawValue).md"
        return QuangBaError(Message("workflow.not_a_translation", ["lang": candidate.language.rawValue, "id": id.rawValue]), at: Location(file: file),
                            diagnostics: found.map { Diagnostic(.error, Location(file: file), message($0, candidate.language, source: source.language, id: id)) })
    }

    /// What `ItemReader` reports for one language file: a warning while it is a draft, an error
    /// once approved. `text` is the file as read, for the line the problem shows on.
    /// `public`: the text is what the public would see (approved, with no approved version kept
    /// apart that the public sees instead): only then is a problem an error.
    static func diagnostics(_ candidate: Translation, source: Translation, kind: ItemKind, id: ItemID, file: String, text: String?, isPublic: Bool) -> [Diagnostic] {
        let severity: Diagnostic.Severity = isPublic ? .error : .warning
        return problems(candidate, source: source, kind: kind).map { p in
            Diagnostic(severity, Location(file: file, line: text.map { line(of: p, in: $0, language: candidate.language, source: source.language) } ?? 1),
                       message(p, candidate.language, source: source.language, id: id))
        }
    }

    static func message(_ p: Problem, _ lang: LanguageCode, source: LanguageCode, id: ItemID) -> Message {
        var args = ["lang": lang.rawValue, "source": source.rawValue, "id": id.rawValue]
        switch p {
        case .notTranslated(let parts):
            args["parts"] = parts.joined(separator: ", ")
            return Message("translation.not_translated", args)
        case .sameAsSource:
            return Message("translation.same_as_source", args)
        case .wrongScript(let found, let expected, let percent):
            args["found"] = found.description
            args["expected"] = expected.map(\.description).joined(separator: ", ")
            args["percent"] = "\(percent)"
            return Message("translation.wrong_script", args)
        case .missingScript(let scripts):
            args["scripts"] = scripts.map(\.description).joined(separator: ", ")
            return Message("translation.missing_script", args)
        case .vietnamese(let percent):
            args["percent"] = "\(percent)"
            return Message("translation.vietnamese", args)
        }
    }

    // MARK: - The rules

    /// The parts a translation must have for the source it translates.
    private static func requiredParts(_ source: Translation, kind: ItemKind) -> [String] {
        ["title"] + (isBlank(source.body) ? [] : ["body"])
    }

    private static func part(_ name: String, of t: Translation) -> String { name == "body" ? t.body : t.fields[name] ?? "" }
    private static func isBlank(_ s: String) -> Bool { s.allSatisfy(\.isWhitespace) }
    /// Equal after trimming white space, in NFC. Stored text is NFC (the reader refuses other
    /// text), so the bytes are compared first and normalized only when one is not.
    private static func same(_ a: String, _ b: String) -> Bool {
        if sameBytes(a, b) { return true }
        if Normalization.isNFC(a), Normalization.isNFC(b) { return false }
        return sameBytes(Normalization.nfc(a), Normalization.nfc(b))
    }

    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        func trimmed(_ s: String) -> Substring.UTF8View {
            let u = s.utf8
            let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
            guard let first = u.firstIndex(where: { !isSpace($0) }), let last = u.lastIndex(where: { !isSpace($0) }) else { return Substring("").utf8 }
            return Substring(s)[first...last].utf8
        }
        return trimmed(a).elementsEqual(trimmed(b))
    }

    /// Every part equal to the source's, judged on the whole text: a title alone may keep a name.
    private static func isCopy(_ candidate: Translation, of source: Translation, kind: ItemKind) -> Bool {
        let names = kind.translatableFields + ["body"]
        guard names.allSatisfy({ same(part($0, of: candidate), part($0, of: source)) }) else { return false }
        let written = names.map { part($0, of: source) }.filter { !isBlank($0) }
        return written.count > 1 || written.joined().split(whereSeparator: \.isWhitespace).count >= nameWords
    }

    /// The letters and words a text's language is judged by.
    struct Evidence {
        var letters: [Script: Int]
        var words = VietnameseWords.Count()
        /// `words`: count the words too (only Vietnamese sources translated into another language need them).
        init(_ text: String, words: Bool) {
            letters = Script.letterCounts(text)
            if words { self.words = VietnameseWords.count(text) }
        }
        var total: Int { letters.values.reduce(0, +) }
        func count(_ scripts: [Script]) -> Int { scripts.reduce(0) { $0 + (letters[$1] ?? 0) } }
    }

    private static func languageProblem(_ text: String, language: LanguageCode, source: LanguageCode) -> Problem? {
        let expected = Script.scripts(ofLanguage: language.rawValue)
        let fromVietnamese = primary(source) == "vi" && primary(language) != "vi"
        var e = Evidence(text, words: false)
        guard !expected.isEmpty, e.total > 0 else { return nil }
        let own = e.count(expected)
        let ownTooFew = e.total < shortText ? own == 0 : Double(own) < ownShare * Double(e.total)
        // Words are counted only where they decide something (most of the cost on long bodies):
        // a Latin-script target, or a text not in its own script (Vietnamese, or another script?).
        if fromVietnamese, expected.contains(.latin) || ownTooFew { e.words = VietnameseWords.count(text) }
        let isVietnamese = fromVietnamese && e.words.lowercase >= vietnameseWords
            && Double(e.words.marked) >= vietnameseShare * Double(e.words.lowercase)
        if ownTooFew {
            if isVietnamese { return .vietnamese(percent: percent(e.words.marked, e.words.lowercase)) }
            let found = e.letters.filter { !expected.contains($0.key) }.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? .latin
            return .wrongScript(found: found, expected: expected, percent: percent(own, e.total))
        }
        // Han is shared by Chinese, Japanese and Korean: a language that writes it beside a
        // script of its own must show that script. Bopomofo only annotates Traditional Chinese.
        let distinctive = expected.filter { $0 != .han && $0 != .bopomofo }
        if expected.contains(.han), !distinctive.isEmpty, own >= shortText, Double(e.count(distinctive)) < ownScriptShare * Double(own) {
            return .missingScript(distinctive)
        }
        if isVietnamese, expected.contains(.latin) { return .vietnamese(percent: percent(e.words.marked, e.words.lowercase)) }
        return nil
    }

    private static func primary(_ l: LanguageCode) -> Substring { l.rawValue.split(separator: "-").first ?? "" }
    private static func percent(_ a: Int, _ b: Int) -> Int { b == 0 ? 0 : a * 100 / b }

    // MARK: - The text judged

    /// The fields and the body as prose: without what is not written in any language (web and
    /// mail addresses, link targets, HTML tags, code), which would count as Latin letters.
    static func analysedText(_ t: Translation, kind: ItemKind) -> String {
        var out = kind.translatableFields.compactMap { t.fields[$0].map(prose) }
        // Most bodies hold no tag, address, code or link: then the body is prose as it is, and
        // is not taken apart line by line (every translation comes here when the index reads it).
        if !mayHoldNonProse(t.body.utf8, orFence: true) {
            out.append(t.body)
            return out.joined(separator: "\n")
        }
        var fenced = false
        // Lines found in the bytes: splitting a long body into Characters costs more than the rest.
        let body = Substring(t.body)
        for line in body.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if let p = bodyLine(Substring(line), fenced: &fenced) { out.append(p) }
        }
        return out.joined(separator: "\n")
    }

    /// One body line as prose; nil inside fenced code.
    private static func bodyLine(_ line: Substring, fenced: inout Bool) -> String? {
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { fenced.toggle(); return nil }
        return fenced ? nil : prose(line)
    }

    private static func prose(_ s: some StringProtocol) -> String {
        // Most text has none of what is taken out: no need to take it apart. Decided on the
        // bytes (every translation of every item comes here when the index reads it).
        guard mayHoldNonProse(s.utf8) else { return String(s) }
        var kept: [Substring] = []
        for token in s.split(whereSeparator: \.isWhitespace) {
            var t = Substring(token)
            // "[text](https://…)", "![alt](photo.jpg)": the words before the target.
            if let r = find(Array("](".utf8), in: t) { t = t[..<r] }
            if t.hasPrefix("<") || find(Array("://".utf8), in: t) != nil || t.hasPrefix("www.") || t.utf8.contains(UInt8(ascii: "@")) || t.hasPrefix("`") { continue }
            kept.append(t)
        }
        return kept.joined(separator: " ")
    }

    /// Whether a text may hold a tag, an address, code or a link target: `<`, `@`, a backtick,
    /// `](`, `://` or `www.`.
    /// `orFence`: a `~` (of a `~~~` code fence) counts too.
    private static func mayHoldNonProse(_ u: some Collection<UInt8>, orFence: Bool = false) -> Bool {
        // Over contiguous bytes where the text has them: iterating a UTF8View costs several times more.
        if let found = u.withContiguousStorageIfAvailable({ scan($0, orFence: orFence) }) { return found }
        return scan(u, orFence: orFence)
    }

    private static func scan(_ u: some Collection<UInt8>, orFence: Bool) -> Bool {
        var previous: UInt8 = 0, before: UInt8 = 0, third: UInt8 = 0
        for b in u {
            switch b {
            case UInt8(ascii: "<"), UInt8(ascii: "@"), UInt8(ascii: "`"): return true
            case UInt8(ascii: "~") where orFence: return true
            case UInt8(ascii: "(") where previous == UInt8(ascii: "]"): return true
            case UInt8(ascii: "/") where previous == UInt8(ascii: "/") && before == UInt8(ascii: ":"): return true
            case UInt8(ascii: ".") where previous == UInt8(ascii: "w") && before == UInt8(ascii: "w") && third == UInt8(ascii: "w"): return true
            default: break
            }
            third = before; before = previous; previous = b
        }
        return false
    }

    /// Where `needle` starts in `t`, found in its UTF-8 bytes.
    private static func find(_ needle: [UInt8], in t: Substring) -> Substring.Index? {
        let u = t.utf8
        var i = u.startIndex
        while i != u.endIndex {
            if u[i...].starts(with: needle) { return i }
            i = u.index(after: i)
        }
        return nil
    }

    /// The 1-based line of `text` (a whole `<lang>.md`) where the problem shows first: the first
    /// field or body line that fails the same rule by itself; else the first line.
    static func line(of p: Problem, in text: String, language: LanguageCode, source: LanguageCode) -> Int {
        let expected = Script.scripts(ofLanguage: language.rawValue)
        let fails: (Evidence) -> Bool
        switch p {
        case .wrongScript: fails = { $0.total > 0 && Double($0.count(expected)) < ownShare * Double($0.total) }
        case .vietnamese: fails = { $0.words.marked > 0 && Double($0.words.marked) >= vietnameseShare * Double($0.words.lowercase) }
        case .missingScript(let scripts): fails = { $0.count(expected) > 0 && $0.count(scripts) == 0 }
        case .notTranslated, .sameAsSource: return 1
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var inFrontMatter = false, fenced = false
        for (i, line) in lines.enumerated() {
            if line == "---", i == 0 || inFrontMatter { inFrontMatter = i == 0; continue }
            let prosePart: String?
            if inFrontMatter {
                // `name: value` of a field; comments and the translation's own records are not text.
                guard let colon = line.firstIndex(of: ":"), !line.hasPrefix("#"),
                      !["status", "translator", "source_hash"].contains(String(line[..<colon])) else { continue }
                prosePart = prose(line[line.index(after: colon)...])
            } else {
                prosePart = bodyLine(line, fenced: &fenced)
            }
            if let p = prosePart, fails(Evidence(p, words: true)) { return i + 1 }
        }
        return 1
    }
}
