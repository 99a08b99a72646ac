import Foundation
public import QuangBaCore
import QuangBaText

/// Which source text each translation was made from. A translation records only the hash of
/// its source (`source_hash`); to show what changed since (`quangba diff`, the changed fields in
/// `quangba status`) the old source itself is needed. So whenever a translation stamped with the
/// current source is saved, a copy of that source is kept in the item folder at
/// `.translated-from/<hex of the hash>.md` (committed with the content, ignored by every reader
/// of content), and copies no translation refers to any more are removed. Translations stamped
/// before this existed are looked up in the git history of the source file.
public struct SourceHistory: Sendable {
    public static let folderName = ".translated-from"
    public let repository: Repository

    public init(_ repository: Repository) { self.repository = repository }

    /// Where an old source version was found.
    public enum Origin: Hashable, Sendable {
        /// A copy in `.translated-from/` (the path relative to the repository root).
        case snapshot(file: String)
        /// The source file as it was in this git commit.
        case git(commit: String)
    }

    public struct Version: Sendable {
        public var source: Translation
        public var origin: Origin
    }

    /// `content/<kind>/<id>/.translated-from`, relative to the repository root.
    public static func folder(_ kind: ItemKind, _ id: ItemID) -> String {
        "content/\(kind.rawValue)/\(id.rawValue)/\(folderName)"
    }

    /// The copy's file name for a `sha256:<hex>` hash; nil for anything else.
    static func fileName(_ hash: String) -> String? {
        guard let hex = hex(of: hash) else { return nil }
        return "\(hex).md"
    }

    /// The 64 lower-case hex digits of a `sha256:` hash.
    static func hex(of hash: String) -> String? {
        guard hash.hasPrefix("sha256:") else { return nil }
        let hex = String(hash.dropFirst(7))
        return hex.count == 64 && hex.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) ? hex : nil
    }

    // MARK: Recording (called by Repository.save, before the item's files are written)

    /// Keeps copies of the source versions translations refer to: the source on disk when this
    /// save replaces it (a translation may have been made from it), and the current source when
    /// a translation being saved is stamped with it. Only copies that do not exist yet are written.
    func record(_ item: Item, saving translations: [Translation]) throws {
        let folder = "content/\(item.kind.rawValue)/\(item.id.rawValue)"
        let onDisk = source(atPath: "\(folder)/\(item.sourceLanguage.rawValue).md", item)
        let incoming = translations.first { $0.language == item.sourceLanguage }
        // Only a save that replaces the source needs to know what the language files refer to.
        if let old = onDisk, incoming != nil,
           referencedHashes(in: folder).union(translations.compactMap(\.sourceHash)).contains(old.contentHash(kind: item.kind)) {
            try keep(old, item)
        }
        guard let current = incoming ?? onDisk else { return }
        let hash = current.contentHash(kind: item.kind)
        if translations.contains(where: { $0.language != item.sourceLanguage && $0.sourceHash == hash }) {
            try keep(current, item)
        }
    }

    /// Removes copies that no translation in the item folder refers to (after a save). Best
    /// effort: a copy left behind is harmless and goes at the next save.
    func prune(_ kind: ItemKind, _ id: ItemID, saved translations: [Translation] = []) {
        let folder = "content/\(kind.rawValue)/\(id.rawValue)"
        let dir = repository.root.appendingPathComponent(Self.folder(kind, id))
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return }
        // Nothing to remove when every copy is one the translations just saved refer to.
        let justSaved = Set(translations.compactMap { $0.sourceHash.flatMap(Self.fileName) })
        if names.allSatisfy(justSaved.contains) { return }
        guard let keep = referencedHexes(in: folder) else { return }
        for name in names where name.hasSuffix(".md") {
            let hex = String(name.dropLast(3))
            if Self.hex(of: "sha256:" + hex) != nil, !keep.contains(hex) { try? FileManager.default.removeItem(at: dir.appendingPathComponent(name)) }
        }
        if (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.isEmpty == true {
            try? FileManager.default.removeItem(at: dir)
        }
    }

    private func keep(_ source: Translation, _ item: Item) throws {
        guard let name = Self.fileName(source.contentHash(kind: item.kind)) else { return }
        let url = repository.root.appendingPathComponent("\(Self.folder(item.kind, item.id))/\(name)")
        guard !FileManager.default.fileExists(atPath: url.path) else { return }
        try AtomicFile.write(ItemWriter.translationFile(source, kind: item.kind, isSource: true), to: url)
    }

    /// The `source_hash` values written in the item's language files (`sha256:<hex>`).
    private func referencedHashes(in folder: String) -> Set<String> {
        Set((referencedHexes(in: folder) ?? []).map { "sha256:" + $0 })
    }

    /// The hex digits of every `source_hash:` line in the item's language files, read as text so
    /// that a file with other errors still protects the copy it refers to; nil when a language
    /// file cannot be read (then nothing is pruned).
    private func referencedHexes(in folder: String) -> Set<String>? {
        let dir = repository.root.appendingPathComponent(folder)
        var out = Set<String>()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasSuffix(".md") && !name.hasPrefix(".") {
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) else { return nil }
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("source_hash:") {
                let value = line.dropFirst("source_hash:".count).trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\"'"))
                if let hex = Self.hex(of: value) { out.insert(hex) }
            }
        }
        return out
    }

    // MARK: Looking up

    /// The source version with this hash: the copy in `.translated-from/`, else the source file
    /// in git history. Nil when neither has it. Throws only when git is needed but missing.
    public func version(of item: Item, hash: String) throws -> Version? {
        if let v = snapshot(item, hash: hash) { return v }
        return try fromGit(item, hash: hash)
    }

    /// The copy named after the hash, accepted only when its text really has that hash.
    private func snapshot(_ item: Item, hash: String) -> Version? {
        guard let name = Self.fileName(hash) else { return nil }
        let path = "\(Self.folder(item.kind, item.id))/\(name)"
        guard let t = source(atPath: path, item), t.contentHash(kind: item.kind) == hash else { return nil }
        return Version(source: t, origin: .snapshot(file: path))
    }

    /// Walks the commits that touched the source file, newest first, for the version with this hash.
    private func fromGit(_ item: Item, hash: String) throws -> Version? {
        let path = "content/\(item.kind.rawValue)/\(item.id.rawValue)/\(item.sourceLanguage.rawValue).md"
        let git = GitFileHistory(root: repository.root)
        for commit in try git.commits(touching: path) {
            guard let text = try git.text(of: path, at: commit), let t = parseSource(text, path, item) else { continue }
            if t.contentHash(kind: item.kind) == hash { return Version(source: t, origin: .git(commit: commit)) }
        }
        return nil
    }

    /// A source-language file (or a copy of one) parsed as the reader does; nil if absent or broken.
    private func source(atPath path: String, _ item: Item) -> Translation? {
        var diagnostics: [Diagnostic] = []
        guard let text = repository.reader.readText(path, into: &diagnostics) else { return nil }
        return parseSource(text, path, item)
    }

    private func parseSource(_ text: String, _ path: String, _ item: Item) -> Translation? {
        var diagnostics: [Diagnostic] = []
        let t = repository.reader.parseTranslation(text, language: item.sourceLanguage, kind: item.kind, isSource: true,
                                                   file: path, diagnostics: &diagnostics)
        return diagnostics.contains { $0.severity == .error } ? nil : t
    }

    /// Warnings for `validate`: copies whose text does not have the hash their name says (they
    /// are ignored), and files in `.translated-from/` that are not copies.
    public func problems(_ item: Item) -> [Diagnostic] {
        let folder = Self.folder(item.kind, item.id)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: repository.root.appendingPathComponent(folder).path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.compactMap { name in
            let path = "\(folder)/\(name)"
            guard name.hasSuffix(".md"), Self.hex(of: "sha256:" + name.dropLast(3)) != nil else {
                return Diagnostic(.warning, Location(file: path), Message("history.unexpected_file"))
            }
            let hash = "sha256:" + name.dropLast(3)
            let actual = source(atPath: path, item)?.contentHash(kind: item.kind)
            return actual == hash ? nil : Diagnostic(.warning, Location(file: path), Message("history.bad_snapshot", ["actual": actual ?? "?"]))
        }
    }
}

