import Foundation
import GRDB
import QuangBaContent
import QuangBaCore
import QuangBaMarkup
import QuangBaText

/// What one sync did.
public struct SyncReport: Sendable, Equatable {
    public var folders = 0
    public var added = 0
    public var updated = 0
    public var removed = 0
    public var unchanged = 0
    /// Why the index was rebuilt from scratch ("missing", "schema", "corrupt", "requested"), if it was.
    public var rebuiltBecause: String?
}

/// The SQLite index in `.quangba/index.sqlite`: derived from content/, rebuilt whenever it is
/// missing, from an older schema or corrupt, and synced incrementally by file size, mtime and hash.
public final class Index: @unchecked Sendable {
    public static let schemaVersion = 2
    static let batchSize = 256
    public let repository: Repository
    public let url: URL
    private(set) var db: DatabaseQueue
    private var resetReason: String?

    public init(repository: Repository) throws {
        self.repository = repository
        let dir = repository.root.appendingPathComponent(".quangba")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        url = dir.appendingPathComponent("index.sqlite")
        let existed = FileManager.default.fileExists(atPath: url.path)
        (db, resetReason) = try Index.open(url)
        if !existed { resetReason = "missing" }
    }

    /// Opens the database, replacing it when it is corrupt or has another schema version.
    private static func open(_ url: URL) throws -> (DatabaseQueue, String?) {
        var config = Configuration()
        config.journalMode = .wal
        do {
            let q = try DatabaseQueue(path: url.path, configuration: config)
            let version = try q.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
            if version == schemaVersion { return (q, nil) }
            try q.close()
            try remove(url)
            return (try create(url, config), version == 0 ? nil : "schema")
        } catch let e as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(e.resultCode) {
            try remove(url)
            return (try create(url, config), "corrupt")
        }
    }

    private static func remove(_ url: URL) throws {
        for suffix in ["", "-wal", "-shm"] {
            let p = url.path + suffix
            if FileManager.default.fileExists(atPath: p) { try FileManager.default.removeItem(atPath: p) }
        }
    }

    private static func create(_ url: URL, _ config: Configuration) throws -> DatabaseQueue {
        let q = try DatabaseQueue(path: url.path, configuration: config)
        try q.write { db in
            try db.execute(sql: Schema.sql)
            try db.execute(sql: "PRAGMA user_version = \(schemaVersion)")
        }
        return q
    }

    // MARK: Sync

