import CICUBridge

/// A search query as typed: its "quoted phrases" and loose words, each word with the marks it
/// was typed with. The full-text index finds candidates without diacritics (`SearchTokenizer`);
/// `SearchRanker` then orders them by this query read as it was typed.
public struct SearchQuery: Sendable {
    /// A word of the query: folded as the index folds it, with the diacritics typed on it.
    struct Term: Sendable {
        var folded: String
        /// The marks per letter; nil when the word was typed without any ("son" matches "Sơn" as
        /// well as "són": only a mark typed asks for that mark).
        var marks: [UInt32]?
    }

    /// Words that must be adjacent and in order: a quoted phrase, a CJK run (its characters), or
    /// a single word.
    let groups: [[Term]]
    var terms: [Term] { groups.flatMap { $0 } }

    /// True when the query has no word to look for.
    public var isEmpty: Bool { groups.isEmpty }

    public init(_ query: String) {
        var analyzer = TextUnits.Analyzer()
        var groups: [[Term]] = []
        for segment in Self.segments(query) {
            let units = analyzer.units(Normalization.nfc(segment.text))
            var group: [Term] = []
            var cjkRun: [Term] = []
            func flushRun() { if !cjkRun.isEmpty { groups.append(cjkRun); cjkRun = [] } }
            for (k, u) in units.units.enumerated() {
                let term = Term(folded: u.folded, marks: u.marks.isEmpty ? nil : u.marks)
                if segment.isPhrase { group.append(term); continue }
                if u.isCJK, k > 0, units.units[k - 1].isCJK, units.units[k - 1].range.upperBound == u.range.lowerBound {
                    cjkRun.append(term)
                } else {
                    flushRun()
                    if u.isCJK { cjkRun = [term] } else { groups.append([term]) }
                }
            }
            flushRun()
            if !group.isEmpty { groups.append(group) }
        }
        self.groups = groups
    }

    /// The query cut at its quotation marks (straight or curly): the parts inside are phrases. An
    /// unclosed quotation runs to the end.
    public static func segments(_ query: String) -> [(text: String, isPhrase: Bool)] {
        var out: [(text: String, isPhrase: Bool)] = []
        var current = "", inside = false
        for c in query {
            if c == "\"" || c == "“" || c == "”" || c == "„" {
                if !current.isEmpty { out.append((current, inside)) }
                current = ""
                inside.toggle()
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { out.append((current, inside)) }
        return out
    }
}

/// How well one language version matches a query, best first when sorted ascending: the
/// diacritics as typed before without them, then the whole query as a phrase, then its words
/// close together, then in the title.
public struct SearchScore: Comparable, Sendable {
    /// The whole query as a phrase, with the diacritics as typed.
    public var exactPhrase = false
    /// Every word (every quoted phrase) somewhere with the diacritics as typed.
    public var exactWords = false
    /// The whole query as a phrase, whatever the diacritics.
    public var phrase = false
    /// Every word within a few words of the others.
    public var near = false
    /// Every word in the title.
    public var inTitle = false
    /// The fewest words a stretch of the text holding every word spans (Int.max: none does).
    public var span = Int.max

    public static func < (a: SearchScore, b: SearchScore) -> Bool {
        let x = [a.exactPhrase, a.exactWords, a.phrase, a.near, a.inTitle], y = [b.exactPhrase, b.exactWords, b.phrase, b.near, b.inTitle]
        if x != y { return x.lexicographicallyPrecedes(y) { $0 && !$1 } }
        return a.span < b.span
    }
}

/// A short passage around the best match, cut at word boundaries, with the matched words marked.
public struct Snippet: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public var text: String
        public var isMatch: Bool
    }

    public var parts: [Part]
    public var plain: String { parts.map(\.text).joined() }
    /// The matched words, as they are written in the text.
    public var matches: [String] { parts.filter(\.isMatch).map(\.text) }
}

/// Ranks search results and cuts their snippets. It keeps a cache of folded letters: not
/// thread-safe, use one per thread.
public final class SearchRanker {
    private var analyzer = TextUnits.Analyzer()

    public init() {}

