import Foundation
import GRDB
import QuangBaContent
public import QuangBaCore

/// What OAI-PMH lists and `export --since` reports: records public now, and deleted records
/// (once public, no longer, for any reason), by datestamp and set, answered from the record
/// ledger alone (`RecordLedger`).
public struct HarvestHeader: Hashable, Sendable {
    public let id: ItemID
    public let kind: ItemKind
    public let datestamp: Timestamp
    /// Deleted: not public now, or (in a harvest of one set) no longer in that set.
    public let deleted: Bool
    /// Set specs: those it is in, or, deleted, those it was ever public in.
    public let sets: [String]
    /// When it was first public (from the ledger's facts), for a deleted record.
    public let firstPublic: Timestamp?
    /// What is served of it, as the ledger last saw it (empty when deleted): with the
    /// datestamp, it names the record's content (`OAIProvider` keeps records by it).
    public let version: String
}

/// A record's place in harvest order: by id, then kind, as SQLite compares text (bytes).
public struct HarvestKey: Hashable, Comparable, Sendable {
    let bytes: [UInt8]

    public init(id: some StringProtocol, kind: some StringProtocol) { bytes = Array(id.utf8) + [0] + Array(kind.utf8) }

    public static func < (a: Self, b: Self) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}

public enum HarvestSet: Hashable, Sendable {
    case kind(ItemKind)
    case language(LanguageCode)
    case topic(String)
    /// Items owned by a unit (quangba.yaml's units).
    case unit(String)

    /// As records list it (`kind:article`).
    public var spec: String {
        switch self {
        case .kind(let k): "kind:" + k.rawValue
        case .language(let l): "lang:" + l.rawValue
        case .topic(let t): "topic:" + t
        case .unit(let u): "unit:" + u
        }
    }
}

public struct HarvestQuery: Hashable, Sendable {
    public var from: Timestamp?
    public var until: Timestamp?
    public var set: HarvestSet?
    public var kind: ItemKind?
    public init() {}
}

extension Index {
    /// Public at :now: public whatever the time, and past its embargo.
    private static let live = "(r.hash <> '' AND (r.embargo IS NULL OR r.embargo <= :now))"
    /// When a record last changed as served at :now: its ledger datestamp, or later the end of
    /// its own embargo or of the embargo of an item it links to (which it then shows), once passed.
    /// The links are looked at only while one of their embargoes is still to end (the ledger
    /// rewrites a record whose links change, so `link_embargo` is the latest of theirs).
    private static let datestamp = """
        MAX(r.datestamp, CASE WHEN \(live) THEN MAX(COALESCE(r.embargo, 0), CASE WHEN r.link_embargo IS NULL THEN 0
            WHEN r.link_embargo <= :now THEN r.link_embargo ELSE COALESCE((SELECT MAX(t.embargo) FROM record_link l
            JOIN record t ON t.id = l.target WHERE l.id = r.id AND l.kind = r.kind AND t.hash <> '' AND t.embargo <= :now), 0) END) ELSE 0 END)
        """

    /// On table `item`: the item's record changed at or after :from, as served at :now.
    static let changedSince = "EXISTS (SELECT 1 FROM record r WHERE r.id = item.id AND r.kind = item.kind AND \(datestamp) >= :from)"

    private func harvestSQL(_ q: HarvestQuery, now: Timestamp, select: String) -> (String, [String: (any DatabaseValueConvertible)?]) {
        var args: [String: (any DatabaseValueConvertible)?] = ["now": now.secondsSince1970]
        let listed: String
        if let set = q.set {
            args["spec"] = set.spec
            args["like"] = "%," + set.spec + ",%"
            listed = "(\(Self.live) AND r.sets LIKE :like)"
        } else {
            listed = Self.live
        }
        let shown = "EXISTS (SELECT 1 FROM shown s WHERE s.id = r.id AND s.kind = r.kind\(q.set == nil ? "" : " AND s.spec = :spec"))"
        var sql = "SELECT \(select.replacingOccurrences(of: "$listed", with: listed)) FROM record r WHERE (\(listed) OR \(shown))"
        if let from = q.from { sql += " AND \(Self.datestamp) >= :from"; args["from"] = from.secondsSince1970 }
        if let until = q.until { sql += " AND \(Self.datestamp) <= :until"; args["until"] = until.secondsSince1970 }
        if let kind = q.kind { sql += " AND r.kind = :kind"; args["kind"] = kind.rawValue }
        return (sql, args)
    }

    /// What was shown of a record is asked only for a deleted one.
    private static let headerColumns = """
        r.id, r.kind, NOT $listed, \(datestamp), r.sets, CASE WHEN $listed THEN NULL ELSE (SELECT GROUP_CONCAT(s.spec) FROM shown s WHERE s.id = r.id AND s.kind = r.kind) END,
        CASE WHEN $listed THEN NULL ELSE (SELECT MIN(s.since) FROM shown s WHERE s.id = r.id AND s.kind = r.kind) END, r.hash
        """

    /// How many records the query selects.
    public func harvestCount(_ q: HarvestQuery, now: Timestamp) throws -> Int {
        let (sql, args) = harvestSQL(q, now: now, select: "COUNT(*)")
        return try read { db in try Int.fetchOne(db, sql: sql, arguments: StatementArguments(args)) ?? 0 }
    }

