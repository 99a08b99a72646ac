public import Foundation
import GRDB
public import QuangBaContent
public import QuangBaCore
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
    /// Only the folders `quangba watch` saw changing were looked at.
    public var fromWatcher = false
    /// The items this sync parsed that may be public (`sync(keepParsed:)`), for the reads of
    /// public items that follow it (`publicItems(now:reusing:)`).
    public var parsed = ParsedItems()
}

/// Items a sync parsed, by folder, each with the digest of the files it was parsed from: a
/// reader of public items takes one instead of parsing the stored text again only while the
/// stored digest is still that one (a site build right after a fill would otherwise parse every
/// item twice). Equal when made from the same files.
public struct ParsedItems: Sendable, Equatable {
    var byFolder: [String: (digest: String, loaded: LoadedItem)] = [:]
    public init() {}
    public var count: Int { byFolder.count }
    public static func == (a: ParsedItems, b: ParsedItems) -> Bool {
        a.byFolder.mapValues(\.digest) == b.byFolder.mapValues(\.digest)
    }
}

/// The SQLite index in `.quangba/index.sqlite`: derived from content/, rebuilt whenever it is
/// missing, from an older schema or corrupt, and synced incrementally by file size, mtime and hash.
public final class Index: @unchecked Sendable {
    /// Bump on any change to the tables or to what `SearchTokenizer` produces: full-text rows
    /// are deleted by recomputing their tokens, so an index must never outlive its tokenizer.
    /// Likewise for the folder signatures and for the rules that give an item errors: a stored
    /// item that new rules refuse must not stay public.
    public static let schemaVersion = 22
    static let batchSize = 256
    /// How FTS5 writes while a new index is filled, and after. It keeps new terms in memory up
    /// to `hashsize` bytes (default 1 MB) before writing a segment, and merges segments as it
    /// goes (`automerge`, default 4). A fill writes 8 MB segments without merging them, then
    /// merges them all once (`optimize`): less FTS time than merging as it goes, and no big
    /// merge left over for the first edit to pay (docs/performance.md).
    static let fillFTS = "INSERT INTO search(search, rank) VALUES('hashsize', 8388608); INSERT INTO search(search, rank) VALUES('automerge', 0)"
    static let endFillFTS = "INSERT INTO search(search) VALUES('optimize')"
    /// SQLite's page cache for syncs and queries (64 MB); a fill and a site build use less.
    static let pageCache = "PRAGMA cache_size = -65536"
    /// Each reader's page cache (16 MB; 4 MB once `releaseMemory` asked): a pool holds several
    /// readers, and the operating system caches the file for all of them.
    static func readerCache(small: Bool) -> String { "PRAGMA cache_size = \(small ? -4096 : -16384)" }
    static let syncFTS = "INSERT INTO search(search, rank) VALUES('hashsize', 1048576); INSERT INTO search(search, rank) VALUES('automerge', 4)"
    public let repository: Repository
    public let url: URL
    /// A pool once the index is complete (readers, such as harvesters' requests, never wait for
    /// a sync's writes: WAL gives each read a snapshot); a queue while a new index is filled,
    /// which runs without a journal and so must be the only connection.
    private(set) var db: any DatabaseWriter
    /// Readers opened after `releaseMemory` keep a small page cache.
    private let smallReaders: Locked<Bool>
    private var resetReason: String?
    /// `harvestState`'s count of ended embargoes: for this ledger stamp, counted at `at`, valid
    /// until `nextEnd`.
    let embargoMemo = Locked<(stamp: String, at: Int64, nextEnd: Int64, ended: Int)?>(nil)

    public init(repository: Repository) throws {
        self.repository = repository
        let dir = repository.root.appendingPathComponent(".quangba")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        url = dir.appendingPathComponent("index.sqlite")
        // Opening may create, replace or convert the file: one process at a time.
        let lock = try RepositoryLock(root: repository.root, name: "index.lock", timeout: 60)
        let existed = FileManager.default.fileExists(atPath: url.path)
        let small = Locked(false)
        smallReaders = small
        (db, resetReason) = try Index.open(url, Index.configuration(smallReaders: small))
        if !existed { resetReason = "missing" }
        withExtendedLifetime(lock) {}
    }

    /// WAL with synchronous=NORMAL: a crash can lose the last sync but never corrupts the file,
    /// and the next sync redoes the work; the index is derived data.
    var configuration: Configuration { Index.configuration(smallReaders: smallReaders) }

