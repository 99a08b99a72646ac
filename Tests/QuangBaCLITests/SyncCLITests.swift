import Foundation
import QuangBaTestSupport
import Testing

/// Editors who never type a git command: every change is a commit, `quangba sync` shares them.
@Suite struct SyncCLITests {
    /// A shared bare repository and two editors' clones of it, made with `quangba init` and `sync`.
    final class Office {
        let folder: URL
        let env: [String: String]
        let remote: URL
        let lan: CLI   // Nguyễn Thị Lan's clone (she made the repository)
        let minh: CLI  // Trần Văn Minh's clone

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("qb-office-\(UUID().uuidString)")
            env = try InitCLITests.bareGitEnvironment()
            remote = folder.appendingPathComponent("chung.git")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            #expect(try runTool("git", ["init", "-q", "--bare", remote.path], environment: env).status == 0)
            lan = CLI(root: folder.appendingPathComponent("lan"))
            minh = CLI(root: folder.appendingPathComponent("minh"))
            var r = try lan.run(["init", lan.root.path, "--province", "Lạng Sơn"], env: env, in: folder)
            #expect(r.status == 0, "\(r.err)")
            #expect(try git(lan, ["remote", "add", "origin", remote.path]).status == 0)
            r = try lan.run(["sync", "--by", "Nguyễn Thị Lan"], env: env)
            #expect(r.status == 0, "\(r.err)")
            #expect(try runTool("git", ["clone", "-q", remote.path, minh.root.path], environment: env).status == 0)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        /// Git as an administrator runs it by hand (with a name of their own for their commits).
        func git(_ cli: CLI, _ args: [String]) throws -> (status: Int32, output: String) {
            try runTool("git", ["-C", cli.root.path] + args, environment: env.merging(
                ["GIT_AUTHOR_NAME": "Quản trị", "GIT_AUTHOR_EMAIL": "qt@example.org", "GIT_COMMITTER_NAME": "Quản trị", "GIT_COMMITTER_EMAIL": "qt@example.org"]) { $1 })
        }

        func run(_ cli: CLI, _ args: [String], by: String) throws -> CLI.Result {
            try cli.run(args + ["--by", by], env: env)
        }

        /// No file of content/ holds a conflict marker, and no merge is under way.
        func clean(_ cli: CLI) throws -> Bool {
            let grep = try git(cli, ["grep", "-l", "-e", "^<<<<<<<", "-e", "^>>>>>>>", "--", "content"])
            let merging = try git(cli, ["rev-parse", "-q", "--verify", "MERGE_HEAD"])
            return grep.output.isEmpty && merging.status != 0
        }
    }

    static let lan = "Nguyễn Thị Lan", minh = "Trần Văn Minh"