    /// The score of a language version with this `title` and `text` (its other fields and body
    /// as plain text), and a snippet of `text` around the best match (its beginning when only the
    /// title matches).
    public func evaluate(_ query: SearchQuery, title: String, text: String, snippetWidth: Int = 160) -> (score: SearchScore, snippet: Snippet) {
        let titleUnits = analyzer.units(title), textUnits = analyzer.units(text)
        let inTitle = Occurrences(query, titleUnits), inText = Occurrences(query, textUnits)
        var score = SearchScore()
        score.exactPhrase = inTitle.phrase(exact: true) != nil || inText.phrase(exact: true) != nil
        score.exactWords = Occurrences.allGroups(query, [inTitle, inText], exact: true)
        score.phrase = inTitle.phrase(exact: false) != nil || inText.phrase(exact: false) != nil
        // The words as typed close together count first; else the words whatever their marks.
        func spans(exact: Bool) -> [Int] {
            [inTitle.window(exact: exact), inText.window(exact: exact)].compactMap { $0 }.map { $0.upperBound - $0.lowerBound }
        }
        score.span = spans(exact: true).min() ?? spans(exact: false).min() ?? Int.max
        score.near = score.span <= query.terms.count + 4
        score.inTitle = inTitle.allGroups(exact: false)
        // The snippet shows the best place in the text: the phrase as typed, the phrase, the
        // tightest stretch with every word, else the first word found.
        let best = inText.phrase(exact: true) ?? inText.phrase(exact: false) ?? inText.window(exact: score.exactWords)
            ?? inText.window(exact: false) ?? inText.first
        return (score, textUnits.snippet(around: best, matched: inText.matchedUnits, width: snippetWidth))
    }
}

/// A text cut into words as the ranking sees them: runs of letters, marks and digits; each CJK
/// character is a word of its own.
struct TextUnits {
    struct Unit {
        /// Where the word is, in `scalars`.
        var range: Range<Int>
        var folded: String
        var marks: [UInt32]
        var isCJK: Bool
    }

    var scalars: [Unicode.Scalar]
    var units: [Unit]

    /// Splits texts into words and folds them, remembering each letter's folding: ICU is asked
    /// once per distinct letter, not once per word.
    struct Analyzer {
        private var letters: [UInt32: (folded: String, marks: [UInt32])] = [:]

        mutating func units(_ text: String) -> TextUnits {
            let scalars = Array(text.unicodeScalars)
            var units: [Unit] = []
            var i = 0
            while i < scalars.count {
                let s = scalars[i]
                if Self.isCJK(s) {
                    let (f, m) = letter(s)
                    units.append(Unit(range: i..<(i + 1), folded: f, marks: m, isCJK: true))
                    i += 1
                    continue
                }
                guard Self.isWordScalar(s) else { i += 1; continue }
                var folded = "", marks: [UInt32] = []
                let start = i
                while i < scalars.count, Self.isWordScalar(scalars[i]), !Self.isCJK(scalars[i]) {
                    let (f, m) = letter(scalars[i])
                    folded += f
                    marks += m
                    i += 1
                }
                units.append(Unit(range: start..<i, folded: folded, marks: marks, isCJK: false))
            }
            return TextUnits(scalars: scalars, units: units)
        }

        private mutating func letter(_ s: Unicode.Scalar) -> (folded: String, marks: [UInt32]) {
            if s.isASCII { return (String(Character(s).lowercased()), []) }
            if let known = letters[s.value] { return known }
            let text = String(s)
            var marks = Normalization.marks(text)
            // đ is a letter of its own, not d with a mark: typed, it asks for đ.
            if s.value == 0x0110 || s.value == 0x0111 { marks.append(0x0111) }
            let result = (Normalization.fold(text), marks)
            letters[s.value] = result
            return result
        }

        /// Letters, marks and digits make words (as FTS5's unicode61 tokenizer counts them).
        static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
            if s.isASCII { return s.properties.isAlphabetic || ("0"..."9").contains(s) }
            switch s.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber, .privateUse: return true
            default: return false
            }
        }

        static func isCJK(_ s: Unicode.Scalar) -> Bool {
            guard s.value >= 0x1100 else { return false }
            switch s.value {
            case 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0x3041...0x3096, 0x30A1...0x30FA: return true
            default: return qb_is_cjk(s.value) == 1
            }
        }
    }

    /// The passage of about `width` columns around `focus` (unit indices), whitespace collapsed,
    /// "…" where it is cut; the units in `matched` are marked.
    func snippet(around focus: ClosedRange<Int>?, matched: Set<Int>, width: Int) -> Snippet {
        guard !units.isEmpty else { return Snippet(parts: []) }
        let focus = focus ?? 0...0
        func columns(_ k: Int) -> Int { units[k].isCJK ? 2 : units[k].range.count + 1 }
        var first = focus.lowerBound, last = focus.lowerBound
        var used = columns(first)
        // Some context before the match (a quarter of the width), then as much after as fits.
        while first > 0, used + columns(first - 1) <= width / 4 { first -= 1; used += columns(first) }
        while last + 1 < units.count, used + columns(last + 1) <= width { last += 1; used += columns(last) }
        while first > 0, used + columns(first - 1) <= width { first -= 1; used += columns(first) }
        var parts: [Snippet.Part] = []
        func add(_ text: String, _ isMatch: Bool) {
            guard !text.isEmpty else { return }
            if let p = parts.last, p.isMatch == isMatch { parts[parts.count - 1].text += text } else { parts.append(.init(text: text, isMatch: isMatch)) }
        }
        if first > 0 { add("…", false) }
        for k in first...last {
            if k > first { add(Self.collapse(scalars[units[k - 1].range.upperBound..<units[k].range.lowerBound]), false) }
            add(String(String.UnicodeScalarView(scalars[units[k].range])), matched.contains(k))
        }
        if last < units.count - 1 {
            add("…", false)
        } else {
            // The text's own end (a full stop, a bracket) rather than a cut.
            var tail = Self.collapse(scalars[units[last].range.upperBound...])
            while tail.last == " " { tail.removeLast() }
            add(tail, false)
        }
        return Snippet(parts: parts)
    }

    /// The text between two words on one line: runs of white space become one space.
    private static func collapse(_ between: ArraySlice<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for s in between {
            if s.properties.isWhitespace { space = true; continue }
            if space { out.append(" ") }
            space = false
            out.append(s)
        }
        if space { out.append(" ") }
        return String(out)
    }
}

