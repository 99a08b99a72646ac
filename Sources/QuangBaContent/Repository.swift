public import Foundation
public import QuangBaCore
import QuangBaText

/// A QuangBa content repository on disk: `quangba.yaml`, `content/`, `audit/`.
public struct Repository: Sendable {
    public let root: URL
    public let config: RepositoryConfig
    /// Warnings found in quangba.yaml (errors make `open` throw).
    public let configWarnings: [Diagnostic]

    /// The nearest folder at or above `start` that holds quangba.yaml.
    public static func locate(from start: URL) -> URL? {
        var dir = start.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(RepositoryConfig.fileName).path) { return dir }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    public init(root: URL) throws {
        self.root = root.standardizedFileURL
        let file = self.root.appendingPathComponent(RepositoryConfig.fileName)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw QuangBaError(Message("repo.no_config", ["path": self.root.path]))
        }
        let text: String
        switch TextCheck.decode([UInt8](data)) {
        case .success(let t): text = t
        case .failure(.invalidUTF8(let line)):
            throw QuangBaError(Message("text.invalid_utf8"), at: Location(file: RepositoryConfig.fileName, line: line))
        case .failure:
            throw QuangBaError(Message("text.invalid_utf8"), at: Location(file: RepositoryConfig.fileName))
        }
        let (config, diagnostics) = RepositoryConfig.parse(text)
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw QuangBaError(Message("repo.bad_config"), at: Location(file: RepositoryConfig.fileName), diagnostics: diagnostics)
        }
        self.config = config
        self.configWarnings = diagnostics
    }

    public var reader: ItemReader { ItemReader(root: root, config: config) }
    public var contentURL: URL { root.appendingPathComponent("content") }
    public var auditURL: URL { root.appendingPathComponent("audit/log.jsonl") }
    public func folderURL(_ kind: ItemKind, _ id: ItemID) -> URL { contentURL.appendingPathComponent("\(kind.rawValue)/\(id.rawValue)") }

    /// Every item folder under content/, as (kind, folder name), plus what is wrong with the
    /// folders that are not kinds and the kind folders that are links (whose items are not read,
    /// as the index does not read them).
    public func itemFolders() -> (items: [(ItemKind, String)], strays: [Diagnostic]) {
        let fm = FileManager.default
        var items: [(ItemKind, String)] = []
        var strays: [Diagnostic] = []
        for name in ((try? fm.contentsOfDirectory(atPath: contentURL.path)) ?? []).sorted() where !name.hasPrefix(".") {
            let path = "content/\(name)"
            guard let kind = ItemKind(rawValue: name) else {
                strays.append(Diagnostic(.error, Location(file: path), Message("repo.unknown_kind_folder", ["known": ItemKind.allCases.map(\.rawValue).joined(separator: ", ")])))
                continue
            }
            switch openFolder(contentURL.appendingPathComponent(name).path) {
            case .success(let fd): close(fd)
            case .failure(let refusal):
                strays.append(Diagnostic(.error, Location(file: path), refusal.folderMessage(path)))
                continue
            }
            for id in ((try? fm.contentsOfDirectory(atPath: contentURL.appendingPathComponent(name).path)) ?? []).sorted() where !id.hasPrefix(".") {
                items.append((kind, id))
            }
        }
        return (items, strays)
    }

    /// Finds an item's kind by its id (ids are unique across kinds).
    public func kind(of id: ItemID) -> ItemKind? {
        ItemKind.allCases.first { FileManager.default.fileExists(atPath: folderURL($0, id).appendingPathComponent("item.yaml").path) }
    }

    public func load(_ id: ItemID) throws -> LoadedItem {
        guard let kind = kind(of: id) else { throw QuangBaError(Message("item.not_found", ["id": id.rawValue]), at: Location(item: id)) }
        return reader.read(kind: kind, id: id.rawValue)
    }

    /// Reads every item, in parallel on all cores.
    public func loadAll() -> [LoadedItem] {
        let folders = itemFolders().items
        let reader = self.reader
        return parallelMap(folders.count) { i in reader.read(kind: folders[i].0, id: folders[i].1) }
    }

    /// A new, unused id from a source-language title.
    public func newID(title: String) -> ItemID {
        var base = Slug.make(title)
        if base.isEmpty { base = "item" }
        var candidate = base
        var n = 2
        while ItemID(candidate).map(isTaken) ?? true {
            let suffix = "-\(n)"
            candidate = String(base.prefix(ItemID.maxLength - suffix.count)).trimmingCharacters(in: CharacterSet(charactersIn: "-")) + suffix
            n += 1
        }
        return ItemID(candidate)!
    }

    /// An id is taken when a folder of that name exists under any kind, even one still incomplete.
    private func isTaken(_ id: ItemID) -> Bool {
        ItemKind.allCases.contains { FileManager.default.fileExists(atPath: folderURL($0, id).path) }
    }

    /// Writes an item and the given language versions after checking the exact text that will
    /// be written; nothing is written when any of it has an error. `audit`: the entries of this
    /// change, appended with it or not at all (`ContentChange`); `approved`: approved versions
    /// written with it (an approval), by language (nil for the record) — the record's is made
    /// from `item`, a language's from the translation saved with it.
    public func save(_ item: Item, translations: [Translation], storedFile: (name: String, bytes: [UInt8])? = nil,
                     audit: [AuditEntry] = [], approving: Approving = .none) throws {
        try write(item, translations: translations, files: try checkedFiles(item, translations: translations), storedFile: storedFile,
                  audit: audit, approving: approving)
    }

    /// What approved versions a save writes.
    public enum Approving: Sendable {
        case none
        /// The item's record and its source text, as saved (an item approval).
        case item(source: Translation)
        /// These languages of the translations saved.
        case translations([LanguageCode])
    }

    /// Writes files that `checkedFiles` has just made and checked for this item.
    func write(_ item: Item, translations: [Translation], files: [(path: String, text: String)], storedFile: (name: String, bytes: [UInt8])? = nil,
               audit: [AuditEntry] = [], approving: Approving = .none) throws {
        let folder = "content/\(item.kind.rawValue)/\(item.id.rawValue)"
        var change = ContentChange(root: root)
        if access(root.appendingPathComponent(folder).path, F_OK) != 0 {
            // A new item appears whole or not at all: its files go into place as one folder.
            var all = files.map { (name: String($0.path.split(separator: "/").last!), bytes: Array($0.text.utf8)) }
            if let f = storedFile { all.append((f.name, f.bytes)) }
            try change.stageFolder(all, at: folder)
        } else {
            // The source versions translations were made from are kept before anything else is
            // written, so a source that this save replaces is not lost (docs/content-format.md).
            let history = SourceHistory(self)
            try history.record(item, saving: translations)
            do {
                if let f = storedFile { try change.stage(f.bytes, at: "\(folder)/\(f.name)") }
                for (name, text) in approvedVersions(item, translations: translations, files: files, approving: approving) {
                    try change.stage(Array(text.utf8), at: "\(folder)/\(name)")
                }
                // The language files first and item.yaml last: a reader never sees an item.yaml whose
                // language files are still missing.
                for (path, text) in files.dropFirst() + files.prefix(1) { try change.stage(Array(text.utf8), at: path) }
            } catch {
                change.discard()
                throw error
            }
            try change.commit(audit: audit, auditURL: auditURL)
            history.prune(item.kind, item.id, saved: translations)
            return
        }
        try change.commit(audit: audit, auditURL: auditURL)
    }

    /// The approved versions a save writes: those of an approval, and the working files of an
    /// item approved before approved versions were kept, which are what was approved and must
    /// stay public while this save's edit waits for approval.
    private func approvedVersions(_ item: Item, translations: [Translation], files: [(path: String, text: String)],
                                  approving: Approving) -> [(name: String, text: String)] {
        var out: [String: String] = [:]
        let current = reader.read(kind: item.kind, id: item.id.rawValue)
        if let cur = current.item {
            if [.approved, .published, .withdrawn].contains(cur.state), current.approved.item == nil {
                out[ApprovedFiles.item] = current.texts["item.yaml"]
                out[ApprovedFiles.name(of: cur.sourceLanguage)] = current.texts["\(cur.sourceLanguage.rawValue).md"]
            }
            for t in translations where t.language != cur.sourceLanguage && current.approved.translations[t.language] == nil {
                if current.translation(t.language)?.status == .approved { out[ApprovedFiles.name(of: t.language)] = current.texts["\(t.language.rawValue).md"] }
            }
        }
        let byPath = Dictionary(files.map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a })
        let folder = "content/\(item.kind.rawValue)/\(item.id.rawValue)"
        switch approving {
        case .none: break
        case .item(let source):
            out[ApprovedFiles.item] = byPath["\(folder)/item.yaml"]
            out[ApprovedFiles.name(of: item.sourceLanguage)] = byPath["\(folder)/\(item.sourceLanguage.rawValue).md"]
                ?? ItemWriter.translationFile(source, kind: item.kind, isSource: true)
        case .translations(let langs):
            for l in langs { out[ApprovedFiles.name(of: l)] = byPath["\(folder)/\(l.rawValue).md"] }
        }
        return out.compactMapValues { $0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The files `save` would write (repository-relative path, text), after checking the exact
    /// text of each; throws with every error found.
    public func checkedFiles(_ item: Item, translations: [Translation]) throws -> [(path: String, text: String)] {
        let folder = "content/\(item.kind.rawValue)/\(item.id.rawValue)"
        var files: [(path: String, text: String)] = [("\(folder)/item.yaml", ItemWriter.itemYAML(item))]
        for t in translations {
            files.append(("\(folder)/\(t.language.rawValue).md", ItemWriter.translationFile(t, kind: item.kind, isSource: t.language == item.sourceLanguage)))
        }
        var diagnostics: [Diagnostic] = []
        _ = reader.parseItem(files[0].1, id: item.id, kind: item.kind, file: files[0].0, diagnostics: &diagnostics)
        for (t, (path, text)) in zip(translations, files.dropFirst()) {
            guard config.isConfigured(t.language) else {
                diagnostics.append(Diagnostic(.error, Location(file: path), Message("item.unconfigured_language", ["lang": t.language.rawValue, "known": config.languageCodes.map(\.rawValue).joined(separator: ", ")])))
                continue
            }
            _ = reader.parseTranslation(text, language: t.language, kind: item.kind, isSource: t.language == item.sourceLanguage, file: path, diagnostics: &diagnostics)
        }
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw QuangBaError(Message("item.refused"), at: Location(item: item.id), diagnostics: errors)
        }
        return files
    }

    public func auditEntries() throws -> [AuditEntry] {
        guard let data = FileManager.default.contents(atPath: auditURL.path) else { return [] }
        return try AuditLog.decode(String(decoding: data, as: UTF8.self), file: "audit/log.jsonl")
    }

    /// A new repository with a valid configuration and empty content/ and audit/ folders; with
    /// `share` (`ToolShare`), also the tool's site templates and the UI strings of the configured
    /// languages, so that it builds at once; with `fromSample`, a copy of the sample repository
    /// in `share` instead. `dir` must be missing or empty: nothing already there is touched. The
    /// repository is made in a folder beside `dir` and renamed into place, so a killed `init`
    /// leaves no half-made repository at `dir`.
    public static func initialize(at dir: URL, provinceName: String, share: URL? = nil, fromSample: Bool = false) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: dir.appendingPathComponent(RepositoryConfig.fileName).path) {
            throw QuangBaError(Message("repo.exists", ["path": dir.path]))
        }
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: dir.path, isDirectory: &isDir)
        if exists {
            let entries = isDir.boolValue ? ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() : [dir.lastPathComponent]
            if !entries.isEmpty {
                throw QuangBaError(Message("init.not_empty", ["path": dir.path, "entries": entries.prefix(5).joined(separator: ", ") + (entries.count > 5 ? ", …" : "")]))
            }
        }
        try fm.createDirectory(at: dir.deletingLastPathComponent(), withIntermediateDirectories: true)
        let staging = dir.deletingLastPathComponent().appendingPathComponent(".\(dir.lastPathComponent).quangba-init-\(UUID().uuidString.prefix(8))")
        defer { try? fm.removeItem(at: staging) }
        try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        if fromSample, let share {
            guard fm.fileExists(atPath: share.appendingPathComponent(RepositoryConfig.fileName).path) else {
                throw QuangBaError(Message("init.no_sample", ["path": share.path]))
            }
            for part in sampleParts where fm.fileExists(atPath: share.appendingPathComponent(part).path) {
                try fm.copyItem(at: share.appendingPathComponent(part), to: staging.appendingPathComponent(part))
            }
            try fm.createDirectory(at: staging.appendingPathComponent("audit"), withIntermediateDirectories: true)
            if !fm.fileExists(atPath: staging.appendingPathComponent("audit/log.jsonl").path) {
                try AtomicFile.write("", to: staging.appendingPathComponent("audit/log.jsonl"))
            }
        } else {
            let config = RepositoryTemplate.config(provinceName: provinceName)
            try fm.createDirectory(at: staging.appendingPathComponent("content"), withIntermediateDirectories: true)
            try fm.createDirectory(at: staging.appendingPathComponent("audit"), withIntermediateDirectories: true)
            try AtomicFile.write(config, to: staging.appendingPathComponent(RepositoryConfig.fileName))
            try AtomicFile.write("", to: staging.appendingPathComponent("audit/log.jsonl"))
            // Git keeps no empty folder: a clone must still have content/ to be a repository.
            try AtomicFile.write("", to: staging.appendingPathComponent("content/.gitkeep"))
            if let share {
                try fm.copyItem(at: share.appendingPathComponent("site-templates"), to: staging.appendingPathComponent("site-templates"))
                try fm.createDirectory(at: staging.appendingPathComponent("locales"), withIntermediateDirectories: true)
                for lang in RepositoryConfig.parse(config).0.languageCodes {
                    let file = "locales/\(lang.rawValue).yaml"
                    if fm.fileExists(atPath: share.appendingPathComponent(file).path) {
                        try fm.copyItem(at: share.appendingPathComponent(file), to: staging.appendingPathComponent(file))
                    }
                }
            }
        }
        try AtomicFile.write(".quangba/\n_site/\n", to: staging.appendingPathComponent(".gitignore"))
        try AtomicFile.write(gitAttributes, to: staging.appendingPathComponent(".gitattributes"))
        if exists { try fm.removeItem(at: dir) }   // empty, checked above
        try fm.moveItem(at: staging, to: dir)
    }

    /// What `init --from-sample` copies of the sample (the package root): the repository, not
    /// the tool's sources, tests, docs or build products.
    static let sampleParts = [RepositoryConfig.fileName, "content", "audit", "locales", "site-templates"]

    /// The record ledger's facts file is only ever appended to, by every clone: git merges it
    /// by keeping the lines of both sides (docs/harvesting.md, *Datestamps and deletions*).
    /// The audit log is append-only JSON lines too: two editors' entries are both kept.
    public static let gitAttributes = "audit/disseminated.tsv merge=union\naudit/log.jsonl merge=union\n"
}