    @Test func eachChangeIsOneCommitOfItsOwnFilesByItsAuthor() throws {
        let office = try Office()
        let cli = office.lan
        // An editor's own file, not yet committed: no command may commit it.
        try Data("nháp\n".utf8).write(to: cli.root.appendingPathComponent("ghi-chu.txt"))
        var r = try office.run(cli, ["new", "article", "--title", "Chợ Kỳ Lừa", "--unit", "van-phong"], by: Self.lan)
        #expect(r.status == 0, "\(r.err)")
        let id = r.out.trimmingCharacters(in: .whitespacesAndNewlines)
        r = try office.run(cli, ["set", id, "--lang", "vi", "summary=Phiên chợ vùng biên"], by: Self.minh)
        #expect(r.status == 0, "\(r.err)")
        r = try office.run(cli, ["workflow", "submit", id, "--declare-no-secrets"], by: Self.lan)
        #expect(r.status == 0, "\(r.err)")

        let log = try office.git(cli, ["log", "--format=%an <%ae>|%s"]).output.split(separator: "\n").map(String.init)
        #expect(log.count == 4, "\(log)")   // three changes, then the first commit of `init`
        #expect(log[0].hasPrefix(Self.lan + " <") && log[0].hasSuffix("(\(Self.lan))") && log[0].contains(id), "\(log[0])")
        #expect(log[1].hasPrefix(Self.minh + " <") && log[1].hasSuffix("(\(Self.minh))") && log[1].contains(id), "\(log[1])")
        #expect(log[2].hasPrefix(Self.lan + " <") && log[2].contains(id), "\(log[2])")
        // The messages say what was done, in the repository's language (Vietnamese here): three different actions.
        #expect(Set(log.prefix(3).map { $0.split(separator: "|")[1].split(separator: ":")[0] }).count == 3, "\(log)")
        #expect(log[2].contains("Tạo mục mới"), "\(log[2])")
        // Only the command's own files: the item's, and the audit log for the actions it records.
        let created = try office.git(cli, ["show", "--name-only", "--format=", "HEAD~2"]).output.split(separator: "\n")
        #expect(!created.isEmpty && created.allSatisfy { $0.hasPrefix("content/article/\(id)/") || $0 == "audit/log.jsonl" }, "\(created)")
        let submitted = try office.git(cli, ["show", "--name-only", "--format=", "HEAD"]).output.split(separator: "\n")
        #expect(submitted.contains("audit/log.jsonl"), "\(submitted)")
        #expect(try office.git(cli, ["status", "--porcelain"]).output == "?? ghi-chu.txt\n")

        // Configurable: a message of one's own, or no commits at all.
        let config = cli.root.appendingPathComponent("quangba.yaml")
        try Data((cli.file("quangba.yaml") + "git: {message: \"[{command}] {items} — {by}\"}\n").utf8).write(to: config)
        #expect(try office.git(cli, ["commit", "-q", "-m", "git settings", "--", "quangba.yaml"]).status == 0)
        // Global options before the command do not hide what the command is.
        r = try office.run(cli, ["--ui-lang", "vi", "--root", cli.root.path, "set", id, "--lang", "vi", "summary=Phiên chợ đông vui"], by: Self.minh)
        #expect(r.status == 0, "\(r.err)")
        #expect(try office.git(cli, ["log", "-1", "--format=%s"]).output == "[quangba set] \(id) — \(Self.minh)\n")
        try Data((cli.file("quangba.yaml").replacingOccurrences(of: "git: {message", with: "git: {commit: false, message") ).utf8).write(to: config)
        #expect(try office.git(cli, ["commit", "-q", "-m", "no commits", "--", "quangba.yaml"]).status == 0)
        r = try office.run(cli, ["set", id, "--lang", "vi", "summary=Phiên chợ sớm"], by: Self.minh)
        #expect(r.status == 0, "\(r.err)")
        #expect(try office.git(cli, ["log", "-1", "--format=%s"]).output == "no commits\n")
    }

    @Test func twoEditorsChangingDifferentItemsBothEndWithBoth() throws {
        let office = try Office()
        var r = try office.run(office.lan, ["new", "article", "--title", "Chợ Kỳ Lừa", "--unit", "van-phong"], by: Self.lan)
        #expect(r.status == 0, "\(r.err)")
        let lanItem = r.out.trimmingCharacters(in: .whitespacesAndNewlines)
        r = try office.run(office.minh, ["new", "article", "--title", "Động Tam Thanh", "--unit", "van-phong"], by: Self.minh)
        #expect(r.status == 0, "\(r.err)")
        let minhItem = r.out.trimmingCharacters(in: .whitespacesAndNewlines)
        // Minh's index exists before the sync: it must see Lan's item afterwards.
        #expect(try office.minh.run(["list"], env: office.env).status == 0)

        for (cli, by) in [(office.lan, Self.lan), (office.minh, Self.minh), (office.lan, Self.lan)] {
            r = try office.run(cli, ["sync"], by: by)
            #expect(r.status == 0, "\(r.err)")
            #expect(try office.clean(cli))
        }
        for cli in [office.lan, office.minh] {
            for id in [lanItem, minhItem] {
                #expect(FileManager.default.fileExists(atPath: cli.root.appendingPathComponent("content/article/\(id)/item.yaml").path))
            }
            // The audit log kept both editors' entries (it merged by itself), and it reads.
            let audit = cli.file("audit/log.jsonl")
            #expect(audit.contains(Self.lan) && audit.contains(Self.minh) && !audit.contains("<<<<"), "\(audit)")
            r = try cli.run(["validate"], env: office.env)
            #expect(r.status == 0, "\(r.out)\(r.err)")
            r = try cli.run(["list", "--format", "json"], env: office.env)
            #expect(r.out.contains(lanItem) && r.out.contains(minhItem), "\(r.out)")
            #expect(try office.git(cli, ["status", "--porcelain"]).output.isEmpty)
        }
        // The workflow goes on over the merged log: Lan submits Minh's item; Minh, its author, cannot approve it.
        r = try office.run(office.lan, ["workflow", "submit", minhItem, "--declare-no-secrets"], by: Self.lan)
        #expect(r.status == 0, "\(r.err)")
        r = try office.run(office.lan, ["workflow", "approve", minhItem], by: Self.minh)
        #expect(r.status == 1, "\(r.err)")
        // Both heads are the same commit once the last sync has gone out and come back.
        r = try office.run(office.minh, ["sync"], by: Self.minh)
        #expect(r.status == 0, "\(r.err)")
        r = try office.run(office.lan, ["sync"], by: Self.lan)
        #expect(r.status == 0, "\(r.err)")
        #expect(try office.run(office.minh, ["sync"], by: Self.minh).status == 0)
        #expect(try office.git(office.lan, ["rev-parse", "HEAD"]).output == office.git(office.minh, ["rev-parse", "HEAD"]).output)
    }

