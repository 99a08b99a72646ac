import Foundation
import GRDB
import QuangBaContent
import QuangBaCore

/// What OAI-PMH lists: items that are public now, and tombstones of withdrawn items that had
/// been public, by datestamp and set, answered from the index's columns alone.
public struct HarvestHeader: Hashable, Sendable {
    public let id: ItemID
    public let kind: ItemKind
    public let datestamp: Timestamp
    public let deleted: Bool
    public let languages: [LanguageCode]
    public let topics: [String]
}

public enum HarvestSet: Hashable, Sendable {
    case kind(ItemKind)
    case language(LanguageCode)
    case topic(String)
    /// Items owned by a unit (quangba.yaml's units).
    case unit(String)
}

public struct HarvestQuery: Hashable, Sendable {
    public var from: Timestamp?
    public var until: Timestamp?
    public var set: HarvestSet?
    public init() {}
}

extension Index {
    /// Public now: the gate's item-level rules as SQL (the language-level ones were decided at
    /// sync into `public_langs`); deleted: a tombstone (see `PublicationGate.tombstone`).
    private static let publicNow = "(errors = 0 AND state = 'published' AND classification = 'public' AND (embargo IS NULL OR embargo <= :now) AND public_langs <> ',')"
    private static let deleted = "(errors = 0 AND state = 'withdrawn' AND classification = 'public' AND published IS NOT NULL)"
    /// `PublicationGate.datestamp`, or the withdrawal time of a deleted record.
    private static let datestamp = """
        (CASE WHEN state = 'withdrawn' THEN COALESCE(withdrawn, updated)
              ELSE MAX(updated, COALESCE(published, 0), CASE WHEN embargo IS NOT NULL AND embargo <= :now THEN embargo ELSE 0 END) END)
        """

    private func harvestSQL(_ q: HarvestQuery, now: Timestamp, select: String) -> (String, [String: (any DatabaseValueConvertible)?]) {
        var sql = "SELECT \(select) FROM item WHERE (\(Self.publicNow) OR \(Self.deleted))"
        var args: [String: (any DatabaseValueConvertible)?] = ["now": now.secondsSince1970]
        if let from = q.from { sql += " AND \(Self.datestamp) >= :from"; args["from"] = from.secondsSince1970 }
        if let until = q.until { sql += " AND \(Self.datestamp) <= :until"; args["until"] = until.secondsSince1970 }
        switch q.set {
        case .kind(let k)?: sql += " AND kind = :kind"; args["kind"] = k.rawValue
        case .language(let l)?: sql += " AND public_langs LIKE :lang"; args["lang"] = "%,\(l.rawValue),%"
        case .topic(let t)?: sql += " AND folder IN (SELECT folder FROM item_topic WHERE topic = :topic)"; args["topic"] = t
        case .unit(let u)?: sql += " AND unit = :unit"; args["unit"] = u
        case nil: break
        }
        return (sql, args)
    }

    /// How many records the query selects.
    public func harvestCount(_ q: HarvestQuery, now: Timestamp) throws -> Int {
        let (sql, args) = harvestSQL(q, now: now, select: "COUNT(DISTINCT id)")
        return try read { db in try Int.fetchOne(db, sql: sql, arguments: StatementArguments(args)) ?? 0 }
    }

    /// At most `limit` records after `after`, in id order.
    public func harvestHeaders(_ q: HarvestQuery, now: Timestamp, after: ItemID? = nil, limit: Int) throws -> [HarvestHeader] {
        var (sql, args) = harvestSQL(q, now: now, select: "folder, id, kind, state, \(Self.datestamp), public_langs")
        if let after { sql += " AND id > :after"; args["after"] = after.rawValue }
        sql += " ORDER BY id, folder LIMIT \(max(0, limit))"
        return try read { db in try Self.headers(db, sql: sql, arguments: StatementArguments(args)) }
    }

    /// The record of one item, if it is public now or deleted.
    public func harvestHeader(_ id: ItemID, now: Timestamp) throws -> HarvestHeader? {
        let (sql, args) = harvestSQL(HarvestQuery(), now: now, select: "folder, id, kind, state, \(Self.datestamp), public_langs")
        var all = args
        all["id"] = id.rawValue
        return try read { db in try Self.headers(db, sql: sql + " AND id = :id ORDER BY folder LIMIT 1", arguments: StatementArguments(all)).first }
    }

