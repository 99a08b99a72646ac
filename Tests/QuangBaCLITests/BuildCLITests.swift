import Foundation
import Testing
import QuangBaTestSupport
import QuangBaCore

/// `quangba build` killed at random moments: whatever it left, the next build makes the folder
/// exactly what a clean build of the repository makes (DESIGN.md, invariants 1 and 6).
@Suite(.serialized) struct KilledBuildTests {
    /// A copy of the sample repository (content, templates, UI strings), as a fresh clone has it.
    static func sample() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("qb-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for name in ["quangba.yaml", "content", "locales", "site-templates"] {
            try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent(name), to: root.appendingPathComponent(name))
        }
        return root
    }

    /// Each file's bytes and each link's target, by path, never following links; without the
    /// manifest, which records inodes.
    static func state(_ folder: URL) -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        let e = FileManager.default.enumerator(atPath: folder.path)
        while let rel = e?.nextObject() as? String {
            guard rel != ".quangba-site" else { continue }
            var st = stat()
            guard lstat(folder.path + "/" + rel, &st) == 0, st.st_mode & S_IFMT != S_IFDIR else { continue }
            out[rel] = st.st_mode & S_IFMT == S_IFREG ? (try? readFile(folder.path + "/" + rel, rule: .input).get()) ?? [] : Array("not a file".utf8)
        }
        return out
    }

    static func build(_ cli: CLI, _ out: URL, _ extra: [String] = []) throws -> CLI.Result {
        try cli.run(["build", "--out", out.path] + extra)
    }

    @Test func killedBuildsAreRepairedByTheNextOne() throws {
        let root = try Self.sample()
        let cli = CLI(root: root)
        defer { cli.cleanup() }
        let fm = FileManager.default
        let layout = root.appendingPathComponent("site-templates/layout.mustache")
        let template = try String(contentsOf: layout, encoding: .utf8)
        let itemFile = root.appendingPathComponent("content/article/am-thuc-xu-lang/item.yaml")
        let item = try String(contentsOf: itemFile, encoding: .utf8)
        let withdrawnItem = item.replacingOccurrences(of: "state: published", with: "state: withdrawn") + "withdrawn: 2026-11-01T00:00:00Z\n"

        // What a clean build makes of the repository as it is, and with the item withdrawn.
        let reference = root.appendingPathComponent("reference")
        #expect(try Self.build(cli, reference).status == 0)
        let expected = Self.state(reference)
        try Data(withdrawnItem.utf8).write(to: itemFile)
        #expect(try Self.build(cli, reference, ["--clean"]).status == 0)
        let expectedWithdrawn = Self.state(reference)
        try Data(item.utf8).write(to: itemFile)
        #expect(expected.keys.contains("en/news/am-thuc-xu-lang/index.html") && !expectedWithdrawn.keys.contains("en/news/am-thuc-xu-lang/index.html"))

        let out = root.appendingPathComponent("www")
        #expect(try Self.build(cli, out).status == 0)
        // How long a build that renders every page takes here: the kills are spread over it.
        try Data(template.replacingOccurrences(of: "</body>", with: "<!-- changed -->\n</body>").utf8).write(to: layout)
        let start = Date()
        #expect(try Self.build(cli, out).status == 0)
        let duration = Date().timeIntervalSince(start)
        try Data(template.utf8).write(to: layout)
        #expect(try Self.build(cli, out).status == 0)

        var rng = SplitMix(seed: 12)
        let rounds = 24
        var leftWrong = 0
        for round in 0..<rounds {
            // A template changed (every page is written again), the build killed at a moment
            // spread over its length, the template put back; every other round, an item is
            // also withdrawn after the kill.
            try Data(template.replacingOccurrences(of: "</body>", with: "<!-- round \(round) -->\n</body>").utf8).write(to: layout)
            let p = Process()
            p.executableURL = CLI.binary
            p.arguments = ["build", "--out", out.path, "--root", root.path]
            p.environment = ["LANG": "C.UTF-8", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"]
            p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
            try p.run()
            let delay = duration * (Double(round) + Double.random(in: 0..<1, using: &rng)) / Double(rounds)
            usleep(UInt32(delay * 1_000_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            try Data(template.utf8).write(to: layout)
            let withdraw = round % 2 == 1
            try Data((withdraw ? withdrawnItem : item).utf8).write(to: itemFile)
            let want = withdraw ? expectedWithdrawn : expected
            if !withdraw, Self.state(out) != want { leftWrong += 1 }

            let repaired = try Self.build(cli, out)
            #expect(repaired.status == 0, "round \(round): \(repaired.err)")
            let got = Self.state(out)
            let wrong = Set(got.keys).union(want.keys).filter { got[$0] != want[$0] }.sorted()
            #expect(wrong.isEmpty, "round \(round) (killed after \(Int(delay * 1000)) ms): \(wrong.count) files differ from a clean build: \(wrong.prefix(5))")
        }
        let check = try cli.run(["check", out.path])
        #expect(check.status == 0, "\(check.out)")
        // The kills did land while the build was changing the folder.
        #expect(leftWrong >= 3, "only \(leftWrong) of \(rounds / 2) kills left the folder unlike the repository")
        #expect(!fm.fileExists(atPath: out.appendingPathComponent("en/news/am-thuc-xu-lang/index.html").path))
    }
}