    static func configuration(smallReaders: Locked<Bool>) -> Configuration {
        var config = Configuration()
        config.journalMode = .wal
        // Several commands may sync at once (an editor's `list` while a script runs `index`):
        // the later one waits for the earlier one's transaction.
        config.busyMode = .timeout(60)
        config.prepareDatabase { db in
            let cache = db.configuration.readonly ? Index.readerCache(small: smallReaders.with { $0 }) : Index.pageCache
            try db.execute(sql: "PRAGMA synchronous = NORMAL; \(cache); PRAGMA temp_store = MEMORY")
        }
        return config
    }

    /// Opens the database, replacing it when it is corrupt or has another schema version.
    private static func open(_ url: URL, _ config: Configuration) throws -> (any DatabaseWriter, String?) {
        do {
            let pool = try DatabasePool(path: url.path, configuration: config)
            let version = try pool.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
            if version == schemaVersion { return (pool, nil) }
            try pool.close()
            try remove(url)
            // Version 0: a first build that never finished (see `fill`).
            return (try create(url, config), version == 0 ? "incomplete" : "schema")
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
        // user_version stays 0 until the first sync has filled it.
        try q.write { db in try db.execute(sql: Schema.sql) }
        return q
    }

    // MARK: Sync

    /// Brings the index up to date with content/. Only folders whose files changed are read again.
    /// `deferSearch`: when this sync fills a new index, leave the full-text index out until a
    /// search first needs it (`ensureSearch`). A site build from a fresh clone does not search,
    /// and the full-text index is about a fifth of its time.
    /// `keepParsed`: return the items this sync parses that may be public (`SyncReport.parsed`),
    /// for the reads of public items that follow.
    /// `now`: the time to date changed records at (`RecordLedger`); the clock's, unless a test
    /// gives one.
    @discardableResult
    public func sync(rebuild: Bool = false, deferSearch: Bool = false, keepParsed: Bool = false, now: Timestamp? = nil) throws -> SyncReport {
        var report = SyncReport()
        // A new index is filled holding the index lock, without a journal: see `fill`.
        let lock = rebuild || resetReason != nil ? try RepositoryLock(root: repository.root, name: "index.lock", timeout: 60) : nil
        defer { withExtendedLifetime(lock) {} }
        if rebuild {
            try db.close()
            try Index.remove(url)
            db = try Index.create(url, configuration)
            resetReason = "requested"
        }
        report.rebuiltBecause = resetReason
        resetReason = nil
        if report.rebuiltBecause != nil {
            try fill(deferSearch: deferSearch) { try self.syncChanges(&report, keepParsed: keepParsed) }
        } else {
            try syncChanges(&report, keepParsed: keepParsed)
        }
        try updateLedger(now: now)
        return report
    }

    /// Fills a new, empty index. Everything is written once: no rollback journal and no WAL
    /// (which would write it all twice), and no fsync until the end. A crash part-way leaves
    /// user_version at 0, so the next open throws the file away and starts again; the index
    /// lock keeps other processes out until it is complete.
    private func fill(deferSearch: Bool, _ body: () throws -> Void) throws {
        try db.writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = OFF")
            // Rows go in once, in order: a smaller page cache costs no time, and saves memory.
            try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA cache_size = -16384")
            try db.execute(sql: Index.fillFTS)
            if deferSearch { try db.execute(sql: "INSERT INTO meta VALUES ('search', 'deferred')") }
        }
        try body()
        var timer = StepTimer()
        try db.writeWithoutTransaction { db in
            try db.execute(sql: Index.endFillFTS)
            timer.lap("index: merge search index")
            try db.execute(sql: Index.syncFTS)
            try db.execute(sql: Index.pageCache)
            try db.execute(sql: "PRAGMA user_version = \(Index.schemaVersion)")
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            timer.lap("index: finish the fill")
        }
        // Complete: from now on, readers beside the writer.
        try db.close()
        db = try DatabasePool(path: url.path, configuration: configuration)
    }

