public import Foundation
import QuangBaCore

/// `quangba sync`: commit what is pending, bring in the shared repository's changes, send ours.
///
/// Invariant: the repository is never left mid-merge, and never holds conflict markers. Git's
/// merge (not rebase) is used: each editor's commits stay as they were made, with their authors
/// and messages, and conflicts come up once, not once per replayed commit. The audit log and the
/// record ledger merge by themselves (`merge=union`, `.gitattributes`); two editors' changes to
/// different items, or to different files of one item, merge cleanly. When one file was changed
/// on both sides, the merge is undone (`git merge --abort`): both versions stay in git (ours in
/// the branch, theirs in the remote's branch) and the editor chooses, per item, with `keep`.
public struct GitSync {
    public enum Side: String, CaseIterable, Sendable { case mine, theirs }

    /// What a sync did.
    public struct Report: Sendable {
        /// Whether changes not yet committed were committed first.
        public var committedPending = false
        /// Commits brought in from the shared repository, and sent to it.
        public var pulled = 0
        public var pushed = 0
        public var remote = ""
        /// Files resolved by `keep` (path, side kept).
        public var kept: [(path: String, side: Side)] = []
    }

    public let git: Git
    /// Who commits: the pending changes' and a merge's author.
    public let person: String
    /// Messages of the commits a sync makes, in the repository's language (the caller's choice).
    public let pendingMessage: String
    public let mergeMessage: String

    public init(root: URL, person: String, pendingMessage: String, mergeMessage: String) {
        git = Git(root: root).acting(as: person)
        self.person = person
        self.pendingMessage = pendingMessage
        self.mergeMessage = mergeMessage
    }

