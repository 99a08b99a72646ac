import Foundation
import Testing

/// Runs the built `quangba` executable, as an editor or a script would.
struct CLI {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable next to the test bundle (swift test builds it), else .build/debug.
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("quangba")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/quangba")
    }()

    struct Result {
        var status: Int32
        var out: String
        var err: String
        /// Killed by a signal (a crash: a Swift runtime trap is SIGILL or SIGTRAP), not an exit.
        var signaled = false
    }

    let root: URL
    var env: [String: String] = ["LANG": "C.UTF-8", "QUANGBA_USER": "Hoàng Thu Trang"]

    /// A new repository made with `quangba init`, or a copy of the fixture.
    init(fixture: Bool) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("qb-cli-\(UUID().uuidString)")
        if fixture {
            try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Tests/Fixtures/repo"), to: root)
        } else {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
    }

    /// A repository already at `root`.
    init(root: URL) { self.root = root }

    func cleanup() { try? FileManager.default.removeItem(at: root) }

    @discardableResult
    func run(_ args: [String], env extra: [String: String] = [:], stdin: String? = nil, in dir: URL? = nil) throws -> Result {
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = args
        p.currentDirectoryURL = dir ?? root
        p.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("QUANGBA") && $0.key != "LC_ALL" && $0.key != "LC_MESSAGES" }
            .merging(env) { $1 }.merging(extra) { $1 }
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out; p.standardError = err; p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self),
                      signaled: p.terminationReason == .uncaughtSignal)
    }

    func file(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: root.appendingPathComponent(path).path) ?? Data(), as: UTF8.self)
    }

    func json(_ r: Result) throws -> Any { try JSONSerialization.jsonObject(with: Data(r.out.utf8)) }
}
