import Foundation
import QuangBaCore

/// A change of content files together with its audit entries: after a crash, a kill or a
/// failed write, either all of it happened or none of it (DESIGN.md invariant 6).
///
/// 1. Every new file is written in full beside its target under a hidden name
///    (`.<name>.txn-<token>`, or a hidden folder `.new-<id>.txn-<token>` for a new item), which
///    every reader ignores.
/// 2. A journal, `audit/.txn-<token>.json`, lists the audit lines and the renames.
/// 3. The audit lines are appended to `audit/log.jsonl`: this is the moment the change happens.
///    If the log cannot be written, the hidden files go and nothing has changed.
/// 4. The hidden files are renamed into place (the approved versions and language files
///    before `item.yaml`), then the journal is deleted.
///
/// A command killed before step 3 leaves only hidden files; after it, a journal whose lines
/// are in the log. `Repository.recover()` (run by every writing command under the repository
/// lock, and by `quangba repair`) finishes the second and removes the first.
struct ContentChange {
    struct Journal: Codable {
        var audit: [String]
        /// Repository-relative (temporary, final) paths, renamed in this order.
        var renames: [[String]]
    }

    let root: URL
    let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
    private(set) var renames: [(temp: String, final: String)] = []
    private var written: [String] = []

    init(root: URL) { self.root = root }

    static let journalPrefix = ".txn-"
    static var auditFolder: String { "audit" }

    /// Writes `bytes` under a hidden name beside `path` (repository-relative).
    mutating func stage(_ bytes: [UInt8], at path: String) throws {
        let url = root.appendingPathComponent(path)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).txn-\(token)")
        try AtomicFile.writeNew(bytes, to: temp)
        written.append(temp.path)
        renames.append((relative(temp), path))
    }

    /// A new item: its files are written into a hidden folder that is renamed into place.
    mutating func stageFolder(_ files: [(name: String, bytes: [UInt8])], at folder: String) throws {
        let url = root.appendingPathComponent(folder)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".new-\(url.lastPathComponent).txn-\(token)")
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
        written.append(temp.path)
        for f in files { try AtomicFile.writeNew(f.bytes, to: temp.appendingPathComponent(f.name)) }
        AtomicFile.syncFolder(temp.path)
        renames.append((relative(temp), folder))
    }

    /// Steps 2 to 4. `beforeCommit`: tests stop here to play a crash.
    func commit(audit: [AuditEntry], auditURL: URL) throws {
        let lines = audit.map(AuditLog.encode)
        let journalURL = root.appendingPathComponent("\(Self.auditFolder)/\(Self.journalPrefix)\(token).json")
        do {
            let journal = Journal(audit: lines, renames: renames.map { [$0.temp, $0.final] })
            try AtomicFile.write([UInt8](try JSONEncoder().encode(journal)), to: journalURL)
            if !lines.isEmpty { try AtomicFile.appendLine(lines.joined(separator: "\n"), to: auditURL) }
        } catch {
            discard()
            try? FileManager.default.removeItem(at: journalURL)
            throw error
        }
        try Self.finish(Journal(audit: lines, renames: renames.map { [$0.temp, $0.final] }), root: root)
        try FileManager.default.removeItem(at: journalURL)
    }

    /// Removes what was staged (a change that did not happen).
    func discard() {
        for path in written { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Step 4: renames what is still staged. A folder goes into place only if no folder of that
    /// name exists yet (a new item is never put over another).
    static func finish(_ j: Journal, root: URL) throws {
        var folders = Set<String>()
        for pair in j.renames where pair.count == 2 {
            let temp = root.appendingPathComponent(pair[0]).path, final = root.appendingPathComponent(pair[1]).path
            guard access(temp, F_OK) == 0 else { continue }
            guard rename(temp, final) == 0 else { throw AtomicFile.ioError("io.write_failed", URL(fileURLWithPath: final), errno) }
            folders.insert((final as NSString).deletingLastPathComponent)
        }
        for f in folders { AtomicFile.syncFolder(f) }
    }

    private func relative(_ url: URL) -> String {
        String(url.path.dropFirst(root.path.count + 1))
    }
}

extension Repository {
    /// Finishes the changes whose audit entries were written before a command was killed and
    /// removes the staged files of those that never happened. Run under the repository lock.
    /// Returns how many changes it finished and how many it removed.
    @discardableResult
    public func recover() throws -> (finished: Int, removed: Int) {
        let dir = root.appendingPathComponent(ContentChange.auditFolder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasPrefix(ContentChange.journalPrefix) && $0.hasSuffix(".json") }
        guard !names.isEmpty else { return (0, 0) }
        let log = auditTail()
        var finished = 0, removed = 0
        for name in names.sorted() {
            let url = dir.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path),
                  let journal = try? JSONDecoder().decode(ContentChange.Journal.self, from: data) else {
                // Killed while the journal itself was written: nothing was committed.
                try? FileManager.default.removeItem(at: url)
                continue
            }
            if journal.audit.allSatisfy({ log.contains($0) }) {
                try ContentChange.finish(journal, root: root)
                finished += 1
            } else {
                for pair in journal.renames where pair.count == 2 {
                    try? FileManager.default.removeItem(at: root.appendingPathComponent(pair[0]))
                }
                removed += 1
            }
            try FileManager.default.removeItem(at: url)
        }
        return (finished, removed)
    }

    /// The last lines of the audit log, where the entries of an interrupted change are.
    private func auditTail() -> Set<String> {
        guard let h = FileHandle(forReadingAtPath: auditURL.path) else { return [] }
        defer { try? h.close() }
        let size = (try? h.seekToEnd()) ?? 0
        let start = size > 4 << 20 ? size - (4 << 20) : 0
        try? h.seek(toOffset: start)
        let data = (try? h.readToEnd()) ?? Data()
        return Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
    }

    /// Hidden files and folders that killed commands left in content/ (staged files with no
    /// journal, temporary files of atomic writes, unfinished new items), repository-relative.
    /// Every reader ignores them; `quangba repair` removes them.
    public func leftovers() -> [String] {
        let fm = FileManager.default
        var out: [String] = []
        func isLeftover(_ name: String) -> Bool { name.hasPrefix(".") && (name.contains(".txn-") || name.contains(".tmp-")) }
        for kind in ItemKind.allCases {
            let kindPath = contentURL.appendingPathComponent(kind.rawValue).path
            for name in ((try? fm.contentsOfDirectory(atPath: kindPath)) ?? []).sorted() {
                if isLeftover(name) { out.append("content/\(kind.rawValue)/\(name)"); continue }
                guard !name.hasPrefix(".") else { continue }
                for file in ((try? fm.contentsOfDirectory(atPath: "\(kindPath)/\(name)")) ?? []).sorted() where isLeftover(file) {
                    out.append("content/\(kind.rawValue)/\(name)/\(file)")
                }
            }
        }
        return out
    }

    /// `quangba repair`: finishes or undoes interrupted changes, then removes the leftovers.
    public func repair() throws -> (finished: Int, removed: [String]) {
        let (finished, _) = try recover()
        let left = leftovers()
        for path in left { try FileManager.default.removeItem(at: root.appendingPathComponent(path)) }
        return (finished, left)
    }
}
