import Foundation
import GRDB
import QuangBaContent
public import QuangBaCore

/// What harvesters have been served of each record (an item as OAI-PMH and the export name it:
/// kind and id), and since when: the source of every datestamp and every deleted record
/// (docs/harvesting.md, "Datestamps and deletions").
///
/// - A record's state is what would be served of it, ignoring time: a hash of its public view
///   (with the configuration and the public items it links to), the sets it is in, and its
///   embargo. The index compares it with what it reads after every sync that changed something;
///   a record whose state differs gets the moment of that comparison as its datestamp. Hand
///   edits, git pulls and commands all pass through a sync, so all of them count, and a change
///   is dated when harvesters could first see it, never earlier.
/// - What time does (an embargo ending, here or on a linked item) needs no sync: the harvest
///   queries date a record no earlier than the end of such an embargo once it has passed.
/// - Once a record has been public in a set, that is a fact for good (`shown`), kept in the
///   repository itself (`audit/disseminated.tsv`, merged by union in git), so a rebuilt index
///   or a fresh clone still answers with a deleted record for anything that stopped being public.
public enum RecordLedger {
    /// The repository file of records once public: one line per observation,
    /// `time<TAB>kind/id<TAB>set set …`, appended, never rewritten.
    public static let factsFile = "audit/disseminated.tsv"
    /// How many of its changes the ledger remembers (`Index.ledgerChanges`), and how many
    /// records one change may name before it counts as touching any.
    static let changesKept = 256
    static let changeKeysKept = 2_000

    /// An item as it would be served if it were public now: computed when the index reads it.
    struct Served: Sendable {
        /// A hash of the public view: the approved record and the public language versions, as
        /// canonical text.
        var hash: String
        /// `,kind:article,lang:vi,lang:en,topic:investment,unit:so-vhttdl,`
        var sets: String
        /// What records that link to it show of it besides its id: its kind, and a photo's file
        /// (the preview of the items it is the cover of).
        var face: String

        init?(_ loaded: LoadedItem, publicLanguages: String) {
            guard let (item, translations) = loaded.publicView else { return nil }
            let langs = publicLanguages.split(separator: ",").map(String.init)
            var sha = SHA256()
            sha.update(ItemWriter.itemYAML(item).utf8)
            for t in translations where langs.contains(t.language.rawValue) {
                sha.update([0])
                sha.update(ItemWriter.translationFile(t, kind: item.kind, isSource: t.language == item.sourceLanguage).utf8)
            }
            hash = sha.finalize().hexString
            let specs = ["kind:" + item.kind.rawValue] + langs.map { "lang:" + $0 } + item.topics.map { "topic:" + $0 }
                + (item.unit.isEmpty ? [] : ["unit:" + item.unit])
            sets = "," + specs.joined(separator: ",") + ","
            face = item.kind.rawValue + (item.details.media.map { "|\($0.file.file)|\($0.file.type)|\($0.file.sha256)" } ?? "")
        }
    }

    struct Key: Hashable, Sendable {
        let kind: String
        let id: String
    }

    /// `hash` empty: not public, whatever the time.
    struct State: Equatable, Sendable {
        var hash: String
        var embargo: Int64?
        var sets: String
        static let hidden = State(hash: "", embargo: nil, sets: "")
    }

    /// What the index holds now, as states.
    struct Reading {
        var generation: String
        var desired: [Key: State] = [:]
        var links: [Key: [String]] = [:]
        /// The latest embargo among the items a record links to (`record.link_embargo`).
        var linkEmbargo: [Key: Int64] = [:]
        /// Withdrawn items whose item.yaml shows they were public (published before their
        /// embargo, if any, ended and before the withdrawal): repositories older than the ledger.
        var implied: [Key: (sets: String, since: Int64)] = [:]
        var ledger: [Key: (state: State, datestamp: Int64)] = [:]
    }

    /// Orders set specs as Identify's sets are listed: kinds, languages, topics, units.
    static func ordered(_ specs: some Sequence<Substring>) -> [String] {
        let rank = ["kind": 0, "lang": 1, "topic": 2, "unit": 3]
        return specs.filter { !$0.isEmpty }.enumerated().sorted { a, b in
            let ra = rank[String(a.element.prefix { $0 != ":" })] ?? 9, rb = rank[String(b.element.prefix { $0 != ":" })] ?? 9
            return (ra, a.offset) < (rb, b.offset)
        }.map { String($0.element) }
    }
}

