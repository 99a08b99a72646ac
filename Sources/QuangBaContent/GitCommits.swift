public import Foundation
public import QuangBaCore

/// One git commit per change a command makes (`git:` in quangba.yaml). Invariant: only the
/// paths the command changed are committed; an editor's other uncommitted files stay as they
/// were, uncommitted. A path the editor had already changed and the command changed again is
/// committed whole (git cannot take half a file apart).
public struct ChangeRecorder: Sendable {
    public let git: Git
    /// Paths already differing from HEAD before the command, with a digest of their content.
    private let before: [String: String]
    private let auditLinesBefore: Int

    /// Nil when nothing is to be recorded: commits are off, git is missing, or the repository
    /// is not the top of a git work tree.
    public init?(_ repo: Repository) {
        guard repo.config.git.commit else { return nil }
        let git = Git(root: repo.root)
        guard git.isWorkTree, let paths = try? git.changedPaths() else { return nil }
        self.git = git
        before = Dictionary(paths.map { ($0, Self.digest(repo.root, $0)) }, uniquingKeysWith: { a, _ in a })
        auditLinesBefore = Self.auditLines(repo.root).count
    }

    /// What the command did, for its commit message.
    public struct Change: Sendable {
        public var paths: [String]
        /// Item ids whose folders changed, in path order.
        public var items: [String]
        /// Audit log entries the command appended.
        public var audit: [AuditEntry]
    }

    /// The paths changed since `init`, the items they belong to and the audit entries added.
    public func change(_ repo: Repository) throws -> Change {
        let now = try git.changedPaths()
        let paths = now.filter { before[$0] == nil || before[$0] != Self.digest(repo.root, $0) }.sorted()
        var items: [String] = []
        for p in paths {
            let parts = p.split(separator: "/")
            if parts.count >= 3, parts[0] == "content", !items.contains(String(parts[2])) { items.append(String(parts[2])) }
        }
        let lines = Self.auditLines(repo.root)
        let added = lines.count > auditLinesBefore ? lines[auditLinesBefore...].joined(separator: "\n") : ""
        let audit = (try? AuditLog.decode(added, file: "audit/log.jsonl")) ?? []
        for e in audit where !items.contains(e.item.rawValue) { items.append(e.item.rawValue) }
        return Change(paths: paths, items: items, audit: audit)
    }

    /// Commits the change as `person` with `message`; nil when the command changed nothing.
    @discardableResult
    public func commit(_ change: Change, message: String, by person: String) throws -> String? {
        try git.acting(as: person).commit(paths: change.paths, message: message)
    }

    private static func digest(_ root: URL, _ path: String) -> String {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else { return "-" }
        return SHA256.hex(data)
    }

    private static func auditLines(_ root: URL) -> [String] {
        let text = (try? String(contentsOf: root.appendingPathComponent("audit/log.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }
}

/// Fills a commit message template: `{by}`, `{command}`, `{what}`, `{items}` (spaces between ids).
public enum CommitMessage {
    public static func fill(_ template: String, by: String, command: String, what: String, items: [String]) -> String {
        let shown = items.count > 5 ? items.prefix(5).joined(separator: " ") + " …(+\(items.count - 5))" : items.joined(separator: " ")
        return Message.fill(template, ["by": by, "command": command, "what": what, "items": shown])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
