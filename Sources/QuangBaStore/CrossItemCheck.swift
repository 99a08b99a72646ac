import GRDB
import QuangBaContent
import QuangBaCore

/// The rules between items (`CrossItemRules`, the same ones `quangba validate` applies) kept in
/// the index: an item's `errors` column counts its own errors plus these (`link_errors` of
/// them), so every read that keeps items with errors out (the gate's reads for the site, the
/// export and OAI-PMH, harvest headers, tombstones, the site's digests) keeps out an item with
/// a broken relation or a duplicate id as well, and no two items with one id are ever public.
extension Index {
    /// Above this many touched ids, every item is checked (a fill): one pass over the table
    /// costs less than look-ups by id.
    static let crossItemBulk = 1000

    /// Applies the rules between items after a sync's writes, in its transaction, to every
    /// item whose verdict the sync could have changed: the folders named by an id the sync
    /// touched (added, changed or removed folders) and the items that point to such an id.
    /// What the rules read of an item is in its row (`folder`, `id`, `image`) and in `relation`;
    /// no item is parsed again.
    static func applyCrossItemRules(_ db: Database, touched: Set<String>) throws {
        guard !touched.isEmpty else { return }
        var facts: [String: CrossItemRules.Facts] = [:]
        var linkErrors: [String: Int] = [:]
        var byID: [ItemID: [CrossItemRules.Facts]] = [:]
        func add(_ row: Row) {
            let folder: String = row[0]
            // The folder's kind, as the rules have it, even where item.yaml says another.
            guard facts[folder] == nil, let id = ItemID(row[1] as String),
                  let kind = folder.split(separator: "/").dropFirst().first.flatMap({ ItemKind(rawValue: String($0)) }) else { return }
            let f = CrossItemRules.Facts(folder: folder, id: id, kind: kind, isImage: (row[2] as Int?).map { $0 != 0 }, relations: [])
            facts[folder] = f
            linkErrors[folder] = row[3]
            byID[id, default: []].append(f)
        }
        let columns = "folder, id, image, link_errors"
        let affected: [String]
        var relations: [String: [CrossItemRules.Relation]] = [:]
        if touched.count > crossItemBulk {
            let rows = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM item")
            while let r = try rows.next() { add(r) }
            let rels = try Row.fetchCursor(db, sql: "SELECT folder, name, target FROM relation ORDER BY folder, position")
            while let r = try rels.next() {
                if let t = ItemID(r[2] as String) { relations[r[0], default: []].append(CrossItemRules.Relation(name: r[1], target: t)) }
            }
            affected = Array(facts.keys)
        } else {
            var folders = Set<String>()
            try forEachChunk(Array(touched)) { list, args in
                folders.formUnion(try String.fetchAll(db, sql: "SELECT folder FROM item WHERE id IN (\(list)) UNION SELECT folder FROM relation WHERE target IN (\(list))",
                                                      arguments: args + args))
            }
            affected = Array(folders)
            var needed = Set<String>()
            try forEachChunk(affected) { list, args in
                let rels = try Row.fetchCursor(db, sql: "SELECT folder, name, target FROM relation WHERE folder IN (\(list)) ORDER BY folder, position", arguments: args)
                while let r = try rels.next() {
                    guard let t = ItemID(r[2] as String) else { continue }
                    relations[r[0], default: []].append(CrossItemRules.Relation(name: r[1], target: t))
                    needed.insert(t.rawValue)
                }
                let rows = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM item WHERE folder IN (\(list))", arguments: args)
                while let r = try rows.next() { add(r); needed.insert(r[1]) }
            }
            // Every folder with an id the affected items have or point to.
            try forEachChunk(Array(needed)) { list, args in
                let rows = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM item WHERE id IN (\(list))", arguments: args)
                while let r = try rows.next() { add(r) }
            }
        }
        let update = try db.cachedStatement(sql: "UPDATE item SET errors = errors - link_errors + ?, link_errors = ? WHERE folder = ?")
        for folder in affected {
            guard var f = facts[folder] else { continue }
            f.relations = relations[folder] ?? []
            let count = CrossItemRules.problems(f) { byID[$0] ?? [] }.count
            if count != linkErrors[folder] {
                try update.execute(arguments: [count, count, folder])
                try Schema.ledgerTodo(db, folder: folder)
            }
        }
    }

    /// `values` in chunks small enough for one statement's parameters, each as a list of
    /// placeholders and its arguments.
    static func forEachChunk(_ values: [String], _ body: (String, StatementArguments) throws -> Void) throws {
        for start in stride(from: 0, to: values.count, by: 400) {
            let chunk = Array(values[start..<min(start + 400, values.count)])
            try body(chunk.map { _ in "?" }.joined(separator: ","), StatementArguments(chunk))
        }
    }
}