/// The lock that keeps a harvest answer's `responseDate` from running ahead of the ledger: a
/// change is dated while the lock is held exclusively and committed before it is released; an
/// answer takes its moment holding it shared. So every change dated before an answer's moment is
/// in that answer, and every change not in it is dated at or after it.
///
/// The lock file also holds the ledger's stamp (meta `records`, new at every change), so that a
/// server knows whether its kept answers still hold without asking the index: the stamp is
/// cleared before a change is committed and written after, both under the exclusive lock; an
/// empty file (a new one, or a writer that died in between) is filled from the index by the
/// next reader, under the shared lock, when no writer can be changing it.
enum LedgerLock {
    static func path(_ root: URL) -> String { root.appendingPathComponent(".quangba/ledger.lock").path }
    static let stampBytes = 32

    static func with<T>(_ root: URL, _ operation: Int32, _ body: (Int32) throws -> T) throws -> T {
        let fd = open(path(root), O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicFile.ioError("io.write_failed", URL(fileURLWithPath: path(root)), errno) }
        defer { close(fd) }
        while flock(fd, operation) != 0 {
            guard errno == EINTR else { throw AtomicFile.ioError("io.write_failed", URL(fileURLWithPath: path(root)), errno) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body(fd)
    }

    /// The stamp the file holds, if whole.
    static func stamp(_ fd: Int32) -> String? {
        var bytes = [UInt8](repeating: 0, count: stampBytes)
        guard pread(fd, &bytes, stampBytes, 0) == stampBytes, bytes.allSatisfy({ $0 != 0 }) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `stamp` (nil: clears the file); a stamp that does not fit is left out, so that
    /// readers ask the index.
    static func setStamp(_ fd: Int32, _ stamp: String?) {
        _ = ftruncate(fd, 0)
        guard let stamp, stamp.utf8.count == stampBytes else { return }
        _ = Array(stamp.utf8).withUnsafeBytes { pwrite(fd, $0.baseAddress, stampBytes, 0) }
    }

    /// A new stamp: 128 random bits in hex.
    static func newStamp() -> String {
        (0..<2).map { _ in String(format: "%016llx", UInt64.random(in: .min ... .max)) }.joined()
    }
}

/// The moment of a harvest answer, and the state of the ledger at it: what a kept answer is
/// checked against (`ResponseCache`).
public struct HarvestMoment: Sendable {
    public let time: Timestamp
    /// The ledger's stamp: new at every change (`Index.ledgerChanges` says which records).
    public let stamp: String
    /// How many embargoes have ended by `time`.
    public let ended: Int
    /// The next embargo end after `time`, as the ledger stood at `stamp`.
    public let nextEnd: Int64
}

extension Index {
    /// The moment a harvest answer (or an export) is made at: its `responseDate`, and the time
    /// the publication gate is asked at. See `LedgerLock`.
    public func harvestMoment() throws -> Timestamp {
        try LedgerLock.with(repository.root, LOCK_SH) { _ in Timestamp.now }
    }

    /// The moment (the clock's unless given), with the state of what is served at it: the
    /// ledger's stamp (from the lock file, so a request asks the index nothing while nothing
    /// changes), how many embargoes have ended by then and when the next one ends (remembered
    /// until it does).
    public func harvestState(at moment: Timestamp? = nil) throws -> HarvestMoment {
        let (now, stamp) = try LedgerLock.with(repository.root, LOCK_SH) { fd throws -> (Timestamp, String) in
            let now = moment ?? .now
            if let stamp = LedgerLock.stamp(fd) { return (now, stamp) }
            let stamp = try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'records'") } ?? "0"
            LedgerLock.setStamp(fd, stamp)
            return (now, stamp)
        }
        let (ended, next) = try endedEmbargoes(stamp: stamp, now: now.secondsSince1970)
        return HarvestMoment(time: now, stamp: stamp, ended: ended, nextEnd: next)
    }

    /// How many records' embargoes have ended by `now`, and when the next one ends; asked of
    /// the index only when the stamp changed or the next embargo end has passed.
    private func endedEmbargoes(stamp: String, now: Int64) throws -> (Int, Int64) {
        if let m = embargoMemo.with({ $0 }), m.stamp == stamp, m.at <= now, now < m.nextEnd { return (m.ended, m.nextEnd) }
        let (ended, next) = try read { db -> (Int, Int64?) in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record WHERE embargo IS NOT NULL AND embargo <= ?", arguments: [now]) ?? 0,
             try Int64.fetchOne(db, sql: "SELECT MIN(embargo) FROM record WHERE embargo > ?", arguments: [now]))
        }
        embargoMemo.with { $0 = (stamp, now, next ?? .max, ended) }
        return (ended, next ?? .max)
    }

    /// The records that may be harvested differently at ledger stamp `to` than at `from`
    /// (an earlier one): each change in between, its records' keys; nil when that is not
    /// known (`from` is not an earlier stamp of this index, more changes than the index keeps,
    /// or one that may have touched any record, such as facts taken in from a pull).
    /// Embargoes ending are not changes of the ledger (see `HarvestMoment.nextEnd`).
    public func ledgerChanges(from: String, to: String) throws -> Set<HarvestKey>? {
        try read { db in
            var keys = Set<HarvestKey>()
            var stamp = to
            for _ in 0..<RecordLedger.changesKept {
                if stamp == from { return keys }
                guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT prev, records FROM ledger_change WHERE stamp = ?"), arguments: [stamp]),
                      let records = row[1] as String? else { return nil }
                for line in records.split(separator: "\n") {
                    let f = line.split(separator: "\t", maxSplits: 1)
                    if f.count == 2 { keys.insert(HarvestKey(id: f[0], kind: f[1])) }
                }
                stamp = row[0]
            }
            return nil
        }
    }

    /// A digest of what every record depends on besides its item: quangba.yaml (names of units
    /// and topics, the site's address, …). When it changes, every record has changed.
    private func configDigest() -> String {
        let data = FileManager.default.contents(atPath: repository.root.appendingPathComponent("quangba.yaml").path) ?? Data()
        return SHA256.hex(Array(data))
    }

    /// Brings the ledger up to what the index holds, dating what changed at `now` (the clock's
    /// time, taken under `LedgerLock`, unless given). Writes nothing when nothing is new: no
    /// change in the index, no embargo ended, no new facts in the repository's file.
    func updateLedger(now fixed: Timestamp?) throws {
        let config = configDigest()
        while true {
            // Read without the lock (it is the slow part); applied under it only if the index
            // did not change meanwhile.
            let probe = fixed ?? .now
            let (reading, quiet) = try read { db -> (RecordLedger.Reading?, Bool) in
                let generation = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'generation'") ?? "0"
                if try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'ledger'") == generation + "/" + config {
                    return (nil, try !embargoesEnded(db, now: probe.secondsSince1970) && !factsFileChanged(db))
                }
                return (try Self.readLedger(db, generation: generation, config: config), false)
            }
            if quiet { return }
            let done = try LedgerLock.with(repository.root, LOCK_EX) { fd throws -> Bool in
                let now = max(fixed ?? .now, probe)
                let stamp = try write { db -> String?? in
                    let generation = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'generation'") ?? "0"
                    let mirrored = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'ledger'")
                    // Applied only to the index it was read from.
                    if let reading { guard reading.generation == generation else { return .none } }
                    else { guard mirrored == generation + "/" + config else { return .none } }
                    let stamp = try applyLedger(db, reading, config: config, now: now.secondsSince1970)
                    // Cleared before the commit, written after it (LedgerLock).
                    if stamp != nil { LedgerLock.setStamp(fd, nil) }
                    return .some(stamp)
                }
                guard let stamp else { return false }
                if let stamp { LedgerLock.setStamp(fd, stamp) }
                return true
            }
            if done { return }
        }
    }

    private func embargoesEnded(_ db: Database, now: Int64) throws -> Bool {
        let checked = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'ledger_checked'") ?? Int64.min
        return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM record WHERE hash <> '' AND embargo > ? AND embargo <= ?)", arguments: [checked, now]) ?? false
    }