    private func syncChanges(_ report: inout SyncReport, keepParsed: Bool) throws {

        let contentDir = repository.contentURL.path
        let reader = repository.reader
        let root = repository.root.path
        var timer = StepTimer()
        // What changed is decided inside the write transaction, so a second sync running at
        // the same time sees the first one's work and does not repeat it.
        try db.write { db in
            // With `quangba watch` running, only the folders it saw changing since the last
            // sync are looked at; the token it gives is stored in the same transaction.
            let watch = WatchSocket.changes(root: repository.root,
                                            since: try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'watch'"))
            var known: [String: FileScanner.Known] = [:]
            let folders: [FileScanner.Folder]
            var vouchedFor = 0  // folders the watcher saw no change in
            if let paths = watch?.folders {
                for path in paths {
                    if let row = try Row.fetchOne(db, sql: "SELECT signature, mtime, names FROM folder WHERE folder = ?", arguments: [path]) {
                        known[path] = FileScanner.Known(signature: row[0], mtime: row[1], names: row[2])
                    }
                }
                folders = FileScanner.scan(contentDir: contentDir, only: paths, known: known)
                vouchedFor = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM folder")! - known.count
                report.fromWatcher = true
            } else {
                // A cursor: fetched rows would each copy the column names (10,000 of them here).
                let rows = try Row.fetchCursor(db, sql: "SELECT folder, signature, mtime, names FROM folder")
                while let row = try rows.next() {
                    known[row[0]] = FileScanner.Known(signature: row[1], mtime: row[2], names: row[3])
                }
                folders = FileScanner.scan(contentDir: contentDir, known: known)
            }
            if let watch {
                try db.execute(sql: "INSERT OR REPLACE INTO meta VALUES ('watch', ?)", arguments: [watch.token])
            } else {
                try db.execute(sql: "DELETE FROM meta WHERE key = 'watch'")
            }
            report.folders = folders.count + vouchedFor
            timer.lap("index: look at content/")
            // In path order: the tables are keyed by folder, so a fill then appends to the end
            // of each B-tree instead of splitting pages all over it (folders are listed in
            // the file system's hash order).
            let candidates = folders.filter { known[$0.path]?.signature != $0.signature }.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            // Unchanged folders whose own mtime moved (a file added and removed, or too recent
            // to trust last time): record it, so the next sync takes the short way.
            for f in folders where known[f.path]?.signature == f.signature && known[f.path]?.mtime != f.mtime {
                try db.cachedStatement(sql: "UPDATE folder SET mtime = ? WHERE folder = ?").execute(arguments: [f.mtime, f.path])
            }
            report.unchanged = folders.count - candidates.count + vouchedFor
            let present = Set(folders.map(\.path))
            let gone = known.keys.filter { !present.contains($0) }
            // The stored hashes of changed folders, to tell an edit from a mere touch.
            var knownFiles: [String: [String: String]] = [:]
            for f in candidates where known[f.path] != nil {
                for row in try Row.fetchAll(db, sql: "SELECT name, hash FROM file WHERE folder = ?", arguments: [f.path]) {
                    knownFiles[f.path, default: [:]][row[0]] = row[1]
                }
            }
            let hashes = knownFiles
            var batches = stride(from: 0, to: candidates.count, by: Index.batchSize)
                .map { Array(candidates[$0..<min($0 + Index.batchSize, candidates.count)]) }.makeIterator()
            // A batch's files start being read when it is fetched, a batch before it is parsed,
            // on threads that may wait: files the page cache no longer holds are then read from
            // disk while the cores parse the batch before (docs/performance.md, a cold page cache).
            func fetch() -> Pending<[IndexedFolder.Files]>? {
                guard let batch = batches.next() else { return nil }
                return Pending { blockingMap(batch.count) { IndexedFolder.Files(batch[$0], root: root) } }
            }
            // While the full-text index is deferred it stays empty: no search rows to make.
            let searchable = try !Index.searchDeferred(db)
            @Sendable func read(_ pending: Pending<[IndexedFolder.Files]>) -> [IndexedFolder] {
                let batch = pending.value
                return blockingMap(batch.count, threads: ProcessInfo.processInfo.activeProcessorCount, nice: 5,
                                   makeState: { SearchTokenizer() }) { tokenizer, i in
                    IndexedFolder.read(batch[i], knownHashes: hashes[batch[i].folder.path] ?? [:], reader: reader,
                                       tokenizer: searchable ? tokenizer : nil)
                }
            }
            let deleteTokenizer = SearchTokenizer()
            for path in gone {
                try Schema.deleteFolder(db, path, reader: reader, tokenizer: deleteTokenizer)
                report.removed += 1
            }
            // The next batches are read on the other cores while this one is written.
            try pipelined(fetch: fetch, prepare: read) { current in
                for r in current {
                    guard let loaded = r.loaded else {
                        // Touched but not changed: only the stamps are new.
                        report.unchanged += 1
                        try Schema.updateStamps(db, r)
                        continue
                    }
                    if known[r.folder.path] != nil {
                        report.updated += 1
                        try Schema.deleteFolder(db, r.folder.path, reader: reader, tokenizer: deleteTokenizer)
                    } else {
                        report.added += 1
                    }
                    try Schema.insert(db, r, loaded: loaded)
                    if keepParsed, let digest = r.columns?.digest, let item = loaded.item, item.state == .published, item.classification == .public, !loaded.hasErrors {
                        // Without the files' texts, which are stored now and which the site
                        // does not read (they made most of a large build's peak memory).
                        var kept = loaded
                        kept.texts = [:]
                        report.parsed.byFolder[r.folder.path] = (digest, kept)
                    }
                }
            }
            timer.lap("index: read and write items")
            try Index.applyCrossItemRules(db, touched: Set(candidates.map(\.id) + gone.map { String($0.split(separator: "/").last ?? "") }))
            timer.lap("index: rules between items")
            // What the record ledger compares against changed (`updateLedger`).
            if report.added + report.updated + report.removed > 0 {
                try db.execute(sql: "INSERT OR REPLACE INTO meta VALUES ('generation', COALESCE((SELECT value FROM meta WHERE key = 'generation'), 0) + 1)")
            }
        }
    }

    // MARK: Reading back

    /// The item and its language versions as last synced, parsed from the stored file text with
    /// the same reader the repository uses.
    public func load(_ id: ItemID) throws -> LoadedItem? {
        try db.read { db in try Schema.load(db, id: id, reader: repository.reader) }
    }

    /// Every item that passes the publication gate at `now`, in id order. Items with validation
    /// errors never pass, their own or between items (a broken relation, a duplicate id):
    /// invalid content must not reach any output, and no two public items share an id.
    /// `reusing`: what the sync before parsed (`SyncReport.parsed`).
    public func publicItems(now: Timestamp = .now, reusing parsed: ParsedItems = ParsedItems()) throws -> [PublicItem] {
        var all: [PublicItem] = []
        try forEachPublicItem(now: now, batchSize: 512, reusing: parsed) { all += $0 }
        return all
    }

    /// The condition on table `item` for items that may pass the gate (which has the last word).
    static let mayBePublic = "errors = 0 AND state = 'published' AND classification = 'public'"

    /// Every item that passes the publication gate at `now`, in id order, handed over in
    /// batches read from the index and parsed in parallel: memory stays flat however many there
    /// are. `kind` and `changedSince` (the record's datestamp, see `RecordLedger`) narrow it.
    public func forEachPublicItem(now: Timestamp, kind: ItemKind? = nil, changedSince: Timestamp? = nil, batchSize: Int = 256,
                                  reusing parsed: ParsedItems = ParsedItems(), _ body: ([PublicItem]) throws -> Void) throws {
        var condition = Self.mayBePublic
        var arguments: [String: (any DatabaseValueConvertible)?] = [:]
        if let kind { condition += " AND kind = :kind"; arguments["kind"] = kind.rawValue }
        if let since = changedSince {
            condition += " AND " + Self.changedSince
            arguments["now"] = now.secondsSince1970
            arguments["from"] = since.secondsSince1970
        }
        var after: (id: String, folder: String)?
        while true {
            let stored = try db.read { db in
                try Schema.storedTexts(db, where: condition, arguments: StatementArguments(arguments), after: after, limit: batchSize, reusing: parsed)
            }
            guard let last = stored.last else { return }
            after = (last.id.rawValue, last.folder)
            try body(gate(stored, now: now))
            if stored.count < batchSize { return }
        }
    }

    /// The public ones among `ids`, read in one query and parsed in parallel.
    public func publicItems(_ ids: [ItemID], now: Timestamp, reusing parsed: ParsedItems = ParsedItems()) throws -> [ItemID: PublicItem] {
        guard !ids.isEmpty else { return [:] }
        let stored = try read { db in
            try Schema.storedTexts(db, where: Self.mayBePublic + " AND id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                                   arguments: StatementArguments(ids.map(\.rawValue)), reusing: parsed)
        }
        var out: [ItemID: PublicItem] = [:]
        for p in gate(stored, now: now) where out[p.item.id] == nil { out[p.item.id] = p }
        return out
    }

    /// The stored items parsed (in parallel: parsing is most of the work) and put to the gate.
    /// Their texts passed validation when indexed (errors = 0), so the costly body checks are
    /// not run again.
    /// Items the sync before parsed come already parsed (`StoredText.parsed`).
    private func gate(_ stored: [StoredText], now: Timestamp) -> [PublicItem] {
        let langs = repository.config.languageCodes
        let reader = repository.reader
        return parallelMap(stored.count) { i -> PublicItem? in
            let loaded = stored[i].parsed ?? stored[i].parse(reader, checked: true)
            return loaded.publicView.flatMap { PublicationGate.publicItem($0.item, translations: $0.translations, errors: stored[i].errors, languages: langs, now: now) }
        }.compactMap { $0 }
    }

    /// The item if it passes the publication gate at `now` (see `publicItems`).
    public func publicItem(_ id: ItemID, now: Timestamp, reusing parsed: ParsedItems = ParsedItems()) throws -> PublicItem? {
        try publicItems([id], now: now, reusing: parsed)[id]
    }

    /// The items that point to `id` (as cover, related item or attachment).
    public func itemsPointing(to id: ItemID) throws -> [ItemID] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT i.id FROM relation r JOIN item i ON i.folder = r.folder WHERE r.target = ? ORDER BY i.id",
                                arguments: [id.rawValue]).compactMap(ItemID.init)
        }
    }

    static func searchDeferred(_ db: Database) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'search'") == "deferred"
    }

    /// Whether a sync deferred the full-text index (the next search builds it first).
    public func searchIsDeferred() throws -> Bool { try db.read { try Index.searchDeferred($0) } }

    /// Builds the full-text index if a sync deferred it, from the text the index stores: the
    /// same rows a sync would have made. As in a sync, the next batch is parsed and tokenized on
    /// the other cores while the current one is written. True when it built it.
    @discardableResult
    public func ensureSearch() throws -> Bool {
        guard try searchIsDeferred() else { return false }
        let reader = repository.reader
        return try db.write { db in
            guard try Index.searchDeferred(db) else { return false }  // another process built it meanwhile
            try db.execute(sql: Index.fillFTS)
            var after: (id: String, folder: String)?
            func fetch() throws -> [StoredText]? {
                let stored = try Schema.storedTexts(db, where: "1", after: after, limit: Index.batchSize)
                guard let last = stored.last else { return nil }
                after = (last.id.rawValue, last.folder)
                return stored
            }
            @Sendable func rows(_ stored: [StoredText]) -> [(folder: String, rows: [SearchRow])] {
                // The text passed the body checks when it was indexed; only the rows matter here.
                parallelMap(stored.count, makeState: { SearchTokenizer() }) { tokenizer, i in
                    (stored[i].folder, stored[i].parse(reader, checked: true).translations.map { SearchRow($0, tokenizer: tokenizer) })
                }
            }
            try pipelined(fetch: fetch, prepare: rows) { batch in
                for item in batch { try Schema.insertSearchRows(db, folder: item.folder, item.rows) }
            }
            try db.execute(sql: Index.endFillFTS)
            try db.execute(sql: Index.syncFTS)
            try db.execute(sql: "DELETE FROM meta WHERE key = 'search'")
            return true
        }
    }

    /// Frees SQLite's page cache (up to 64 MB after a large sync) and keeps it small from then
    /// on, before work that holds a lot in memory of its own and reads each row once, such as
    /// a site build.
    public func releaseMemory() {
        smallReaders.with { $0 = true }
        // A pool closes its readers here; the next ones open with the small cache.
        (db as? DatabasePool)?.releaseMemory()
        (db as? DatabaseQueue)?.releaseMemory()
        try? db.writeWithoutTransaction { try $0.execute(sql: "PRAGMA cache_size = -4096") }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T { try db.read(body) }
    func write<T>(_ body: (Database) throws -> T) throws -> T { try db.write(body) }
}