/// Where a query's words occur in one text, by unit index.
struct Occurrences {
    let query: SearchQuery
    let terms: [SearchQuery.Term]
    /// Per term: the units it matches, with whether the diacritics are as typed.
    let hits: [[(unit: Int, exact: Bool)]]
    let count: Int

    init(_ query: SearchQuery, _ text: TextUnits) {
        self.query = query
        terms = query.terms
        count = text.units.count
        var byFolded: [String: [Int]] = [:]
        for (j, t) in terms.enumerated() { byFolded[t.folded, default: []].append(j) }
        var hits = [[(unit: Int, exact: Bool)]](repeating: [], count: terms.count)
        for (k, u) in text.units.enumerated() {
            for j in byFolded[u.folded] ?? [] {
                hits[j].append((k, terms[j].marks.map { $0 == u.marks } ?? true))
            }
        }
        self.hits = hits
    }

    /// Every unit some word of the query matches (the snippet marks them).
    var matchedUnits: Set<Int> { Set(hits.flatMap { $0.map { $0.unit } }) }

    var first: ClosedRange<Int>? { hits.flatMap { $0.map { $0.unit } }.min().map { $0...$0 } }

    /// The units where terms `from..<to` occur one after the other, starting at each.
    private func runs(_ from: Int, _ to: Int, exact: Bool) -> [Int] {
        guard from < to else { return [] }
        var lookup: [Set<Int>] = []
        for j in from..<to { lookup.append(Set(hits[j].filter { !exact || $0.exact }.map { $0.unit })) }
        return lookup[0].filter { start in (1..<lookup.count).allSatisfy { lookup[$0].contains(start + $0) } }.sorted()
    }

    /// The first place where the whole query occurs as a phrase.
    func phrase(exact: Bool) -> ClosedRange<Int>? {
        runs(0, terms.count, exact: exact).first.map { $0...($0 + terms.count - 1) }
    }

    /// The occurrences of each group (its words adjacent), as unit ranges.
    private func groupHits(exact: Bool) -> [[ClosedRange<Int>]] {
        var start = 0
        return query.groups.map { g in
            defer { start += g.count }
            return runs(start, start + g.count, exact: exact).map { $0...($0 + g.count - 1) }
        }
    }

    func allGroups(exact: Bool) -> Bool { groupHits(exact: exact).allSatisfy { !$0.isEmpty } }

    /// True when each group occurs in one of the texts (the title or the text).
    static func allGroups(_ query: SearchQuery, _ texts: [Occurrences], exact: Bool) -> Bool {
        let perText = texts.map { $0.groupHits(exact: exact) }
        return query.groups.indices.allSatisfy { g in perText.contains { !$0[g].isEmpty } }
    }

    /// The shortest stretch of units holding an occurrence of every group.
    func window(exact: Bool) -> ClosedRange<Int>? {
        let groups = groupHits(exact: exact)
        guard !groups.isEmpty, groups.allSatisfy({ !$0.isEmpty }) else { return nil }
        let events = groups.enumerated().flatMap { g, ranges in ranges.map { (range: $0, group: g) } }.sorted { $0.range.lowerBound < $1.range.lowerBound }
        var inWindow = [Int](repeating: 0, count: groups.count)
        var covered = 0, left = 0
        var best: ClosedRange<Int>?
        // A sliding window over the occurrences in text order; the end of a window is the
        // furthest end of the occurrences in it.
        for right in events.indices {
            if inWindow[events[right].group] == 0 { covered += 1 }
            inWindow[events[right].group] += 1
            while covered == groups.count {
                let end = events[left...right].map { $0.range.upperBound }.max()!
                let w = events[left].range.lowerBound...end
                if best == nil || w.count < best!.count { best = w }
                inWindow[events[left].group] -= 1
                if inWindow[events[left].group] == 0 { covered -= 1 }
                left += 1
            }
        }
        return best
    }
}