    /// The facts file's size and modification time, as last read.
    private func factsStamp() -> String? {
        let url = repository.root.appendingPathComponent(RecordLedger.factsFile)
        guard let a = try? FileManager.default.attributesOfItem(atPath: url.path) else { return nil }
        return "\(a[.size] ?? 0)/\((a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
    }

    private func factsFileChanged(_ db: Database) throws -> Bool {
        try factsStamp() != String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'facts'")
    }

    private static func readLedger(_ db: Database, generation: String, config: String) throws -> RecordLedger.Reading {
        typealias Key = RecordLedger.Key
        var r = RecordLedger.Reading(generation: generation)
        var publicFolders: [String: (key: Key, hash: String, embargo: Int64?, sets: String)] = [:]
        /// What a record shows of the items it links to follows them: their embargo and their
        /// face (`Served.face`) count in its state.
        var publicIDs: [String: String] = [:]
        var embargoes: [String: Int64] = [:]
        let columns = "folder, kind, id, errors, state, classification, public_langs, record_hash, embargo, sets, published, withdrawn, updated, face"
        /// Item rows: of the records being compared (`candidate`), or of items they link to.
        func take(_ rows: RowCursor, candidate: Bool) throws {
            while let row = try rows.next() {
                let key = Key(kind: row[1], id: row[2])
                let errors: Int = row[3]
                let state: String? = row[4]
                let hash: String? = row[7]
                let sets: String? = row[9]
                let embargo: Int64? = row[8]
                if candidate, r.desired[key] == nil { r.desired[key] = .hidden }
                // Public means public in some language (the gate), for an item withdrawn before
                // the ledger existed as for one published now.
                guard errors == 0, let sets, (row[5] as String?) == "public", (row[6] as String?) != ",," else { continue }
                if state == "published", let hash {
                    if candidate { publicFolders[row[0]] = (key, hash, embargo, sets) }
                    publicIDs[key.id] = "\(embargo.map(String.init) ?? "")@\(row[13] as String? ?? "")"
                    if let embargo { embargoes[key.id] = embargo }
                } else if candidate, state == "withdrawn", let published: Int64 = row[10] {
                    let end: Int64 = row[11] ?? row[12] ?? published
                    if embargo.map({ $0 < end }) ?? true, published < end { r.implied[key] = (sets, max(published, embargo ?? 0)) }
                }
            }
        }
        // Only what can have changed is compared, unless everything can (quangba.yaml changed,
        // or a new index): the ids of items the index wrote or removed since the ledger last
        // looked (`ledger_todo`, see `Schema.ledgerTodo`), and the items linking to them.
        let mirrored = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'ledger'")
        var ids: Set<String>? = nil
        if let mirrored, mirrored.hasSuffix("/" + config) {
            let changed = Set(try String.fetchAll(db, sql: "SELECT id FROM ledger_todo"))
            if changed.count <= 2000 {
                var all = changed
                try forEachChunk(Array(changed)) { list, args in
                    all.formUnion(try String.fetchAll(db, sql: "SELECT i.id FROM relation l JOIN item i ON i.folder = l.folder WHERE l.target IN (\(list))", arguments: args))
                }
                ids = all
            }
        }
        if let ids {
            try forEachChunk(Array(ids)) { list, args in
                try take(try Row.fetchCursor(db, sql: "SELECT \(columns) FROM item WHERE id IN (\(list))", arguments: args), candidate: true)
            }
        } else {
            try take(try Row.fetchCursor(db, sql: "SELECT \(columns) FROM item"), candidate: true)
        }
        var targets: [String: [String]] = [:]
        if let ids {
            try forEachChunk(Array(publicFolders.keys)) { list, args in
                let relations = try Row.fetchCursor(db, sql: "SELECT folder, target FROM relation WHERE folder IN (\(list)) ORDER BY folder, position", arguments: args)
                while let row = try relations.next() { targets[row[0], default: []].append(row[1]) }
            }
            // The items they link to, for what the records show of them.
            let unread = Set(targets.values.joined()).subtracting(ids)
            try forEachChunk(Array(unread)) { list, args in
                try take(try Row.fetchCursor(db, sql: "SELECT \(columns) FROM item WHERE id IN (\(list))", arguments: args), candidate: false)
            }
        } else {
            let relations = try Row.fetchCursor(db, sql: "SELECT folder, target FROM relation ORDER BY folder, position")
            while let row = try relations.next() {
                let folder: String = row[0]
                if publicFolders[folder] != nil { targets[folder, default: []].append(row[1]) }
            }
        }
        for (folder, p) in publicFolders {
            // The items it links to are shown only while public: which are, and what they are,
            // are part of what it is.
            let linked = Set(targets[folder] ?? []).filter { publicIDs[$0] != nil }.sorted()
            var sha = SHA256()
            sha.update(config.utf8)
            sha.update(p.hash.utf8)
            for t in linked { sha.update("\n\(t)@\(publicIDs[t]!)".utf8) }
            r.desired[p.key] = RecordLedger.State(hash: sha.finalize().hexString, embargo: p.embargo, sets: p.sets)
            r.links[p.key] = linked
            r.linkEmbargo[p.key] = linked.compactMap { embargoes[$0] }.max()
        }
        func ledger(_ rows: RowCursor) throws {
            while let row = try rows.next() {
                r.ledger[Key(kind: row[0], id: row[1])] = (RecordLedger.State(hash: row[2], embargo: row[3], sets: row[4]), row[5])
            }
        }
        if let ids {
            try forEachChunk(Array(ids)) { list, args in
                try ledger(try Row.fetchCursor(db, sql: "SELECT kind, id, hash, embargo, sets, datestamp FROM record WHERE id IN (\(list))", arguments: args))
            }
        } else {
            try ledger(try Row.fetchCursor(db, sql: "SELECT kind, id, hash, embargo, sets, datestamp FROM record"))
        }
        return r
    }