/// The outcome of reading one changed folder on a worker thread.
struct IndexedFolder: Sendable {
    var folder: FileScanner.Folder
    var files: [String: FileStamp]
    var hashes: [String: String]
    var loaded: LoadedItem?
    var searchRows: [SearchRow] = []
    /// The item's derived columns, computed here on a worker thread so that the single writer
    /// only binds values (hashing, collation and the gate would otherwise run one at a time).
    var columns: DerivedColumns?

    /// A changed folder's files as they are on disk: what `read` works from. Reading them is
    /// the part that waits for the disk, done ahead on threads of its own (`blockingMap`).
    struct Files: Sendable {
        var folder: FileScanner.Folder
        var stamps: [String: FileStamp]
        /// By name: the bytes, or why the file was refused (the item reader reports it).
        var contents: FolderContents

        init(_ f: FileScanner.Folder, root: String) {
            folder = f
            stamps = f.stamps ?? FileScanner.stamps("\(root)/\(f.path)")
            contents = FolderContents.read("\(root)/\(f.path)", names: Array(stamps.keys))
        }
    }

    /// Hashes the folder's files; parses and tokenizes the item only when its content changed.
    /// `tokenizer` nil: no search rows (the full-text index is deferred).
    static func read(_ files: Files, knownHashes: [String: String], reader: ItemReader, tokenizer: SearchTokenizer?) -> IndexedFolder {
        let f = files.folder
        var hashes: [String: String] = [:]
        for name in files.stamps.keys {
            // A refused file stands for its reason: a file that gains or loses a second name
            // keeps its bytes, and must still be read again.
            hashes[name] = files.contents.bytes[name].map(SHA256.hex) ?? "refused: \(files.contents.refused[name] ?? .missing)"
        }
        // A known folder whose every file has its old content was only touched.
        let sameContent = !knownHashes.isEmpty && knownHashes == hashes
        let loaded = sameContent ? nil : reader.read(kind: f.kind, id: f.id, files: ItemReader.FolderFiles(files.contents, sha256: hashes))
        return IndexedFolder(folder: f, files: files.stamps, hashes: hashes, loaded: loaded, reader: reader, tokenizer: tokenizer)
    }

