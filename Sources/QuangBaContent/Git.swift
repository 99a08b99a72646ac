public import Foundation
import QuangBaText

/// Runs git in a repository for editors who never type a git command: `init`'s first commit,
/// one commit per change (`GitCommits`), `quangba sync` (`GitSync`). Git is optional: without it,
/// or outside a work tree, callers skip what needs it.
public struct Git: Sendable {
    public struct Output: Sendable {
        public var status: Int32
        public var out: String
        public var err: String
        public var ok: Bool { status == 0 }
    }

    public let root: URL
    /// Extra environment for every call (the author's name and email of a commit).
    var environment: [String: String] = [:]

    public init(root: URL) { self.root = root }

    /// Whether a git executable can be run at all.
    public static var isInstalled: Bool {
        (try? Git(root: URL(fileURLWithPath: "/")).run(["--version"]).ok) ?? false
    }

    /// Whether `root` is the top of a git work tree (not merely a folder inside another one).
    public var isWorkTree: Bool {
        guard let r = try? run(["rev-parse", "--show-toplevel"]), r.ok else { return false }
        let top = URL(fileURLWithPath: r.out.trimmingCharacters(in: .whitespacesAndNewlines)).resolvingSymlinksInPath().path
        return top == root.resolvingSymlinksInPath().path
    }

    /// Runs `git ARGS` in the repository, reading both outputs to the end (so neither pipe can
    /// fill and stall git). Throws only when git cannot be started.
    @discardableResult
    public func run(_ args: [String], input: Data? = nil) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", root.path] + args
        var env = ProcessInfo.processInfo.environment
        // Messages git prints are parsed or passed on in the editor's language by quangba, not git's;
        // it must never open an editor or ask for a password at a terminal nobody watches.
        env["LC_ALL"] = "C"
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["GIT_EDITOR"] = "true"
        env["GIT_MERGE_AUTOEDIT"] = "no"
        p.environment = env.merging(environment) { $1 }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        try p.run()
        if let input {
            inPipe.fileHandleForWriting.write(input)
            try? inPipe.fileHandleForWriting.close()
        }
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        if p.terminationStatus == 127 { throw GitMissing() }
        return Output(status: p.terminationStatus, out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self))
    }

    struct GitMissing: Error {}

    /// The same repository, with commits made by `person` (author and committer): git's own
    /// user.name/user.email are not needed and not used. The email is a placeholder made from
    /// the name: editors are known by name in this repository, as in its audit log.
    public func acting(as person: String) -> Git {
        var g = self
        let email = (Slug.make(person).isEmpty ? "editor" : Slug.make(person)) + "@quangba.invalid"
        g.environment = ["GIT_AUTHOR_NAME": person, "GIT_AUTHOR_EMAIL": email,
                         "GIT_COMMITTER_NAME": person, "GIT_COMMITTER_EMAIL": email]
        return g
    }

    /// The commit HEAD names, nil in a repository without commits.
    public var head: String? {
        guard let r = try? run(["rev-parse", "--verify", "-q", "HEAD"]), r.ok else { return nil }
        return r.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Paths that differ from HEAD in the work tree (new, changed or deleted; ignored files
    /// excluded), relative to the root.
    public func changedPaths() throws -> [String] {
        let r = try run(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames"])
        guard r.ok else { return [] }
        return r.out.split(separator: "\0", omittingEmptySubsequences: true).compactMap { entry in
            entry.count > 3 ? String(entry.dropFirst(3)) : nil
        }
    }

    /// Commits exactly `paths` as they are in the work tree, whatever else is staged or changed:
    /// the tree is built in a private index from HEAD plus these paths, then the editor's own
    /// index learns these paths' new state and nothing else. Returns the new commit, nil when
    /// the paths hold no change.
    @discardableResult
    public func commit(paths: [String], message: String) throws -> String? {
        guard !paths.isEmpty else { return nil }
        let privateIndex = FileManager.default.temporaryDirectory.appendingPathComponent("quangba-index-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: privateIndex) }
        var g = self
        g.environment["GIT_INDEX_FILE"] = privateIndex.path
        let parent = head
        if let parent { try g.check(["read-tree", parent]) } else { try g.check(["read-tree", "--empty"]) }
        try g.check(["add", "-A", "--"] + paths.map { ":(literal)" + $0 })
        let tree = try g.check(["write-tree"]).trimmingCharacters(in: .whitespacesAndNewlines)
        if let parent, tree == (try? check(["rev-parse", parent + "^{tree}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) { return nil }
        let made = try check(["commit-tree", tree] + (parent.map { ["-p", $0] } ?? []) + ["-F", "-"], input: Data(message.utf8))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // Moves the branch only if nobody else moved it meanwhile.
        try check(["update-ref", "-m", "quangba: " + (message.split(separator: "\n").first.map(String.init) ?? ""), "HEAD", made] + (parent.map { [$0] } ?? []))
        try? run(["reset", "-q", "--"] + paths.map { ":(literal)" + $0 })
        return made
    }

    /// Runs git and returns its output; a failure throws `GitFailure` with what git said.
    @discardableResult
    func check(_ args: [String], input: Data? = nil) throws -> String {
        let r = try run(args, input: input)
        guard r.ok else { throw GitFailure(command: args.first ?? "", said: r.err.isEmpty ? r.out : r.err) }
        return r.out
    }
}

/// A git command that failed: which one and its last words (shown to the editor as they are).
public struct GitFailure: Error, Sendable {
    public let command: String
    public let said: String
    public var lastLine: String {
        said.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? command
    }
}