    /// Writes the changed states (`reading`, nil when the index is as the ledger last saw it),
    /// takes in the facts other clones recorded, and records the facts of what has been public.
    /// Returns the ledger's new stamp if anything harvesters see changed.
    private func applyLedger(_ db: Database, _ reading: RecordLedger.Reading?, config: String, now: Int64) throws -> String? {
        typealias Fact = (key: RecordLedger.Key, sets: String, since: Int64)
        let tookIn = try takeInFacts(db)
        var facts: [Fact] = []
        var changed = 0
        // The records whose rows or facts this writes (`ledgerChanges`).
        var touched = Set<RecordLedger.Key>()
        if let reading {
            for key in Set(reading.desired.keys).union(reading.ledger.keys) {
                let new = reading.desired[key] ?? .hidden
                let old = reading.ledger[key]
                if let old, old.state == new { continue }
                if old == nil, new == .hidden { continue }
                // The state it leaves was public at some moment if its embargo, if any, had passed.
                if let old, !old.state.hash.isEmpty, (old.state.embargo ?? 0) <= now {
                    facts.append((key, old.state.sets, max(old.datestamp, old.state.embargo ?? 0)))
                }
                if !new.hash.isEmpty, (new.embargo ?? 0) <= now { facts.append((key, new.sets, now)) }
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO record VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .execute(arguments: [key.kind, key.id, new.hash, new.embargo, new.sets, now, reading.linkEmbargo[key]])
                try db.cachedStatement(sql: "DELETE FROM record_link WHERE id = ? AND kind = ?").execute(arguments: [key.id, key.kind])
                for t in reading.links[key] ?? [] {
                    try db.cachedStatement(sql: "INSERT INTO record_link VALUES (?, ?, ?)").execute(arguments: [key.kind, key.id, t])
                }
                touched.insert(key)
                changed += 1
            }
            for (key, i) in reading.implied { facts.append((key, i.sets, i.since)) }
            try db.execute(sql: "INSERT OR REPLACE INTO meta VALUES ('ledger', ?)", arguments: [reading.generation + "/" + config])
            try db.execute(sql: "DELETE FROM ledger_todo")
        }
        // Embargoes that ended since the last look: public from then on.
        let checked = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'ledger_checked'") ?? Int64.min
        for row in try Row.fetchAll(db, sql: "SELECT kind, id, sets, embargo FROM record WHERE hash <> '' AND embargo > ? AND embargo <= ?",
                                    arguments: [checked, now]) {
            facts.append((RecordLedger.Key(kind: row[0], id: row[1]), row[2], row[3]))
        }
        try db.execute(sql: "INSERT OR REPLACE INTO meta VALUES ('ledger_checked', ?)", arguments: [now])

        let observed = try recordFacts(db, facts)
        touched.formUnion(observed.map(\.key))
        let before = factsStamp()
        let appended = try appendFacts(observed)
        // Our own lines need not be read back; if anything else grew the file too, it is read
        // again next time.
        if appended > 0, let after = factsStamp(), sizeOf(after) == sizeOf(before) + appended {
            try db.execute(sql: "INSERT OR REPLACE INTO meta VALUES ('facts', ?)", arguments: [after])
        }
        // A record once public that the ledger has no row for (a fresh index that knows it only
        // from the facts file, another clone's item never seen here, a withdrawn item whose
        // publication is implied) still answers, as deleted. (A folder removed here keeps its
        // row: the reading hides it.)
        if tookIn {
            try db.execute(sql: "INSERT OR IGNORE INTO record SELECT DISTINCT kind, id, '', NULL, '', ?, NULL FROM shown", arguments: [now])
            changed += db.changesCount
        } else {
            for f in observed {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO record VALUES (?, ?, '', NULL, '', ?, NULL)").execute(arguments: [f.key.kind, f.key.id, now])
                changed += db.changesCount
            }
        }
        guard changed > 0 || !observed.isEmpty || tookIn else { return nil }
        let stamp = LedgerLock.newStamp()
        let previous = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'records'") ?? "0"
        try db.execute(sql: "INSERT OR REPLACE INTO meta VALUES ('records', ?)", arguments: [stamp])
        // Facts taken in from another clone may touch any record; so may a change to most.
        let records = tookIn || touched.count > RecordLedger.changeKeysKept ? nil : touched.map { $0.id + "\t" + $0.kind }.joined(separator: "\n")
        try db.execute(sql: "INSERT INTO ledger_change(stamp, prev, records) VALUES (?, ?, ?)", arguments: [stamp, previous, records])
        try db.execute(sql: "DELETE FROM ledger_change WHERE seq <= (SELECT MAX(seq) FROM ledger_change) - ?", arguments: [RecordLedger.changesKept])
        return stamp
    }

