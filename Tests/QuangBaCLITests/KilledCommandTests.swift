import Foundation
import QuangBaTestSupport
import Testing

/// `new`, `workflow` and `translate` killed (SIGKILL) at moments spread over their length:
/// readers never see a half-made item, and once the next writing command (here `repair`) has
/// run, every item's state agrees with the audit log's last entry for it (DESIGN.md invariant 6).
@Suite(.serialized) struct KilledCommandTests {
    private static func itemState(_ cli: CLI, _ folder: String) -> String? {
        cli.file("\(folder)/item.yaml").split(separator: "\n").first { $0.hasPrefix("state: ") }.map { String($0.dropFirst(7)) }
    }

    /// Runs `args`, killing it after `delay` seconds (if it is still running).
    private static func runKilled(_ cli: CLI, _ args: [String], after delay: Double) throws -> Bool {
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = args + ["--root", cli.root.path]
        p.environment = ["LANG": "C.UTF-8", "QUANGBA_USER": "Hoàng Thu Trang", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"]
        p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
        try p.run()
        usleep(UInt32(delay * 1_000_000))
        let killed = p.isRunning
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        return killed
    }

    @Test func killedCommandsLeaveNothingHalfMade() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let fm = FileManager.default
        // How long each command takes here, to spread the kills over it: the second one, once the
        // first has built the index that every later command only brings up to date.
        #expect(try cli.run(["new", "article", "--title", "Khởi động", "--unit", "so-vhttdl"]).status == 0)
        let start = Date()
        #expect(try cli.run(["new", "article", "--title", "Đo thời gian", "--unit", "so-vhttdl"]).status == 0)
        let duration = max(Date().timeIntervalSince(start), 0.02)

        var rng = SplitMix(seed: 13)
        var created: [String] = ["khoi-dong", "do-thoi-gian"]
        var killedMidway = 0
        let rounds = 200
        for round in 0..<rounds {
            let target = created.randomElement(using: &rng)!
            let args: [String] = switch round % 5 {
            case 0, 1: ["new", "article", "--title", "Bài kiểm tra số \(round)", "--unit", "so-vhttdl"]
            case 2: ["workflow", "submit", target, "--by", "Vi Đức Thắng", "--declare-no-secrets"]
            case 3: ["workflow", ["approve", "reject"].randomElement(using: &rng)!, target, "--by", "Lê Văn Nam"]
            default: ["translate", target, "--to", ["en", "ja", "ko"].randomElement(using: &rng)!, "--by", "Nguyễn Thị Mai"]
            }
            if try Self.runKilled(cli, args, after: duration * Double.random(in: 0..<1.2, using: &rng)) { killedMidway += 1 }

            // What readers see: every item folder whole (a record and its source text), or absent.
            let articles = cli.root.appendingPathComponent("content/article")
            for name in try fm.contentsOfDirectory(atPath: articles.path) where !name.hasPrefix(".") {
                let names = Set(try fm.contentsOfDirectory(atPath: articles.appendingPathComponent(name).path))
                #expect(names.isSuperset(of: ["item.yaml", "vi.md"]), "round \(round) \(args): content/article/\(name) holds only \(names.sorted())")
                if name.hasPrefix("bai-kiem-tra"), !created.contains(name) { created.append(name) }
            }

            // After the next writing command, state and audit agree.
            let repair = try cli.run(["repair"])
            #expect(repair.status == 0, "round \(round): \(repair.err)")
            let entries = cli.file("audit/log.jsonl").split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]
            }
            for id in created {
                let last = entries.last { $0["item"] == id && $0["to"] != nil }
                let state = Self.itemState(cli, "content/article/\(id)")
                #expect(last?["to"] == state, "round \(round) \(args): \(id) is \(state ?? "absent") but its last audit entry says \(last?["to"] ?? "nothing")")
            }
            for t in ["en", "ja", "ko"] {
                for id in created where fm.fileExists(atPath: cli.root.appendingPathComponent("content/article/\(id)/\(t).md").path) {
                    #expect(entries.contains { $0["item"] == id && $0["action"] == "translate:\(t)" }, "round \(round): \(id)/\(t).md has no audit entry")
                }
            }
            #expect(cli.file("audit/log.jsonl").hasSuffix("\n"))
        }
        let validate = try cli.run(["validate"])
        #expect(validate.status == 0, "\(validate.out)")
        #expect(!validate.out.contains("repair"), "\(validate.out)")
        // The kills did land while commands were running.
        #expect(killedMidway > rounds / 3, "only \(killedMidway) of \(rounds) commands were still running when killed")
    }

    /// A change staged and journaled whose audit entry was written is finished by the next
    /// writing command; one whose entry was not is undone; validate names what is left.
    @Test func validateNamesLeftoversAndRepairRemovesThem() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let folder = cli.root.appendingPathComponent("content/article/an-uong-xu-lang")
        try "half".write(to: folder.appendingPathComponent(".vi.md.txn-abc"), atomically: false, encoding: .utf8)
        let newFolder = cli.root.appendingPathComponent("content/article/.new-bai-do-dang.txn-abc")
        try FileManager.default.createDirectory(at: newFolder, withIntermediateDirectories: true)
        try "kind: article\n".write(to: newFolder.appendingPathComponent("item.yaml"), atomically: false, encoding: .utf8)
        let v = try cli.run(["validate"])
        #expect(v.status == 0, "leftovers are warnings, not errors: \(v.out)")
        #expect(v.out.contains(".vi.md.txn-abc") && v.out.contains(".new-bai-do-dang.txn-abc") && v.out.contains("quangba repair"), "\(v.out)")
        let list = try cli.run(["list", "--format", "json"])
        #expect(!list.out.contains("bai-do-dang"))
        let r = try cli.run(["repair"])
        #expect(r.status == 0, "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: newFolder.path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".vi.md.txn-abc").path))
        #expect(!(try cli.run(["validate"]).out.contains("repair")))
    }
}
