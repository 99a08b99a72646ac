import Foundation
import GRDB
public import QuangBaContent
public import QuangBaCore
import QuangBaText

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

    /// Full-text search, best matches first. Diacritics and case are ignored; CJK text is found
    /// by any run of two or more characters.
    public func search(_ query: String, language: LanguageCode? = nil, limit: Int = 50) throws -> [SearchHit] {
        try ensureSearch()
        let tokenizer = SearchTokenizer()
        guard let match = tokenizer.matchExpression(Normalization.nfc(query), language: (language ?? repository.config.sourceLanguage).rawValue) else { return [] }
        var sql = """
            SELECT d.folder, d.lang, i.id, i.kind, i.state, t.title, t.summary, bm25(search, 10.0, 1.0) AS rank
            FROM search JOIN search_doc d ON d.docid = search.rowid
            JOIN item i ON i.folder = d.folder JOIN translation t ON t.folder = d.folder AND t.lang = d.lang
            WHERE search MATCH ?
            """
        var args: [any DatabaseValueConvertible] = [match]
        if let l = language { sql += " AND d.lang = ?"; args.append(l.rawValue) }
        sql += " ORDER BY rank LIMIT ?"
        args.append(limit)
        let arguments = StatementArguments(args.map { $0.databaseValue })
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { r in
                SearchHit(id: r["id"], kind: r["kind"], language: r["lang"], title: r["title"], summary: r["summary"], state: r["state"])
            }
        }
    }

    /// For every item that is not withdrawn and every configured language: is the version
    /// current, stale, missing or a draft?
    public func coverage(language: LanguageCode? = nil) throws -> [CoverageRow] {
        let langs = language.map { [$0] } ?? repository.config.languageCodes
        return try read { db in
            var translations: [String: [String: (status: String?, sourceHash: String?, contentHash: String)]] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT folder, lang, status, source_hash, content_hash FROM translation") {
                translations[r["folder"], default: [:]][r["lang"]] = (r["status"], r["source_hash"], r["content_hash"])
            }
            var out: [CoverageRow] = []
            for r in try Row.fetchAll(db, sql: "SELECT folder, id, kind, unit, source_lang FROM item WHERE state IS NOT 'withdrawn' AND source_lang IS NOT NULL ORDER BY id") {
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