    /// At most `limit` records after `after` (id, kind), in that order.
    public func harvestHeaders(_ q: HarvestQuery, now: Timestamp, after: (id: ItemID, kind: String)? = nil, limit: Int) throws -> [HarvestHeader] {
        var (sql, args) = harvestSQL(q, now: now, select: Self.headerColumns)
        if let after { sql += " AND (r.id, r.kind) > (:aid, :akind)"; args["aid"] = after.id.rawValue; args["akind"] = after.kind }
        sql += " ORDER BY r.id, r.kind LIMIT \(max(0, limit))"
        return try read { db in try Self.headers(db, sql: sql, arguments: StatementArguments(args)) }
    }

    /// The record of one item, if it is public now or deleted.
    public func harvestHeader(_ id: ItemID, kind: ItemKind, now: Timestamp) throws -> HarvestHeader? {
        var (sql, args) = harvestSQL(HarvestQuery(), now: now, select: Self.headerColumns)
        args["id"] = id.rawValue
        args["kind"] = kind.rawValue
        return try read { db in try Self.headers(db, sql: sql + " AND r.id = :id AND r.kind = :kind", arguments: StatementArguments(args)).first }
    }

    /// Every record the query selects, in id order, in pages (the export's deletions).
    public func forEachHarvestHeader(_ q: HarvestQuery, now: Timestamp, _ body: (HarvestHeader) throws -> Void) throws {
        var after: (id: ItemID, kind: String)?
        while true {
            let page = try harvestHeaders(q, now: now, after: after, limit: 500)
            for h in page { try body(h) }
            guard let last = page.last, page.count == 500 else { return }
            after = (last.id, last.kind.rawValue)
        }
    }

    /// The datestamps at `now` of the public records among `ids` (QuangBa XML's `datestamp`).
    public func datestamps(_ ids: [(ItemKind, ItemID)], now: Timestamp) throws -> [ItemID: Timestamp] {
        guard !ids.isEmpty else { return [:] }
        var args: [String: (any DatabaseValueConvertible)?] = ["now": now.secondsSince1970]
        var terms: [String] = []
        for (i, (kind, id)) in ids.enumerated() {
            terms.append("(r.id = :i\(i) AND r.kind = :k\(i))")
            args["i\(i)"] = id.rawValue
            args["k\(i)"] = kind.rawValue
        }
        let sql = "SELECT r.id, \(Self.datestamp) FROM record r WHERE \(terms.joined(separator: " OR "))"
        return try read { db in
            var out: [ItemID: Timestamp] = [:]
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            while let r = try rows.next() { if let id = ItemID(r[0] as String) { out[id] = Timestamp(secondsSince1970: r[1]) } }
            return out
        }
    }

    /// The kinds of the items among `ids` that are public at `now`, in one query.
    public func publicKinds(_ ids: [ItemID], now: Timestamp) throws -> [ItemID: ItemKind] {
        guard !ids.isEmpty else { return [:] }
        var args: [String: (any DatabaseValueConvertible)?] = ["now": now.secondsSince1970]
        var names: [String] = []
        for (i, id) in Set(ids).enumerated() { names.append(":i\(i)"); args["i\(i)"] = id.rawValue }
        let sql = "SELECT r.id, r.kind FROM record r WHERE \(Self.live) AND r.id IN (\(names.joined(separator: ",")))"
        return try read { db in
            var out: [ItemID: ItemKind] = [:]
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            while let r = try rows.next() {
                if let id = ItemID(r[0] as String), let k = ItemKind(rawValue: r[1]) { out[id] = k }
            }
            return out
        }
    }

    /// The oldest datestamp of any record (OAI-PMH Identify's earliestDatestamp).
    public func earliestDatestamp(now: Timestamp) throws -> Timestamp? {
        let (sql, args) = harvestSQL(HarvestQuery(), now: now, select: "MIN(\(Self.datestamp))")
        return try read { db in try Int64.fetchOne(db, sql: sql, arguments: StatementArguments(args)).map(Timestamp.init(secondsSince1970:)) }
    }

    /// Topic codes of records public now or once, for ListSets.
    public func harvestTopics(now: Timestamp) throws -> [String] {
        try read { db in
            var topics = Set(try String.fetchAll(db, sql: "SELECT DISTINCT spec FROM shown WHERE spec LIKE 'topic:%'"))
            let sets = try String.fetchAll(db, sql: "SELECT sets FROM record r WHERE \(Self.live)", arguments: ["now": now.secondsSince1970])
            for s in sets { for spec in s.split(separator: ",") where spec.hasPrefix("topic:") { topics.insert(String(spec)) } }
            return topics.map { String($0.dropFirst(6)) }.sorted()
        }
    }

    private static func headers(_ db: Database, sql: String, arguments: StatementArguments) throws -> [HarvestHeader] {
        var out: [HarvestHeader] = []
        // Prepared once per shape of query: parsing it cost more than running it.
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        while let r = try cursor.next() {
            guard let id = ItemID(r[0] as String), let kind = ItemKind(rawValue: r[1]) else { continue }
            let deleted: Bool = r[2]
            let sets: String = deleted ? (r[5] as String? ?? "") : r[4]
            out.append(HarvestHeader(id: id, kind: kind, datestamp: Timestamp(secondsSince1970: r[3]), deleted: deleted,
                                     // A live record's sets are stored in order (`Served.sets`).
                                     sets: deleted ? RecordLedger.ordered(sets.split(separator: ",")) : sets.split(separator: ",").map(String.init),
                                     firstPublic: (r[6] as Int64?).map(Timestamp.init(secondsSince1970:)), version: deleted ? "" : r[7]))
        }
        return out
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
