import Foundation
import GRDB
public import QuangBaCore

/// What a site build depends on, as the index knows it: every item's digests, and the embargoes
/// that time alone has ended.
extension Index {
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

/// A digest of all of an item's files, and one of them without the bodies (its listing key).
public struct ItemDigest: Hashable, Sendable {
    public var files: String
    public var listing: String
}