    /// The kinds of the items among `ids` that are public at `now`, in one query.
    public func publicKinds(_ ids: [ItemID], now: Timestamp) throws -> [ItemID: ItemKind] {
        guard !ids.isEmpty else { return [:] }
        var args: [String: (any DatabaseValueConvertible)?] = ["now": now.secondsSince1970]
        var names: [String] = []
        for (i, id) in Set(ids).enumerated() { names.append(":i\(i)"); args["i\(i)"] = id.rawValue }
        let sql = "SELECT id, kind FROM item WHERE \(Self.publicNow) AND id IN (\(names.joined(separator: ",")))"
        return try read { db in
            var out: [ItemID: ItemKind] = [:]
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            while let r = try rows.next() {
                if let id = ItemID(r[0] as String), let k = ItemKind(rawValue: r[1]) { out[id] = k }
            }
            return out
        }
    }

    /// Changes whenever what a harvester sees may have changed: another process committed to
    /// the index (SQLite's data_version), or an embargo ended. (Writes through this `Index`
    /// itself are the caller's to notice, from the sync report.)
    public func harvestGeneration(now: Timestamp) throws -> String {
        try read { db in
            let version = try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
            let ended = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item WHERE embargo IS NOT NULL AND embargo <= ?", arguments: [now.secondsSince1970]) ?? 0
            return "\(version)/\(ended)"
        }
    }

    /// The oldest datestamp of any record (OAI-PMH Identify's earliestDatestamp).
    public func earliestDatestamp(now: Timestamp) throws -> Timestamp? {
        let (sql, args) = harvestSQL(HarvestQuery(), now: now, select: "MIN(\(Self.datestamp))")
        return try read { db in try Int64.fetchOne(db, sql: sql, arguments: StatementArguments(args)).map(Timestamp.init(secondsSince1970:)) }
    }

    /// Topic codes in use by public items, for ListSets.
    public func harvestTopics(now: Timestamp) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT topic FROM item_topic WHERE folder IN (SELECT folder FROM item WHERE \(Self.publicNow) OR \(Self.deleted)) ORDER BY topic",
                                arguments: ["now": now.secondsSince1970])
        }
    }

    private static func headers(_ db: Database, sql: String, arguments: StatementArguments) throws -> [HarvestHeader] {
        var rows: [(folder: String, id: ItemID, kind: ItemKind, deleted: Bool, datestamp: Int64, langs: String)] = []
        var seen = Set<ItemID>()
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let r = try cursor.next() {
            guard let id = ItemID(r[1] as String), let kind = ItemKind(rawValue: r[2]), seen.insert(id).inserted else { continue }
            rows.append((r[0], id, kind, (r[3] as String?) == "withdrawn", r[4] ?? 0, r[5] ?? ""))
        }
        var topics: [String: [String]] = [:]
        if !rows.isEmpty {
            let folders = rows.map(\.folder)
            let t = try Row.fetchCursor(db, sql: "SELECT folder, topic FROM item_topic WHERE folder IN (\(folders.map { _ in "?" }.joined(separator: ",")))",
                                        arguments: StatementArguments(folders))
            while let r = try t.next() { topics[r[0], default: []].append(r[1]) }
        }
        return rows.map { r in
            HarvestHeader(id: r.id, kind: r.kind, datestamp: Timestamp(secondsSince1970: r.datestamp), deleted: r.deleted,
                          languages: r.langs.split(separator: ",").map { LanguageCode(String($0)) },
                          topics: (topics[r.folder] ?? []).sorted())
        }
    }

    /// The secret that signs OAI-PMH resumption tokens (so a changed token is refused), made
    /// once per repository in `.quangba/oai-secret`.
    public func harvestSecret() throws -> [UInt8] {
        let url = repository.root.appendingPathComponent(".quangba/oai-secret")
        if let data = FileManager.default.contents(atPath: url.path), data.count == 32 { return Array(data) }
        var rng = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        try AtomicFile.write(secret, to: url)
        // Two processes may race to make it: whichever rename landed is the secret.
        return Array(FileManager.default.contents(atPath: url.path) ?? Data(secret))
    }
}