    private func sizeOf(_ stamp: String?) -> Int { stamp.flatMap { Int($0.prefix { $0 != "/" }) } ?? 0 }

    /// Adds the facts the table does not have yet; returns those.
    private func recordFacts(_ db: Database, _ facts: [(key: RecordLedger.Key, sets: String, since: Int64)]) throws -> [(key: RecordLedger.Key, specs: [String], since: Int64)] {
        var added: [(key: RecordLedger.Key, specs: [String], since: Int64)] = []
        for f in facts {
            var specs: [String] = []
            for spec in f.sets.split(separator: ",") {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO shown VALUES (?, ?, ?, ?)").execute(arguments: [f.key.kind, f.key.id, String(spec), f.since])
                if db.changesCount > 0 { specs.append(String(spec)) }
            }
            if !specs.isEmpty { added.append((f.key, specs, f.since)) }
        }
        return added
    }

    /// Appends observed facts to the repository's file (`RecordLedger.factsFile`); returns the
    /// bytes written.
    private func appendFacts(_ facts: [(key: RecordLedger.Key, specs: [String], since: Int64)]) throws -> Int {
        guard !facts.isEmpty else { return 0 }
        let url = repository.root.appendingPathComponent(RecordLedger.factsFile)
        var text = ""
        if !FileManager.default.fileExists(atPath: url.path) {
            text += "# Records once public (docs/harvesting.md): time, kind/id, sets. Appended by QuangBa; merged by union in git.\n"
        }
        for f in facts.sorted(by: { ($0.since, $0.key.id) < ($1.since, $1.key.id) }) {
            text += "\(Timestamp(secondsSince1970: f.since))\t\(f.key.kind)/\(f.key.id)\t\(f.specs.joined(separator: " "))\n"
        }
        try AtomicFile.appendLine(String(text.dropLast()), to: url)
        return text.utf8.count
    }

    /// Reads the facts file when it changed since last read (a pull brought another clone's
    /// facts). Lines that do not parse are skipped: the file is merged by git, not edited.
    private func takeInFacts(_ db: Database) throws -> Bool {
        guard try factsFileChanged(db), let stamp = factsStamp() else { return false }
        let text = (try? String(contentsOf: repository.root.appendingPathComponent(RecordLedger.factsFile), encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t")
            guard f.count == 3, let since = Timestamp(parsing: String(f[0])) else { continue }
            let record = f[1].split(separator: "/")
            guard record.count == 2, ItemKind(rawValue: String(record[0])) != nil, ItemID(String(record[1])) != nil else { continue }
            for spec in f[2].split(separator: " ") where spec.contains(":") {
                try db.cachedStatement(sql: "INSERT INTO shown VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET since = MIN(since, excluded.since)")
                    .execute(arguments: [String(record[0]), String(record[1]), String(spec), since.secondsSince1970])
            }
        }
        try db.execute(sql: "INSERT OR REPLACE INTO meta VALUES ('facts', ?)", arguments: [stamp])
        return true
    }
}