    /// A repository whose .gitattributes predates the audit log's union merge gets it at sync:
    /// two editors' audit entries never conflict.
    @Test func anOlderRepositoryLearnsTheUnionMergeAtSync() throws {
        let office = try Office()
        let attributes = office.lan.root.appendingPathComponent(".gitattributes")
        try Data(office.lan.file(".gitattributes").split(separator: "\n").filter { !$0.hasPrefix("audit/log.jsonl") }.map { $0 + "\n" }.joined().utf8).write(to: attributes)
        #expect(try office.git(office.lan, ["commit", "-qam", "old attributes"]).status == 0)
        #expect(try office.git(office.lan, ["push", "-q", "origin", "HEAD"]).status == 0)
        #expect(try office.git(office.minh, ["pull", "-q", "--ff-only"]).status == 0)
        #expect(!office.minh.file(".gitattributes").contains("audit/log.jsonl"))
        #expect(try office.run(office.lan, ["new", "article", "--title", "Chợ Kỳ Lừa", "--unit", "van-phong"], by: Self.lan).status == 0)
        #expect(try office.run(office.minh, ["new", "article", "--title", "Động Tam Thanh", "--unit", "van-phong"], by: Self.minh).status == 0)
        for (cli, by) in [(office.lan, Self.lan), (office.minh, Self.minh), (office.lan, Self.lan)] {
            let r = try office.run(cli, ["sync"], by: by)
            #expect(r.status == 0, "\(r.err)")
        }
        for cli in [office.lan, office.minh] {
            let actions = cli.file("audit/log.jsonl").split(separator: "\n").filter { $0.contains("\"create\"") }
            #expect(actions.count == 2, "\(actions)")
            #expect(cli.file(".gitattributes").contains("audit/log.jsonl merge=union"))
            #expect(try cli.run(["validate"], env: office.env).status == 0)
        }
    }

    @Test func aConflictIsExplainedLosesNothingAndIsSettledByKeep() throws {
        let office = try Office()
        var r = try office.run(office.lan, ["new", "article", "--title", "Chợ Kỳ Lừa", "--unit", "van-phong"], by: Self.lan)
        let id = r.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try office.run(office.lan, ["sync"], by: Self.lan).status == 0)
        #expect(try office.run(office.minh, ["sync"], by: Self.minh).status == 0)
        let file = "content/article/\(id)/vi.md"
        #expect(FileManager.default.fileExists(atPath: office.minh.root.appendingPathComponent(file).path))

        // Both change the same summary; Lan shares hers first.
        #expect(try office.run(office.lan, ["set", id, "--lang", "vi", "summary=Chợ họp vào ngày 1, 4, 7"], by: Self.lan).status == 0)
        #expect(try office.run(office.minh, ["set", id, "--lang", "vi", "summary=Phiên chợ lớn nhất vùng biên"], by: Self.minh).status == 0)
        #expect(try office.run(office.lan, ["sync"], by: Self.lan).status == 0)
        r = try office.run(office.minh, ["sync", "--ui-lang", "vi"], by: Self.minh)
        #expect(r.status == 1)
        // Which item and file, who changed it on each side, what to do.
        #expect(r.err.contains(id) && r.err.contains(file), "\(r.err)")
        #expect(r.err.contains(Self.lan) && r.err.contains(Self.minh), "\(r.err)")
        #expect(r.err.contains("quangba sync --keep mine \(id)") && r.err.contains("--keep theirs"), "\(r.err)")
        // Nothing lost, nothing half-done: Minh's text is his file, Lan's is in the shared repository.
        #expect(try office.clean(office.minh))
        #expect(office.minh.file(file).contains("Phiên chợ lớn nhất vùng biên"))
        #expect(try office.git(office.minh, ["show", "origin/HEAD:" + file]).output.contains("Chợ họp vào ngày 1, 4, 7"))
        #expect(try office.minh.run(["validate"], env: office.env).status == 0)

