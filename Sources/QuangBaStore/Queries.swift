import Foundation
import GRDB
public import QuangBaContent
public import QuangBaCore
import QuangBaMarkup
public import QuangBaText

/// Filters and order for `quangba list`.
public struct ListQuery: Sendable {
    public enum Sort: String, CaseIterable, Sendable { case date, title }
    public var kind: ItemKind?
    /// Only items that have this language version; titles are shown in it.
    public var language: LanguageCode?
    public var state: ItemState?
    public var unit: String?
    public var topic: String?
    public var channel: String?
    public var sort: Sort = .date
    public init() {}
}

/// One row of a listing.
public struct ItemSummary: Sendable, Equatable {
    public var id: String
    public var kind: String
    public var state: String?
    public var classification: String?
    public var unit: String?
    public var updated: Timestamp?
    public var title: String
    public var titleLanguage: String?
    public var languages: [String]
    public var errors: Int
}

public struct SearchHit: Sendable, Equatable {
    public var id: String
    public var kind: String
    public var language: String
    public var title: String
    public var summary: String?
    public var state: String?
    /// A passage of the text (its other fields and body) around the best match.
    public var snippet: Snippet
    public var score: SearchScore
}

/// A full-text match as read from the index, before it is ranked.
private struct SearchCandidate: Sendable {
    var folder, lang, id, kind: String
    var state, sourceLang: String?
    var title: String
    var summary: String?
    var text: String
    var rank: Double
}

/// Where a translation stands against its source.
public enum Coverage: String, CaseIterable, Sendable {
    /// Approved and made from the current source text (or the source itself).
    case current
    /// Made from a source text that has changed since.
    case stale
    /// No file for this language.
    case missing
    /// Present, up to date, but not approved yet.
    case draft
}

public struct CoverageRow: Sendable, Equatable {
    public var id: String
    public var kind: String
    public var unit: String
    public var language: String
    public var coverage: Coverage
}

/// Which items `quangba status` counts. By default only what is meant to be translated: items
/// submitted for review or beyond, and public (an internal item is never translated for the
/// public, and a draft may still change completely).
public struct CoverageQuery: Sendable {
    public var language: LanguageCode?
    public var unit: String?
    public var kind: ItemKind?
    /// Only items in these states; nil: `CoverageQuery.submitted`.
    public var states: Set<ItemState>?
    public init() {}

    /// The states of an item that has been submitted: from then on its translations are due.
    public static let submitted: Set<ItemState> = [.review, .approved, .published]
}

/// The items a coverage query selected by unit and kind but does not count, by reason (an item
/// counts under its first reason, in this order).
public struct CoverageExclusions: Sendable, Equatable {
    /// Items whose item.yaml cannot be read (`quangba validate` says why).
    public var unreadable = 0
    public var withdrawn = 0
    public var internalItems = 0
    /// Items in draft state: never submitted (or sent back to their author).
    public var drafts = 0
    /// Items in another state than the ones asked for (--state).
    public var otherStates = 0
    public init() {}
    public var total: Int { unreadable + withdrawn + internalItems + drafts + otherStates }
}

public struct CoverageResult: Sendable, Equatable {
    public var rows: [CoverageRow]
    public var excluded: CoverageExclusions
}