    init(folder: FileScanner.Folder, files: [String: FileStamp], hashes: [String: String], loaded: LoadedItem?, reader: ItemReader, tokenizer: SearchTokenizer?) {
        self.folder = folder; self.files = files; self.hashes = hashes; self.loaded = loaded
        guard let loaded else { return }
        if let tokenizer { searchRows = loaded.translations.map { SearchRow($0, tokenizer: tokenizer) } }
        columns = loaded.item.map { DerivedColumns($0, loaded: loaded, hashes: hashes, config: reader.config) }
    }
}

/// What `Schema.insert` stores about an item besides its parsed fields.
struct DerivedColumns: Sendable {
    var digest: String
    var listing: String
    var publicLanguages: String
    /// What a harvester would be served of the item, if it were public (`RecordLedger`).
    var record: RecordLedger.Served?
    /// Per language version, in `loaded.translations` order.
    var contentHashes: [String]
    var titleKeys: [Data]

    init(_ item: Item, loaded: LoadedItem, hashes: [String: String], config: RepositoryConfig) {
        digest = SHA256.hex(Array(hashes.keys.sorted().map { $0 + ":" + hashes[$0]! }.joined(separator: " ").utf8))
        listing = Schema.listingKey(loaded.texts)
        publicLanguages = Schema.publicLanguages(loaded, config)
        record = RecordLedger.Served(loaded, publicLanguages: publicLanguages)
        contentHashes = loaded.translations.map { $0.contentHash(kind: item.kind) }
        titleKeys = loaded.translations.map { Data(Collation.forLanguage($0.language.rawValue).sortKey($0.title)) }
    }
}

