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
    /// The records of some outputs of the last build into `site`, by output path.
    public func buildRecords(site: String, paths: [String]) throws -> [String: BuildRecord] {
        try read { db in
            var out: [String: BuildRecord] = [:]
            let select = try db.cachedStatement(sql: "SELECT input FROM build_output WHERE site = ? AND path = ?")
            for p in paths {
                if let input = try String.fetchOne(select, arguments: [site, p]) { out[p] = BuildRecord(path: p, input: input) }
            }
            return out
        }
    }

    /// The paths of every output of the last build into `site`.
    public func buildPaths(site: String) throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT path FROM build_output WHERE site = ?", arguments: [site]) }
    }

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

    /// Makes the records of `site` equal to `records` (given the `previous` ones, only the
    /// differences are written), and stores what the build was made from, in one transaction.
    /// `replacingItems`: the state's items are all of them (else only those that changed).
    public func saveBuild(site: String, _ records: [BuildRecord], previous: [String: BuildRecord], state: BuildState,
                          replacingItems: Bool) throws {
        try write { db in
            let upsert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO build_output VALUES (?, ?, ?)")
            var kept = Set<String>()
            for r in records {
                kept.insert(r.path)
                if previous[r.path] != r { try upsert.execute(arguments: [site, r.path, r.input]) }
            }
            if replacingItems {
                let delete = try db.cachedStatement(sql: "DELETE FROM build_output WHERE site = ? AND path = ?")
                for path in previous.keys where !kept.contains(path) { try delete.execute(arguments: [site, path]) }
                try db.execute(sql: "DELETE FROM build_item WHERE site = ?", arguments: [site])
            }
            let item = try db.cachedStatement(sql: "INSERT OR REPLACE INTO build_item VALUES (?, ?, ?, ?, ?)")
            for (id, i) in state.items { try item.execute(arguments: [site, id.rawValue, i.digest, i.listing, i.shown]) }
            try db.execute(sql: "INSERT OR REPLACE INTO build_site VALUES (?, ?, ?)", arguments: [site, state.fingerprint, state.global])
        }
    }

    /// What the last build into `site` was made from, if there was one.
    /// Only the fingerprint and global digest of the last build into `site`: all that the
    /// no-change check needs, without the per-item rows.
    public func buildFingerprint(site: String) throws -> (fingerprint: String, global: String)? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT fingerprint, global FROM build_site WHERE site = ?", arguments: [site]).map { ($0[0], $0[1]) }
        }
    }

    public func buildState(site: String) throws -> BuildState? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT fingerprint, global FROM build_site WHERE site = ?", arguments: [site]) else { return nil }
            var state = BuildState(fingerprint: row[0], global: row[1])
            let rows = try Row.fetchCursor(db, sql: "SELECT id, digest, listing, shown FROM build_item WHERE site = ?", arguments: [site])
            while let r = try rows.next() {
                guard let id = ItemID(r[0] as String) else { continue }
                state.items[id] = BuildState.Item(digest: r[1], listing: r[2], shown: r[3])
            }
            return state
        }
    }

    /// Items whose embargo has ended by `now`: the publication gate's answer for them changes
    /// with time alone, so it is part of what a build depends on.
    public func embargoesEnded(by now: Timestamp) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT id FROM item WHERE errors = 0 AND embargo IS NOT NULL AND embargo <= ? ORDER BY id",
                                arguments: [now.secondsSince1970])
        }
    }

    /// For every item without errors: a digest of all its files, and its listing key (the same
    /// without the bodies of its language files; see `Schema.listingKey`). Read from the covering
    /// index `item_digests`, not from the rows, which hold each item.yaml: every build starts here.
    public func itemDigests() throws -> [ItemID: ItemDigest] {
        try read { db in
            var out: [ItemID: ItemDigest] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, digest, listing FROM item WHERE errors = 0 ORDER BY folder")
            while let r = try rows.next() {
                guard let id = ItemID(r[0] as String) else { continue }
                out[id] = ItemDigest(files: r[1] ?? "", listing: r[2] ?? "")
            }
            return out
        }
    }

}

public struct ItemDigest: Hashable, Sendable {
    public var files: String
    public var listing: String
}

/// What a site build was made from: the fingerprint of all its inputs, the digest of the inputs
/// every page shares (templates, strings, configuration, the day, ended embargoes), and per
/// item its digests and the languages that showed it (none when it was not public).
public struct BuildState: Sendable {
    public struct Item: Hashable, Sendable {
        public var digest: String
        public var listing: String
        public var shown: String
        public init(digest: String, listing: String, shown: String) { self.digest = digest; self.listing = listing; self.shown = shown }
    }
    public var fingerprint: String
    public var global: String
    public var items: [ItemID: Item] = [:]
    public init(fingerprint: String, global: String) { self.fingerprint = fingerprint; self.global = global }
}