    /// Brings the index up to date with content/. Only folders whose files changed are read again.
    @discardableResult
    public func sync(rebuild: Bool = false) throws -> SyncReport {
        var report = SyncReport()
        if rebuild {
            try db.close()
            try Index.remove(url)
            var config = Configuration(); config.journalMode = .wal
            db = try Index.create(url, config)
            resetReason = "requested"
        }
        report.rebuiltBecause = resetReason
        resetReason = nil

        let folders = FileScanner.scan(contentDir: repository.contentURL.path)
        report.folders = folders.count
        let known = try db.read { db -> [String: [String: (FileStamp, String)]] in
            var out: [String: [String: (FileStamp, String)]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT folder, name, size, mtime, hash FROM file")
            while let row = try rows.next() {
                out[row[0], default: [:]][row[1]] = (FileStamp(size: row[2], mtimeNanos: row[3]), row[4])
            }
            return out
        }
        let candidates = folders.filter { f in
            let k = known[f.path] ?? [:]
            return !(k.count == f.files.count && f.files.allSatisfy { k[$0.key]?.0 == $0.value })
        }
        report.unchanged = folders.count - candidates.count
        let present = Set(folders.map(\.path))
        let gone = known.keys.filter { !present.contains($0) }

        let reader = repository.reader
        let root = repository.root.path
        try db.write { db in
            for path in gone {
                try Schema.deleteFolder(db, path)
                report.removed += 1
            }
            // Read in bounded batches, on all cores, and write each batch before reading the
            // next: memory stays flat however large the repository is.
            for start in stride(from: 0, to: candidates.count, by: Index.batchSize) {
                let batch = Array(candidates[start..<min(start + Index.batchSize, candidates.count)])
                let results = parallelMap(batch.count, makeState: { SearchTokenizer() }) { tokenizer, i in
                    IndexedFolder.read(batch[i], root: root, known: known[batch[i].path] ?? [:], reader: reader, tokenizer: tokenizer)
                }
                for r in results {
                    guard let loaded = r.loaded else {
                        // Touched but not changed: remember the new stamps only.
                        for (name, stamp) in r.folder.files {
                            try db.cachedStatement(sql: "UPDATE file SET size = ?, mtime = ? WHERE folder = ? AND name = ?")
                                .execute(arguments: [stamp.size, stamp.mtimeNanos, r.folder.path, name])
                        }
                        report.unchanged += 1
                        continue
                    }
                    if known[r.folder.path] == nil { report.added += 1 } else {
                        report.updated += 1
                        try Schema.deleteFolder(db, r.folder.path)
                    }
                    try Schema.insert(db, r.folder, loaded: loaded, hashes: r.hashes, rows: r.searchRows, config: repository.config)
                }
            }
        }
        return report
    }

    // MARK: Reading back

    /// The item and its language versions as last synced, parsed from the stored file text with
    /// the same reader the repository uses.
    public func load(_ id: ItemID) throws -> LoadedItem? {
        try db.read { db in try Schema.load(db, id: id, reader: repository.reader) }
    }

    /// Every item that passes the publication gate at `now`, in id order. Items with validation
    /// errors never pass: invalid content must not reach any output.
    public func publicItems(now: Timestamp = .now) throws -> [PublicItem] {
        let langs = repository.config.languageCodes
        return try db.read { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM item WHERE errors = 0 AND state = 'published' AND classification = 'public' ORDER BY id")
            return try ids.compactMap { raw -> PublicItem? in
                guard let id = ItemID(raw), let l = try Schema.load(db, id: id, reader: repository.reader), let item = l.item else { return nil }
                return PublicationGate.publicItem(item, translations: l.translations, languages: langs, now: now)
            }
        }
    }

    /// Tombstones of withdrawn items that had been public.
    public func tombstones() throws -> [Tombstone] {
        try db.read { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM item WHERE state = 'withdrawn' AND errors = 0 ORDER BY id")
            return try ids.compactMap { raw in
                guard let id = ItemID(raw), let item = try Schema.load(db, id: id, reader: repository.reader)?.item else { return nil }
                return PublicationGate.tombstone(for: item)
            }
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T { try db.read(body) }
}

/// The outcome of reading one changed folder on a worker thread.
struct IndexedFolder: Sendable {
    var folder: FileScanner.Folder
    var hashes: [String: String]
    var loaded: LoadedItem?
    var searchRows: [SearchRow] = []

    /// Hashes the folder's files; reads and tokenizes the item only when its content changed.
    static func read(_ f: FileScanner.Folder, root: String, known: [String: (FileStamp, String)], reader: ItemReader, tokenizer: SearchTokenizer) -> IndexedFolder {
        var hashes: [String: String] = [:]
        for name in f.files.keys {
            let data = FileManager.default.contents(atPath: "\(root)/\(f.path)/\(name)") ?? Data()
            hashes[name] = SHA256.hex([UInt8](data))
        }
        let sameContent = known.count == hashes.count && hashes.allSatisfy { known[$0.key]?.1 == $0.value }
        return IndexedFolder(folder: f, hashes: hashes, loaded: sameContent ? nil : reader.read(kind: f.kind, id: f.id), tokenizer: tokenizer)
    }

    init(folder: FileScanner.Folder, hashes: [String: String], loaded: LoadedItem?, tokenizer: SearchTokenizer) {
        self.folder = folder; self.hashes = hashes; self.loaded = loaded
        guard let loaded else { return }
        for t in loaded.translations {
            let lang = t.language.rawValue
            var text = ""
            for (name, value) in t.fields.sorted(by: { $0.key < $1.key }) where name != "title" { text += value + "\n" }
            text += Markdown.plainText(t.body)
            searchRows.append(SearchRow(lang: lang, title: tokenizer.indexText(t.title, language: lang),
                                        text: tokenizer.indexText(text, language: lang)))
        }
    }
}

struct SearchRow: Sendable {
    var lang: String
    var title: String
    var text: String
}

extension Index {
    /// Marks the database as written by another schema version (tests of the rebuild path).
    func setUserVersionForTesting(_ v: Int) throws {
        try db.write { try $0.execute(sql: "PRAGMA user_version = \(v)") }
    }
}
