import Foundation
import QuangBaTestSupport
import Testing

/// `quangba init`: a repository that builds, validates and serves at once, in git from the start.
@Suite struct InitCLITests {
    /// Git as the editor's machine has it: no user.name or user.email anywhere.
    static func bareGitEnvironment() throws -> [String: String] {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("qb-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return ["HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent(".config").path, "GIT_CONFIG_NOSYSTEM": "1"]
    }

    static func git(_ root: URL, _ args: [String], env: [String: String]) throws -> (status: Int32, output: String) {
        try runTool("git", ["-C", root.path] + args, environment: env)
    }

    @Test func initBuildsValidatesChecksAndServesAtOnce() async throws {
        let cli = try CLI(fixture: false)
        defer { cli.cleanup() }
        let env = try Self.bareGitEnvironment()
        var r = try cli.run(["init", cli.root.path, "--province", "Lạng Sơn"], env: env)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.isEmpty, "\(r.err)")
        for path in ["site-templates/layout.mustache", "locales/vi.yaml", "locales/en.yaml", "locales/zh-Hans.yaml", "locales/ja.yaml", "locales/ko.yaml"] {
            #expect(FileManager.default.fileExists(atPath: cli.root.appendingPathComponent(path).path), "\(path)")
        }
        #expect(cli.file(".gitattributes").split(separator: "\n").contains("audit/log.jsonl merge=union"))
        #expect(Set(cli.file(".gitignore").split(separator: "\n")).isSuperset(of: [".quangba/", "_site/"]))

        // One first commit of everything, and nothing left over.
        let log = try Self.git(cli.root, ["log", "--format=%an|%s"], env: env)
        #expect(log.status == 0 && log.output.split(separator: "\n").count == 1, "\(log.output)")
        #expect(log.output.hasPrefix("Hoàng Thu Trang|"), "\(log.output)")
        #expect(try Self.git(cli.root, ["status", "--porcelain"], env: env).output.isEmpty)
        let tracked = try Self.git(cli.root, ["ls-files"], env: env).output.split(separator: "\n")
        #expect(tracked.contains("audit/log.jsonl") && tracked.contains("content/.gitkeep") && tracked.contains("site-templates/layout.mustache"))

        r = try cli.run(["build"], env: env)
        #expect(r.status == 0, "\(r.out)\(r.err)")
        r = try cli.run(["check"], env: env)
        #expect(r.status == 0, "\(r.out)\(r.err)")
        r = try cli.run(["validate"], env: env)
        #expect(r.status == 0, "\(r.out)\(r.err)")

        // The preview serves the built pages and the OAI-PMH endpoint over HTTP.
        let server = try HarvestTests.Server(cli, [])
        let port = try #require(Int(server.url.split(separator: ":").last?.split(separator: "/").first ?? ""))
        for path in ["/", "/vi/", "/en/"] {
            let page = try await RawHTTP.request(port, "GET", path)
            #expect(page.status == 200 && page.text.contains("<html lang=\""), "\(path): \(page.status) \(page.text.prefix(200))")
        }
        let identify = try await RawHTTP.request(port, "GET", "/oai?verb=Identify")
        #expect(identify.status == 200 && identify.text.contains("<Identify>"), "\(identify.text.prefix(300))")
    }

    @Test func initFromSampleBuilds() throws {
        let cli = try CLI(fixture: false)
        defer { cli.cleanup() }
        let env = try Self.bareGitEnvironment()
        var r = try cli.run(["init", cli.root.path, "--from-sample"], env: env)
        #expect(r.status == 0, "\(r.err)")
        let fm = FileManager.default
        // The sample repository, not the tool around it.
        for part in ["Sources", "Tests", "docs", ".build", "Package.swift", "bench"] {
            #expect(!fm.fileExists(atPath: cli.root.appendingPathComponent(part).path), "\(part) was copied")
        }
        let sampleItems = try fm.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("content/article").path).filter { !$0.hasPrefix(".") }
        let copiedItems = try fm.contentsOfDirectory(atPath: cli.root.appendingPathComponent("content/article").path).filter { !$0.hasPrefix(".") }
        #expect(!sampleItems.isEmpty && Set(copiedItems) == Set(sampleItems))
        #expect(try Self.git(cli.root, ["status", "--porcelain"], env: env).output.isEmpty)
        r = try cli.run(["validate"], env: env)
        #expect(r.status == 0, "\(r.out)\(r.err)")
        r = try cli.run(["build"], env: env)
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(fm.fileExists(atPath: cli.root.appendingPathComponent("_site/en/index.html").path))
    }

    @Test func refusesAFolderThatHoldsAnything() throws {
        let cli = try CLI(fixture: false)
        defer { cli.cleanup() }
        let notes = cli.root.appendingPathComponent("ghi-chu.txt")
        try Data("Ghi chú của tôi\n".utf8).write(to: notes)
        var r = try cli.run(["init", cli.root.path])
        #expect(r.status == 1)
        #expect(r.err.contains("ghi-chu.txt") && r.err.contains("not empty"), "\(r.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.root.path) == ["ghi-chu.txt"])
        #expect(cli.file("ghi-chu.txt") == "Ghi chú của tôi\n")
        // Nothing either beside it (the folder the repository was being made in).
        let siblings = try FileManager.default.contentsOfDirectory(atPath: cli.root.deletingLastPathComponent().path)
        #expect(!siblings.contains { $0.contains(cli.root.lastPathComponent + ".quangba-init") })

        // An existing repository is refused, in Vietnamese for a Vietnamese editor.
        let repo = try CLI(fixture: true)
        defer { repo.cleanup() }
        let before = repo.file("quangba.yaml")
        r = try repo.run(["init", repo.root.path, "--ui-lang", "vi"])
        #expect(r.status == 1 && r.err.contains("đã chứa một kho QuangBa"), "\(r.err)")
        #expect(repo.file("quangba.yaml") == before)
    }

    @Test func toolFilesAreFoundOrTheErrorSaysWhere() throws {
        let cli = try CLI(fixture: false)
        defer { cli.cleanup() }
        let target = cli.root.appendingPathComponent("kho")
        var r = try cli.run(["init", target.path], env: ["QUANGBA_SHARE": "/nonexistent/share"])
        #expect(r.status == 1 && r.err.contains("QUANGBA_SHARE") && r.err.contains("/nonexistent/share"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: target.path))
        // QUANGBA_SHARE pointing at the package root (as an installed share folder would) works.
        r = try cli.run(["init", target.path], env: ["QUANGBA_SHARE": CLI.packageRoot.path])
        #expect(r.status == 0, "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("site-templates/layout.mustache").path))
    }

    @Test func withoutGitTheRepositoryStillWorks() throws {
        let cli = try CLI(fixture: false)
        defer { cli.cleanup() }
        let noGit = ["PATH": "/nonexistent"]
        var r = try cli.run(["init", cli.root.path, "--province", "Lạng Sơn"], env: noGit)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.contains("git is not installed"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: cli.root.appendingPathComponent(".git").path))
        r = try cli.run(["new", "article", "--title", "Chợ Kỳ Lừa", "--unit", "van-phong"], env: noGit)
        #expect(r.status == 0 && !r.err.contains("git"), "\(r.err)")
        r = try cli.run(["validate"], env: noGit)
        #expect(r.status == 0, "\(r.out)\(r.err)")
        r = try cli.run(["sync"], env: noGit)
        #expect(r.status == 1 && r.err.contains("git is not installed"), "\(r.err)")
    }
}