/// The versions of one file in the git history of the work tree that holds the repository,
/// read with the `git` command.
struct GitFileHistory {
    let root: URL

    /// Whether the repository is inside a git work tree (a `.git` here or in a folder above).
    var isWorkTree: Bool {
        var dir = root.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(".git").path) { return true }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return false }
            dir = parent
        }
    }

    /// Commits that changed the file, newest first; none outside a git work tree.
    func commits(touching path: String) throws -> [String] {
        guard isWorkTree, let out = try run(["log", "--format=%H", "--", path]) else { return [] }
        return String(decoding: out, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The file's text in a commit; nil if it was not there or is not valid text.
    func text(of path: String, at commit: String) throws -> String? {
        guard let out = try run(["show", "\(commit):./\(path)"]), case .success(let text) = TextCheck.decode([UInt8](out)) else { return nil }
        return text
    }

    /// Runs git in the repository root; nil when git fails (not a repository, unknown path).
    private func run(_ args: [String]) throws -> Data? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", root.path] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { throw gitMissing() }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        if p.terminationStatus == 127 { throw gitMissing() }
        return p.terminationStatus == 0 ? data : nil
    }

    private func gitMissing() -> QuangBaError {
        QuangBaError(Message("history.git_missing", ["path": root.path]))
    }
}

/// Where a translation stands against its item's source text, field by field.
public enum Staleness: Sendable {
    /// Made from the source as it is now.
    case current
    /// Made from an older source; `fields` changed since (canonical order, then `body`).
    case changed(from: SourceHistory.Version, fields: [String])
    /// It has no `source_hash`: what it was made from is unknown.
    case notStamped
    /// Its `source_hash` names a version found neither in `.translated-from/` nor in git.
    case historyNotFound
}

extension SourceHistory {
    /// Compares the source a translation was made from with the current source.
    public func staleness(of translation: Translation, source: Translation, item: Item) throws -> Staleness {
        guard let hash = translation.sourceHash else { return .notStamped }
        if hash == source.contentHash(kind: item.kind) { return .current }
        guard let old = try version(of: item, hash: hash) else { return .historyNotFound }
        return .changed(from: old, fields: source.changedFields(since: old.source, kind: item.kind))
    }
}
