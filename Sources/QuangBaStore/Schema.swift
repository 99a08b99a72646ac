import Foundation
import GRDB
import QuangBaContent
import QuangBaCore
import QuangBaText

/// Tables of the index. Rows are keyed by folder (`content/<kind>/<id>`) so that even a
/// repository with a duplicated id can be indexed and reported.
enum Schema {
    static let sql = """
    CREATE TABLE folder(folder TEXT PRIMARY KEY, signature INTEGER NOT NULL, mtime INTEGER NOT NULL, names TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE file(folder TEXT NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL, mtime INTEGER NOT NULL, hash TEXT NOT NULL,
                      PRIMARY KEY(folder, name)) WITHOUT ROWID;
    CREATE TABLE item(folder TEXT PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL, source_lang TEXT, created INTEGER, updated INTEGER,
                      author TEXT, state TEXT, classification TEXT, embargo INTEGER, published INTEGER, withdrawn INTEGER,
                      unit TEXT, pinned INTEGER NOT NULL DEFAULT 0, errors INTEGER NOT NULL, warnings INTEGER NOT NULL,
                      image INTEGER, link_errors INTEGER NOT NULL DEFAULT 0, item_yaml TEXT, digest TEXT, listing TEXT, public_langs TEXT,
                      record_hash TEXT, sets TEXT, face TEXT);
    CREATE INDEX item_id ON item(id);
    -- The ids the record ledger has yet to look at (RecordLedger), kept by `Schema.ledgerTodo`.
    CREATE TABLE ledger_todo(id TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE INDEX item_updated ON item(updated);
    CREATE INDEX item_embargo ON item(embargo) WHERE embargo IS NOT NULL;
    CREATE INDEX item_digests ON item(folder, id, digest, listing) WHERE errors = 0;
    CREATE TABLE item_topic(folder TEXT NOT NULL, topic TEXT NOT NULL);
    CREATE INDEX item_topic_topic ON item_topic(topic, folder);
    CREATE INDEX item_topic_folder ON item_topic(folder);
    CREATE TABLE item_channel(folder TEXT NOT NULL, channel TEXT NOT NULL);
    CREATE INDEX item_channel_channel ON item_channel(channel, folder);
    CREATE INDEX item_channel_folder ON item_channel(folder);
    CREATE TABLE relation(folder TEXT NOT NULL, name TEXT NOT NULL, target TEXT NOT NULL, position INTEGER NOT NULL);
    CREATE INDEX relation_folder ON relation(folder);
    CREATE INDEX relation_target ON relation(target);
    CREATE TABLE translation(folder TEXT NOT NULL, lang TEXT NOT NULL, title TEXT NOT NULL, summary TEXT, status TEXT,
                             translator TEXT, source_hash TEXT, content_hash TEXT NOT NULL, title_key BLOB NOT NULL, text TEXT NOT NULL,
                             PRIMARY KEY(folder, lang));
    CREATE TABLE approved(folder TEXT NOT NULL, name TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY(folder, name)) WITHOUT ROWID;
    CREATE TABLE pending(folder TEXT NOT NULL, lang TEXT NOT NULL, PRIMARY KEY(folder, lang)) WITHOUT ROWID;
    CREATE VIRTUAL TABLE search USING fts5(title, text, content = '', tokenize = 'unicode61 remove_diacritics 0');
    CREATE TABLE search_doc(docid INTEGER PRIMARY KEY, folder TEXT NOT NULL, lang TEXT NOT NULL);
    CREATE INDEX search_doc_folder ON search_doc(folder);
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE record(kind TEXT NOT NULL, id TEXT NOT NULL, hash TEXT NOT NULL, embargo INTEGER, sets TEXT NOT NULL,
                        datestamp INTEGER NOT NULL, link_embargo INTEGER, PRIMARY KEY(id, kind)) WITHOUT ROWID;
    CREATE INDEX record_datestamp ON record(datestamp);
    CREATE INDEX record_embargo ON record(embargo) WHERE embargo IS NOT NULL;
    CREATE TABLE record_link(kind TEXT NOT NULL, id TEXT NOT NULL, target TEXT NOT NULL, PRIMARY KEY(id, kind, target)) WITHOUT ROWID;
    -- Each change of the ledger: its stamp, the one before, the records it touched (NULL: any).
    CREATE TABLE ledger_change(seq INTEGER PRIMARY KEY, stamp TEXT NOT NULL UNIQUE, prev TEXT NOT NULL, records TEXT);
    CREATE TABLE shown(kind TEXT NOT NULL, id TEXT NOT NULL, spec TEXT NOT NULL, since INTEGER NOT NULL, PRIMARY KEY(id, kind, spec)) WITHOUT ROWID;
    """