    /// Syncs; `keep` settles, for the items (ids) or paths named, a conflict of the previous sync.
    public func run(keep: (side: Side, items: [String])? = nil) throws -> Report {
        guard Git.isInstalled else { throw QuangBaError(Message("sync.git_missing")) }
        guard git.isWorkTree else { throw QuangBaError(Message("sync.not_git", ["path": git.root.path])) }
        // A merge this tool started and was killed in is undone: both sides are still in git.
        if FileManager.default.fileExists(atPath: marker.path) {
            _ = try? git.run(["merge", "--abort"])
            try? FileManager.default.removeItem(at: marker)
        }
        if try git.run(["rev-parse", "-q", "--verify", "MERGE_HEAD"]).ok || inRebase() {
            throw QuangBaError(Message("sync.mid_merge", ["path": git.root.path]))
        }
        guard let branch = try? git.check(["symbolic-ref", "--short", "-q", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines), !branch.isEmpty else {
            throw QuangBaError(Message("sync.detached"))
        }
        var report = Report()
        try Self.unionMerges(git.root)
        let pending = try git.changedPaths()
        if !pending.isEmpty {
            report.committedPending = try git.commit(paths: pending, message: pendingMessage) != nil
        }
        let remote = try remoteName()
        report.remote = remote
        for attempt in 1...3 {
            let fetched = try git.run(["fetch", "--quiet", remote])
            guard fetched.ok else {
                throw QuangBaError(Message("sync.fetch_failed", ["remote": remote, "said": GitFailure(command: "fetch", said: fetched.err).lastLine]))
            }
            let upstream = "refs/remotes/\(remote)/\(branch)"
            let theirs = try? git.check(["rev-parse", "-q", "--verify", upstream]).trimmingCharacters(in: .whitespacesAndNewlines)
            if let theirs {
                report.pulled += count("HEAD..\(theirs)")
                if try !git.run(["merge-base", "--is-ancestor", theirs, "HEAD"]).ok {
                    try merge(theirs, keep: keep, report: &report)
                }
            }
            report.pushed = theirs.map { count("\($0)..HEAD") } ?? count("HEAD")
            if report.pushed == 0 { return report }
            let pushed = try git.run(["push", "--quiet"] + (theirs == nil ? ["-u"] : []) + [remote, "HEAD:refs/heads/\(branch)"])
            if pushed.ok { return report }
            // Someone else pushed meanwhile: fetch and merge again.
            let rejected = pushed.err.contains("rejected") || pushed.err.contains("fetch first") || pushed.err.contains("non-fast-forward")
            if !rejected || attempt == 3 {
                throw QuangBaError(Message("sync.push_failed", ["remote": remote, "said": GitFailure(command: "push", said: pushed.err).lastLine]))
            }
        }
        return report
    }

    /// The branch's upstream remote, else `origin`, else the only one.
    private func remoteName() throws -> String {
        let remotes = try git.check(["remote"]).split(separator: "\n").map(String.init)
        guard !remotes.isEmpty else { throw QuangBaError(Message("sync.no_remote", ["path": git.root.path])) }
        if let r = try? git.check(["config", "--get", "branch.\(currentBranch()).remote"]).trimmingCharacters(in: .whitespacesAndNewlines),
           remotes.contains(r) { return r }
        return remotes.contains("origin") ? "origin" : remotes[0]
    }

    private func currentBranch() -> String {
        ((try? git.check(["symbolic-ref", "--short", "-q", "HEAD"])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func inRebase() -> Bool {
        ["rebase-merge", "rebase-apply"].contains { name in
            guard let p = try? git.check(["rev-parse", "--git-path", name]).trimmingCharacters(in: .whitespacesAndNewlines) else { return false }
            let url = p.hasPrefix("/") ? URL(fileURLWithPath: p) : git.root.appendingPathComponent(p)
            return FileManager.default.fileExists(atPath: url.path)
        }
    }

    /// A repository made before its `.gitattributes` said so gets the append-only files' union
    /// merge too (committed with the pending changes): otherwise two editors' audit entries
    /// would conflict, and keeping one side would drop the other's.
    static func unionMerges(_ root: URL) throws {
        let url = root.appendingPathComponent(".gitattributes")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let lines = Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        let missing = Repository.gitAttributes.split(separator: "\n").map(String.init).filter { !lines.contains($0) }
        guard !missing.isEmpty else { return }
        try AtomicFile.write(text + (text.isEmpty || text.hasSuffix("\n") ? "" : "\n") + missing.joined(separator: "\n") + "\n", to: url)
    }

    /// Present while `merge` runs: says a merge left behind is this tool's, to undo.
    private var marker: URL {
        let p = ((try? git.check(["rev-parse", "--git-path", "quangba-sync-merging"])) ?? ".git/quangba-sync-merging").trimmingCharacters(in: .whitespacesAndNewlines)
        return p.hasPrefix("/") ? URL(fileURLWithPath: p) : git.root.appendingPathComponent(p)
    }

    private func count(_ range: String) -> Int {
        Int(((try? git.check(["rev-list", "--count", range])) ?? "0").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// Merges `theirs` into HEAD; conflicts not settled by `keep` undo the merge and throw, naming
    /// each file, the item, and who changed it on each side.
    private func merge(_ theirs: String, keep: (side: Side, items: [String])?, report: inout Report) throws {
        let base = (try? git.check(["merge-base", "HEAD", theirs]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? ""
        let marker = marker
        try Data().write(to: marker)
        defer {
            // Whatever failed, the repository is not left mid-merge.
            if (try? git.run(["rev-parse", "-q", "--verify", "MERGE_HEAD"]).ok) == true { _ = try? git.run(["merge", "--abort"]) }
            try? FileManager.default.removeItem(at: marker)
        }
        let merged = try git.run(["merge", "--no-edit", "-m", mergeMessage, theirs])
        if merged.ok { return }
        guard try git.run(["rev-parse", "-q", "--verify", "MERGE_HEAD"]).ok else {
            throw QuangBaError(Message("sync.merge_failed", ["said": GitFailure(command: "merge", said: merged.err + merged.out).lastLine]))
        }
        let unmerged = try git.check(["diff", "--name-only", "-z", "--diff-filter=U"]).split(separator: "\0").map(String.init)
        var remaining: [String] = []
        for path in unmerged {
            guard let keep, keep.items.contains(where: { Self.item(of: path) == $0 || path == $0 }) else { remaining.append(path); continue }
            let stage = keep.side == .mine ? 2 : 3
            if try git.run(["cat-file", "-e", ":\(stage):\(path)"]).ok {
                try git.check(["checkout", keep.side == .mine ? "--ours" : "--theirs", "--", path])
                try git.check(["add", "--", path])
            } else {
                try git.check(["rm", "-q", "--", path])
            }
            report.kept.append((path, keep.side))
        }
        if remaining.isEmpty {
            try git.check(["commit", "--no-edit", "--quiet", "-m", mergeMessage])
            return
        }
        let diagnostics = remaining.map { path -> Diagnostic in
            let mine = lastAuthor("\(base)..HEAD", path), other = lastAuthor("\(base)..\(theirs)", path)
            let item = Self.item(of: path)
            return Diagnostic(.error, Location(file: path, item: item.flatMap { ItemID($0) }),
                              Message("sync.conflict_file", ["mine": mine, "theirs": other]))
        }
        _ = try? git.run(["merge", "--abort"])
        let items = Array(Set(remaining.map { Self.item(of: $0) ?? $0 })).sorted()
        throw QuangBaError(Message("sync.conflict", ["items": items.joined(separator: " "), "first": items[0]]), diagnostics: diagnostics)
    }

    private func lastAuthor(_ range: String, _ path: String) -> String {
        let name = ((try? git.check(["log", "-1", "--format=%an", range, "--", path])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return name.isEmpty ? "?" : name
    }

    /// The item id of a path under content/<kind>/<id>/, nil for other files.
    static func item(of path: String) -> String? {
        let parts = path.split(separator: "/")
        return parts.count >= 3 && parts[0] == "content" ? String(parts[2]) : nil
    }
}

/// `quangba init`'s first commit.
public enum RepositoryHistory {
    public enum Start: Sendable { case committed, gitMissing, failed(String) }

    /// `git init` and one commit of everything, as `person`.
    public static func start(at root: URL, person: String, message: String) -> Start {
        guard Git.isInstalled else { return .gitMissing }
        let git = Git(root: root).acting(as: person)
        do {
            try git.check(["init", "-q"])
            try git.commit(paths: git.changedPaths(), message: message)
            return .committed
        } catch let f as GitFailure {
            return .failed(f.lastLine)
        } catch {
            return .failed("\(error)")
        }
    }
}
