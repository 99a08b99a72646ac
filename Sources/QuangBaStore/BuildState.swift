import Foundation
import GRDB
import QuangBaCore

/// What the last site build wrote into one output folder: for each file, the digest of the
/// inputs it was made from. The next build renders a page only when its inputs changed, and
/// deletes the files no page produces any more.
public struct BuildRecord: Hashable, Sendable {
    public var path: String
    public var input: String
    public init(path: String, input: String) { self.path = path; self.input = input }
}

extension Index {
    /// The records of the last build into `site` (an absolute folder path), by output path.
    public func buildRecords(site: String) throws -> [String: BuildRecord] {
        try read { db in
            var out: [String: BuildRecord] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT path, input FROM build_output WHERE site = ?", arguments: [site])
            while let r = try rows.next() {
                let path: String = r[0]
                out[path] = BuildRecord(path: path, input: r[1])
            }
            return out
        }
    }

    /// Replaces the records of `site` with `records`, and its fingerprint, in one transaction.
    public func saveBuildRecords(site: String, _ records: [BuildRecord], fingerprint: String) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM build_output WHERE site = ?", arguments: [site])
            let insert = try db.cachedStatement(sql: "INSERT INTO build_output VALUES (?, ?, ?)")
            for r in records { try insert.execute(arguments: [site, r.path, r.input]) }
            try db.execute(sql: "INSERT OR REPLACE INTO build_site VALUES (?, ?)", arguments: [site, fingerprint])
        }
    }

    /// The fingerprint of the inputs of the last build into `site`, if any.
    public func buildFingerprint(site: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT fingerprint FROM build_site WHERE site = ?", arguments: [site]) }
    }

    /// Items whose embargo has ended by `now`: the publication gate's answer for them changes
    /// with time alone, so it is part of what a build depends on.
    public func embargoesEnded(by now: Timestamp) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT id FROM item WHERE errors = 0 AND embargo IS NOT NULL AND embargo <= ? ORDER BY id",
                                arguments: [now.secondsSince1970])
        }
    }

    /// For every item without errors, a digest of its files as last synced: it changes when
    /// any of the item's files changes, so outputs built from the item can be kept otherwise.
    public func itemDigests() throws -> [ItemID: String] {
        try read { db in
            var out: [ItemID: String] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT i.id, group_concat(f.name || ':' || f.hash, ' ') FROM item i JOIN file f ON f.folder = i.folder
                WHERE i.errors = 0 GROUP BY i.folder ORDER BY i.folder
                """)
            while let r = try rows.next() {
                guard let id = ItemID(r[0] as String) else { continue }
                out[id] = SHA256.hex(Array((r[1] as String? ?? "").utf8))
            }
            return out
        }
    }
}