extension Index {
    /// The items `q` selects. A unit, topic or channel code quangba.yaml does not list is an
    /// error naming the known ones (it would only ever select nothing).
    public func list(_ q: ListQuery) throws -> [ItemSummary] {
        let config = repository.config
        for (value, list) in [(q.unit, config.units), (q.topic, config.topics), (q.channel, config.channels)] {
            if let value, list[value] == nil {
                throw QuangBaError(Message("cli.unknown_code", ["value": value, "list": list.name, "known": list.codes.joined(separator: ", ")]))
            }
        }
        let lang = q.language?.rawValue
        var sql = """
            SELECT i.folder, i.id, i.kind, i.state, i.classification, i.unit, i.updated, i.errors,
                   COALESCE(t.title, s.title, i.id) AS title, CASE WHEN t.title IS NOT NULL THEN t.lang ELSE s.lang END AS tlang,
                   COALESCE(t.title_key, s.title_key) AS tkey,
                   (SELECT group_concat(lang, ' ') FROM translation x WHERE x.folder = i.folder) AS langs
            FROM item i
            LEFT JOIN translation s ON s.folder = i.folder AND s.lang = i.source_lang
            LEFT JOIN translation t ON t.folder = i.folder AND t.lang = ?
            WHERE 1
            """
        var args: [(any DatabaseValueConvertible)?] = [lang]
        if let k = q.kind { sql += " AND i.kind = ?"; args.append(k.rawValue) }
        if lang != nil { sql += " AND t.lang IS NOT NULL" }
        if let s = q.state { sql += " AND i.state = ?"; args.append(s.rawValue) }
        if let u = q.unit { sql += " AND i.unit = ?"; args.append(u) }
        if let t = q.topic { sql += " AND EXISTS (SELECT 1 FROM item_topic x WHERE x.folder = i.folder AND x.topic = ?)"; args.append(t) }
        if let c = q.channel { sql += " AND EXISTS (SELECT 1 FROM item_channel x WHERE x.folder = i.folder AND x.channel = ?)"; args.append(c) }
        // Sort keys of one collation compare bytewise; mixing languages (fallback titles) sorts by each key.
        sql += q.sort == .title ? " ORDER BY tkey, i.id" : " ORDER BY i.updated DESC, i.id"
        let arguments = StatementArguments(args.map { $0?.databaseValue ?? .null })
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { r in
                ItemSummary(id: r["id"], kind: r["kind"], state: r["state"], classification: r["classification"], unit: r["unit"],
                            updated: (r["updated"] as Int64?).map { Timestamp(secondsSince1970: $0) },
                            title: r["title"], titleLanguage: r["tlang"],
                            languages: ((r["langs"] as String?) ?? "").split(separator: " ").map(String.init), errors: r["errors"])
            }
        }
    }

    /// How many of the full-text index's best matches (by bm25) are ranked as typed.
    static let searchCandidates = 1000

    /// Full-text search, best matches first. The index finds the candidates with diacritics and
    /// case ignored ("da nang" finds "Đà Nẵng"), every word present and each "quoted phrase" or CJK
    /// run as written; CJK text is found by any run of two or more characters. The candidates are
    /// then ordered by the query as typed (`SearchScore`): its diacritics, the whole query as a
    /// phrase, its words close together, in the title; then by bm25.
    public func search(_ query: String, language: LanguageCode? = nil, limit: Int = 50) throws -> [SearchHit] {
        try ensureSearch()
        let tokenizer = SearchTokenizer()
        let query = Normalization.nfc(query)
        guard let match = tokenizer.matchExpression(query, language: (language ?? repository.config.sourceLanguage).rawValue) else { return [] }
        var sql = """
            SELECT d.folder, d.lang, i.id, i.kind, i.state, i.source_lang, t.title, t.summary, t.text, bm25(search, 10.0, 1.0) AS rank
            FROM search JOIN search_doc d ON d.docid = search.rowid
            JOIN item i ON i.folder = d.folder JOIN translation t ON t.folder = d.folder AND t.lang = d.lang
            WHERE search MATCH ?
            """
        var args: [any DatabaseValueConvertible] = [match]
        if let l = language { sql += " AND d.lang = ?"; args.append(l.rawValue) }
        sql += " ORDER BY rank LIMIT \(Self.searchCandidates)"
        let arguments = StatementArguments(args.map { $0.databaseValue })
        let candidates = try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { r in
                SearchCandidate(folder: r["folder"], lang: r["lang"], id: r["id"], kind: r["kind"], state: r["state"], sourceLang: r["source_lang"],
                                title: r["title"], summary: r["summary"], text: r["text"], rank: r["rank"])
            }
        }
        let typed = SearchQuery(query)
        let reader = repository.reader
        // Each candidate's text is parsed again and read word by word: on every core.
        var hits = parallelMap(candidates.count, makeState: { SearchRanker() }) { ranker, i -> (hit: SearchHit, rank: Double) in
            let c = candidates[i]
            let lang = LanguageCode(c.lang)
            var text = ""
            // The same text the index holds for the version (`SearchRow`): its fields, then its body.
            if let kind = ItemKind(rawValue: c.kind) {
                var diagnostics: [Diagnostic] = []
                if let t = reader.parseTranslation(c.text, language: lang, kind: kind, isSource: c.lang == c.sourceLang,
                                                   file: "\(c.folder)/\(c.lang).md", checkBody: false, diagnostics: &diagnostics) {
                    text = kind.translatableFields.dropFirst().compactMap { t.fields[$0] }.joined(separator: "\n") + "\n" + Markdown.plainText(t.body)
                }
            }
            let (score, snippet) = ranker.evaluate(typed, title: c.title, text: text)
            return (SearchHit(id: c.id, kind: c.kind, language: c.lang, title: c.title, summary: c.summary, state: c.state,
                              snippet: snippet, score: score), c.rank)
        }
        hits.sort { a, b in
            if a.hit.score != b.hit.score { return a.hit.score < b.hit.score }
            if a.rank != b.rank { return a.rank < b.rank }
            return (a.hit.id, a.hit.language) < (b.hit.id, b.hit.language)
        }
        return hits.prefix(limit).map { $0.hit }
    }

    /// Coverage of what `q` selects, and how many items of its unit and kind it leaves out and why.
    /// A unit code quangba.yaml does not list is an error naming the known ones.
    public func coverage(_ q: CoverageQuery) throws -> CoverageResult {
        let units = repository.config.units
        if let unit = q.unit, units[unit] == nil {
            throw QuangBaError(Message("cli.unknown_code", ["value": unit, "list": units.name, "known": units.codes.joined(separator: ", ")]))
        }
        let states = q.states ?? CoverageQuery.submitted
        let (counted, excluded) = try read { db -> (Set<String>, CoverageExclusions) in
            var excluded = CoverageExclusions()
            var counted = Set<String>()
            var sql = "SELECT id, state, classification, source_lang FROM item WHERE 1"
            var args: [String] = []
            if let unit = q.unit { sql += " AND unit = ?"; args.append(unit) }
            if let kind = q.kind { sql += " AND kind = ?"; args.append(kind.rawValue) }
            for r in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)) {
                let state = (r["state"] as String?).flatMap(ItemState.init(rawValue:))
                guard let state, (r["source_lang"] as String?) != nil else { excluded.unreadable += 1; continue }
                if state == .withdrawn, !states.contains(.withdrawn) { excluded.withdrawn += 1 }
                else if r["classification"] as String? != Classification.public.rawValue { excluded.internalItems += 1 }
                else if state == .draft, !states.contains(.draft) { excluded.drafts += 1 }
                else if !states.contains(state) { excluded.otherStates += 1 }
                else { counted.insert(r["id"]) }
            }
            return (counted, excluded)
        }
        let rows = try coverage(language: q.language, includingWithdrawn: states.contains(.withdrawn)).filter { counted.contains($0.id) }
        return CoverageResult(rows: rows, excluded: excluded)
    }

    /// For every item that is not withdrawn and every configured language: is the version
    /// current, stale, missing or a draft?
    public func coverage(language: LanguageCode? = nil) throws -> [CoverageRow] {
        try coverage(language: language, includingWithdrawn: false)
    }

    private func coverage(language: LanguageCode?, includingWithdrawn: Bool) throws -> [CoverageRow] {
        let langs = language.map { [$0] } ?? repository.config.languageCodes
        return try read { db in
            var translations: [String: [String: (status: String?, sourceHash: String?, contentHash: String)]] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT folder, lang, status, source_hash, content_hash FROM translation") {
                translations[r["folder"], default: [:]][r["lang"]] = (r["status"], r["source_hash"], r["content_hash"])
            }
            var out: [CoverageRow] = []
            let withdrawn = includingWithdrawn ? "" : "state IS NOT 'withdrawn' AND "
            for r in try Row.fetchAll(db, sql: "SELECT folder, id, kind, unit, source_lang FROM item WHERE \(withdrawn)source_lang IS NOT NULL ORDER BY id") {
                let folder: String = r["folder"], source: String = r["source_lang"]
                let ts = translations[folder] ?? [:]
                let sourceHash = ts[source]?.contentHash
                for lang in langs {
                    let c: Coverage
                    if lang.rawValue == source { c = ts[source] == nil ? .missing : .current }
                    else if let t = ts[lang.rawValue] {
                        if t.sourceHash != nil, t.sourceHash != sourceHash { c = .stale }
                        else if t.status != TranslationStatus.approved.rawValue { c = .draft }
                        else if t.sourceHash == nil { c = .stale }  // approved but never stamped: cannot be shown current
                        else { c = .current }
                    } else { c = .missing }
                    out.append(CoverageRow(id: r["id"], kind: r["kind"], unit: r["unit"] ?? "", language: lang.rawValue, coverage: c))
                }
            }
            return out
        }
    }
}

extension Index {
    /// The edits waiting for a second person's approval (`ApprovedVersions`): by item id, nil for
    /// the record and source text, else the translation's language; in id order.
    public func changedSinceApproval() throws -> [(id: String, language: String?)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT i.id, p.lang FROM pending p JOIN item i ON i.folder = p.folder ORDER BY i.id, p.lang").map { r in
                let lang: String = r[1]
                return (r[0], lang.isEmpty ? nil : lang)
            }
        }
    }

    /// The id of the media or publication item whose stored file has this SHA-256, if any.
    public func itemWithFile(sha256: String) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: """
                SELECT i.id FROM file f JOIN item i ON i.folder = f.folder
                WHERE f.hash = ? AND f.name <> 'item.yaml' AND f.name NOT LIKE '%.md' LIMIT 1
                """, arguments: [sha256])
        }
    }
}

/// The index is where a new media item's file is looked up (`Repository.addMedia`).
extension Index: StoredFileLookup {}