/// What the full-text index holds for one language version. The table is contentless, so
/// deleting a row needs these same values again: they are a pure function of the translation,
/// recomputed from the text the index stores (`Schema.deleteFolder`).
struct SearchRow: Sendable {
    var lang: String
    /// The tokens of the title and of the other fields and body, as UTF-8 bytes: bound as they
    /// are (FTS5 reads a blob's bytes as text), without validating them into a String again.
    var title: Data
    var text: Data

    init(_ t: Translation, tokenizer: SearchTokenizer) {
        let lang = t.language.rawValue
        self.lang = lang
        var text: [UInt8] = []
        for (name, value) in t.fields.sorted(by: { $0.key < $1.key }) where name != "title" {
            text += value.utf8
            text.append(0x0A)
        }
        text += Markdown.plainTextUTF8(t.body)
        var title = t.title
        self.title = Data(title.withUTF8 { tokenizer.indexText(utf8: $0, language: lang) })
        self.text = Data(text.withUnsafeBufferPointer { tokenizer.indexText(utf8: $0, language: lang) })
    }
}

extension Index {
    /// Marks the database as written by another schema version (tests of the rebuild path).
    func setUserVersionForTesting(_ v: Int) throws {
        try db.write { try $0.execute(sql: "PRAGMA user_version = \(v)") }
    }

    func journalModeForTesting() throws -> String? {
        try db.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
    }
}