    /// Notes an item id for the record ledger to look at (`ledger_todo`): every item written,
    /// removed, or whose errors changed. (Triggers on `item` did this at first, and slowed every
    /// write of an item: docs/performance.md.)
    static func ledgerTodo(_ db: Database, folder: String) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO ledger_todo SELECT id FROM item WHERE folder = ?").execute(arguments: [folder])
    }

    static func deleteFolder(_ db: Database, _ folder: String, reader: ItemReader, tokenizer: SearchTokenizer) throws {
        // The full-text table keeps no copy of its text (that would double the index), so its
        // rows are deleted by giving FTS5 the indexed values again, recomputed from the stored text.
        if let loaded = try load(db, folder: folder, reader: reader) {
            for t in loaded.translations {
                guard let docid = try Int64.fetchOne(db, sql: "SELECT docid FROM search_doc WHERE folder = ? AND lang = ?", arguments: [folder, t.language.rawValue]) else { continue }
                let row = SearchRow(t, tokenizer: tokenizer)
                try db.cachedStatement(sql: "INSERT INTO search(search, rowid, title, text) VALUES ('delete', ?, ?, ?)").execute(arguments: [docid, row.title, row.text])
            }
        }
        try ledgerTodo(db, folder: folder)
        for table in ["folder", "file", "item", "item_topic", "item_channel", "relation", "translation", "approved", "pending", "search_doc"] {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE folder = ?").execute(arguments: [folder])
        }
    }

    /// A digest of everything about an item except the bodies of its language files: what pages
    /// other than the item's own show of it (its card, its place in lists, whether it is public).
    /// A body-only edit leaves it unchanged, so a site build re-renders only the item's pages.
    static func listingKey(_ texts: [String: String]) -> String {
        // Hashed as it is read: the texts are not copied (the index makes one key per item).
        var sha = SHA256()
        for name in texts.keys.sorted() {
            sha.update(name.utf8)
            sha.update([0])
            var text = texts[name]!
            text.withUTF8 { t in sha.update(name.hasSuffix(".md") ? UnsafeBufferPointer(rebasing: t[..<frontMatterEnd(t)]) : t) }
            sha.update([0])
        }
        return sha.finalize().hexString
    }

    /// Where the front matter ends: before the newline of the line `---` that closes it (the
    /// whole text when there is none).
    private static func frontMatterEnd(_ t: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        var line = 0
        while i < t.count {
            let end = t[i...].firstIndex(of: 0x0A) ?? t.count
            var l = t[i..<end]
            if l.last == 0x0D { l = l.dropLast() }
            if line > 0, l.elementsEqual("---".utf8) { return end }
            line += 1
            i = end + 1
        }
        return t.count
    }

    /// The languages that pass the gate's per-language checks (approved, titled, alt text), as
    /// `,vi,en,`: with the item-level checks (state, classification, embargo at a given time,
    /// no errors), which are columns, it answers "public at time T?" in SQL alone (OAI-PMH).
    static func publicLanguages(_ loaded: LoadedItem, _ config: RepositoryConfig) -> String {
        guard let (item, translations) = loaded.publicView else { return ",," }
        let verdict = PublicationGate.evaluate(item, translations: translations, errors: 0, languages: config.languageCodes, now: item.created)
        return "," + verdict.languages.filter(\.isPublic).map(\.language.rawValue).joined(separator: ",") + ","
    }

    static func insert(_ db: Database, _ f: IndexedFolder, loaded: LoadedItem) throws {
        let folder = f.folder.path
        let (hashes, rows) = (f.hashes, f.searchRows)
        try db.cachedStatement(sql: "INSERT INTO folder VALUES (?, ?, ?, ?)")
            .execute(arguments: [folder, FileScanner.signature(of: f.files), f.folder.mtime, f.files.keys.sorted().joined(separator: "/")])
        for (name, stamp) in f.files {
            try db.cachedStatement(sql: "INSERT INTO file VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [folder, name, stamp.size, stamp.mtimeNanos, hashes[name] ?? ""])
        }
        let errors = loaded.diagnostics.filter { $0.severity == .error }.count
        let warnings = loaded.diagnostics.count - errors
        let itemYAML = loaded.texts["item.yaml"] ?? ""
        guard let item = loaded.item, let columns = f.columns else {
            try db.cachedStatement(sql: "INSERT INTO item(folder, id, kind, errors, warnings) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [folder, f.folder.id, f.folder.kind.rawValue, max(errors, 1), warnings])
            try ledgerTodo(db, folder: folder)
            return
        }
        // The rules between items add their errors after the sync (`applyCrossItemRules`).
        try db.cachedStatement(sql: """
            INSERT INTO item VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                folder, item.id.rawValue, item.kind.rawValue, item.sourceLanguage.rawValue, item.created.secondsSince1970,
                item.updated.secondsSince1970, item.author, item.state.rawValue, item.classification.rawValue,
                item.embargo?.secondsSince1970, item.published?.secondsSince1970, item.withdrawn?.secondsSince1970,
                item.unit, item.pinned, errors, warnings, item.details.media?.isImage, itemYAML,
                columns.digest, columns.listing, columns.publicLanguages, columns.record?.hash, columns.record?.sets, columns.record?.face,
            ])
        try ledgerTodo(db, folder: folder)
        for t in item.topics { try db.cachedStatement(sql: "INSERT INTO item_topic VALUES (?, ?)").execute(arguments: [folder, t]) }
        for c in item.channels { try db.cachedStatement(sql: "INSERT INTO item_channel VALUES (?, ?)").execute(arguments: [folder, c]) }
        for (i, r) in item.relations.all.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO relation VALUES (?, ?, ?, ?)").execute(arguments: [folder, r.name, r.target.rawValue, i])
        }
        for (i, t) in loaded.translations.enumerated() {
            let text = loaded.texts["\(t.language.rawValue).md"] ?? ""
            try db.cachedStatement(sql: "INSERT INTO translation VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").execute(arguments: [
                folder, t.language.rawValue, t.title, t.summary, t.status?.rawValue, t.translator, t.sourceHash,
                columns.contentHashes[i], columns.titleKeys[i], text,
            ])
        }
        for (name, text) in loaded.texts where ApprovedFiles.isApproved(name) {
            try db.cachedStatement(sql: "INSERT INTO approved VALUES (?, ?, ?)").execute(arguments: [folder, name, text])
        }
        // Edits waiting for approval: the record and source text ("") or a translation.
        for lang in (loaded.itemChangedSinceApproval ? [""] : []) + loaded.translationsChangedSinceApproval.map(\.rawValue) {
            try db.cachedStatement(sql: "INSERT INTO pending VALUES (?, ?)").execute(arguments: [folder, lang])
        }
        try insertSearchRows(db, folder: folder, rows)
    }

    static func insertSearchRows(_ db: Database, folder: String, _ rows: [SearchRow]) throws {
        for r in rows {
            try db.cachedStatement(sql: "INSERT INTO search(title, text) VALUES (?, ?)").execute(arguments: [r.title, r.text])
            try db.cachedStatement(sql: "INSERT INTO search_doc VALUES (?, ?, ?)").execute(arguments: [db.lastInsertedRowID, folder, r.lang])
        }
    }

    static func updateStamps(_ db: Database, _ f: IndexedFolder) throws {
        try db.cachedStatement(sql: "UPDATE folder SET signature = ?, mtime = ?, names = ? WHERE folder = ?")
            .execute(arguments: [FileScanner.signature(of: f.files), f.folder.mtime, f.files.keys.sorted().joined(separator: "/"), f.folder.path])
        for (name, stamp) in f.files {
            try db.cachedStatement(sql: "UPDATE file SET size = ?, mtime = ? WHERE folder = ? AND name = ?")
                .execute(arguments: [stamp.size, stamp.mtimeNanos, f.folder.path, name])
        }
    }

    /// Re-parses an item from the text stored at its last sync.
    static func load(_ db: Database, id: ItemID, reader: ItemReader) throws -> LoadedItem? {
        guard let folder = try String.fetchOne(db, sql: "SELECT folder FROM item WHERE id = ? ORDER BY folder LIMIT 1", arguments: [id.rawValue]) else { return nil }
        return try load(db, folder: folder, reader: reader)
    }

    /// Re-parses the item in `folder` from the text stored at its last sync, exactly as the
    /// sync parsed it from the files.
    static func load(_ db: Database, folder: String, reader: ItemReader) throws -> LoadedItem? {
        guard let row = try Row.fetchOne(db, sql: "SELECT folder, id, kind, errors, item_yaml FROM item WHERE folder = ?", arguments: [folder]),
              var stored = StoredText(row) else { return nil }
        for t in try Row.fetchAll(db, sql: "SELECT lang, text FROM translation WHERE folder = ?", arguments: [folder]) {
            stored.translations.append((LanguageCode(t["lang"]), t["text"]))
        }
        for a in try Row.fetchAll(db, sql: "SELECT name, text FROM approved WHERE folder = ?", arguments: [folder]) {
            stored.approved[a["name"]] = a["text"]
        }
        return stored.parse(reader)
    }

    /// The stored text of the items that `condition` (on table `item`) selects, in (id, folder)
    /// order, at most `limit` of them after `after`, read in two queries; parse them with
    /// `StoredText.parse`, in parallel if many.
    /// `reusing`: items the caller has parsed, with the digest of the files each was parsed from;
    /// when the stored digest is the same, their texts are not read.
    static func storedTexts(_ db: Database, where condition: String, arguments: StatementArguments = [],
                            after: (id: String, folder: String)? = nil, limit: Int? = nil,
                            reusing parsed: ParsedItems = ParsedItems()) throws -> [StoredText] {
        var items: [StoredText] = []
        var position: [String: Int] = [:]
        var sql = "SELECT folder, id, kind, errors, item_yaml, digest FROM item WHERE (\(condition))"
        var args = arguments
        if let after {
            sql += " AND (id, folder) > (?, ?)"
            args += [after.id, after.folder]
        }
        sql += " ORDER BY id, folder"
        if let limit { sql += " LIMIT \(limit)" }
        let rows = try Row.fetchCursor(db, sql: sql, arguments: args)
        while let row = try rows.next() {
            guard var s = StoredText(row) else { continue }
            if let kept = parsed.byFolder[s.folder], kept.digest == row["digest"] {
                s.parsed = kept.loaded
            } else {
                position[s.folder] = items.count
            }
            items.append(s)
        }
        guard !position.isEmpty else { return items }
        let folders = Array(position.keys)
        let texts = try Row.fetchCursor(db, sql: "SELECT folder, lang, text FROM translation WHERE folder IN (\(folders.map { _ in "?" }.joined(separator: ",")))",
                                        arguments: StatementArguments(folders))
        while let t = try texts.next() {
            if let i = position[t[0]] { items[i].translations.append((LanguageCode(t[1]), t[2])) }
        }
        let approved = try Row.fetchCursor(db, sql: "SELECT folder, name, text FROM approved WHERE folder IN (\(folders.map { _ in "?" }.joined(separator: ",")))",
                                           arguments: StatementArguments(folders))
        while let a = try approved.next() {
            if let i = position[a[0]] { items[i].approved[a[1]] = a[2] }
        }
        return items
    }
}

/// An item's files as last synced, not yet parsed.
struct StoredText: Sendable {
    let folder: String
    let id: ItemID
    let kind: ItemKind
    /// Validation errors, its own and those between items: the gate's `errors`.
    let errors: Int
    let itemYAML: String
    var translations: [(LanguageCode, String)] = []
    /// The approved versions' texts by file name (`ApprovedFiles`).
    var approved: [String: String] = [:]
    /// The item as the sync that stored it parsed it (`ParsedItems`): its texts are not read.
    var parsed: LoadedItem?

    init?(_ row: Row) {
        guard let kind = ItemKind(rawValue: row["kind"]), let id = ItemID(row["id"]) else { return nil }
        folder = row["folder"]
        self.id = id
        self.kind = kind
        errors = row["errors"]
        itemYAML = row["item_yaml"] ?? ""
    }

    /// `checked`: the text passed validation when it was indexed (errors = 0), so the costly
    /// checks of the bodies need not run again.
    func parse(_ reader: ItemReader, checked: Bool = false) -> LoadedItem {
        var diagnostics: [Diagnostic] = []
        let item = itemYAML.isEmpty ? nil : reader.parseItem(itemYAML, id: id, kind: kind, file: "\(folder)/item.yaml", diagnostics: &diagnostics)
        var parsed: [Translation] = []
        for (lang, text) in translations {
            if let tr = reader.parseTranslation(text, language: lang, kind: kind, isSource: lang == (item?.sourceLanguage ?? reader.config.sourceLanguage),
                                                file: "\(folder)/\(lang.rawValue).md", checkBody: !checked, diagnostics: &diagnostics) {
                parsed.append(tr)
            }
        }
        let order = reader.config.languageCodes
        parsed.sort { (order.firstIndex(of: $0.language) ?? 99) < (order.firstIndex(of: $1.language) ?? 99) }
        var loaded = LoadedItem(item: item, translations: parsed, folder: folder, diagnostics: diagnostics)
        if !approved.isEmpty { reader.parseApproved(approved, into: &loaded, id: id, kind: kind, checked: checked) }
        return loaded
    }
}