        // A merge started by hand is not touched: it is named, with the way out.
        #expect(try office.git(office.minh, ["merge", "-q", "origin/HEAD"]).status != 0)
        r = try office.run(office.minh, ["sync"], by: Self.minh)
        #expect(r.status == 1 && r.err.contains("git merge --abort"), "\(r.err)")
        // One this tool started and was killed in (its marker is left) is undone, and explained again.
        try Data().write(to: office.minh.root.appendingPathComponent(".git/quangba-sync-merging"))
        r = try office.run(office.minh, ["sync"], by: Self.minh)
        #expect(r.status == 1 && r.err.contains("--keep mine \(id)"), "\(r.err)")
        #expect(try office.clean(office.minh))
        #expect(office.minh.file(file).contains("Phiên chợ lớn nhất vùng biên"))

        // Minh keeps his; the sync completes; Lan receives it; her text stays in the history.
        r = try office.run(office.minh, ["sync", "--keep", "mine", id], by: Self.minh)
        #expect(r.status == 0, "\(r.err)")
        #expect(try office.clean(office.minh))
        #expect(office.minh.file(file).contains("Phiên chợ lớn nhất vùng biên"))
        #expect(try office.run(office.lan, ["sync"], by: Self.lan).status == 0)
        #expect(office.lan.file(file).contains("Phiên chợ lớn nhất vùng biên"))
        #expect(try office.git(office.lan, ["log", "-p", "--full-history", "--", file]).output.contains("Chợ họp vào ngày 1, 4, 7"))
        #expect(try office.lan.run(["validate"], env: office.env).status == 0)

        // The other way: Lan changes it again, Minh too; this time Minh takes hers.
        #expect(try office.run(office.lan, ["set", id, "--lang", "vi", "summary=Chợ mở cả ngày"], by: Self.lan).status == 0)
        #expect(try office.run(office.minh, ["set", id, "--lang", "vi", "summary=Chợ mở buổi sáng"], by: Self.minh).status == 0)
        #expect(try office.run(office.lan, ["sync"], by: Self.lan).status == 0)
        #expect(try office.run(office.minh, ["sync"], by: Self.minh).status == 1)
        r = try office.run(office.minh, ["sync", "--keep", "theirs", id], by: Self.minh)
        #expect(r.status == 0, "\(r.err)")
        #expect(office.minh.file(file).contains("Chợ mở cả ngày"))
        #expect(try office.git(office.minh, ["log", "-p", "--full-history", "--", file]).output.contains("Chợ mở buổi sáng"))
        #expect(try office.clean(office.minh))
    }

    @Test func noRemoteOrNoNetworkIsSaidPlainly() throws {
        let cli = try CLI(fixture: false)
        defer { cli.cleanup() }
        let env = try InitCLITests.bareGitEnvironment()
        #expect(try cli.run(["init", cli.root.path], env: env).status == 0)
        var r = try cli.run(["sync"], env: env)
        #expect(r.status == 1 && r.err.contains("git remote add origin"), "\(r.err)")
        #expect(try runTool("git", ["-C", cli.root.path, "remote", "add", "origin", "/nonexistent/chung.git"], environment: env).status == 0)
        // A pending change is committed even so: it is safe in the editor's history.
        try Data("# Ghi chú\n".utf8).write(to: cli.root.appendingPathComponent("ghi-chu.md"))
        r = try cli.run(["sync", "--ui-lang", "vi"], env: env)
        #expect(r.status == 1 && r.err.contains("không kết nối được với kho dùng chung"), "\(r.err)")
        #expect(try runTool("git", ["-C", cli.root.path, "status", "--porcelain"], environment: env).output.isEmpty)
    }
}
