import Foundation
import Testing

/// `quangba search` as an editor uses it on the fixture repository, plus one article that has
/// "màu" and "Lạng Sơn" but not the mountain's name.
@Suite struct SearchCLITests {
    static func repository() throws -> CLI {
        let cli = try CLI(fixture: true)
        let folder = cli.root.appendingPathComponent("content/article/sac-mau-cho-phien")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try cli.file("content/article/dan-ca-then/item.yaml").replacingOccurrences(of: "state: draft", with: "state: review")
            .write(to: folder.appendingPathComponent("item.yaml"), atomically: true, encoding: .utf8)
        try "---\ntitle: Sắc màu chợ phiên\n---\n\nChợ phiên vùng cao rực rỡ sắc màu. Người dân khắp Lạng Sơn mang hàng về chợ.\n"
            .write(to: folder.appendingPathComponent("vi.md"), atomically: true, encoding: .utf8)
        return cli
    }

    static func hits(_ r: CLI.Result) throws -> [[String: Any]] {
        #expect(r.status == 0, "\(r.err)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
    }

    @Test func theNameAsTypedComesFirstAndAPhraseIsExact() throws {
        let cli = try Self.repository()
        defer { cli.cleanup() }
        let loose = try Self.hits(try cli.run(["search", "Mẫu Sơn", "--lang", "vi", "--format", "json"]))
        let ids = loose.map { $0["id"] as! String }
        // Found without diacritics, but after the two versions that have the name as typed.
        #expect(Set(ids.prefix(2)) == ["anh-mau-son", "an-uong-xu-lang"], "\(ids)")
        #expect(ids.contains("sac-mau-cho-phien"))
        for h in loose {
            #expect(h["lang"] as? String == "vi" && h["state"] is String && h["snippet"] is String && h["matches"] is [String], "\(h)")
        }
        #expect(loose.first { $0["id"] as? String == "sac-mau-cho-phien" }?["state"] as? String == "review")
        #expect((loose.first { $0["id"] as? String == "anh-mau-son" }?["snippet"] as? String)?.contains("Sườn núi Mẫu Sơn phủ sương") == true)

        // Quoted (as the shell passes '"Mẫu Sơn"'): the words together, so the article with
        // "màu" and "Lạng Sơn" is not found.
        let phrase = try Self.hits(try cli.run(["search", "\"Mẫu Sơn\"", "--lang", "vi", "--format", "json"]))
        #expect(Set(phrase.map { $0["id"] as! String }) == ["anh-mau-son", "an-uong-xu-lang"])
        for h in phrase { #expect((h["snippet"] as! String).contains("Mẫu Sơn"), "\(h)") }
    }

    @Test func tableShowsStateLanguageAndPlainSnippetInAPipe() throws {
        let cli = try Self.repository()
        defer { cli.cleanup() }
        let r = try cli.run(["search", "\"Mẫu Sơn\"", "--lang", "vi"])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(r.out)")  // two results, each with its passage
        #expect(lines.contains { $0.hasPrefix("anh-mau-son  [vi]  published  Ảnh Mẫu Sơn") }, "\(r.out)")
        #expect(lines.contains { $0.hasPrefix("    ") && $0.contains("Sườn núi Mẫu Sơn phủ sương") }, "\(r.out)")
        #expect(!r.out.contains("\u{1B}["))
        #expect(r.err.contains("2 results"))
    }

    /// At a terminal the matched words are in bold (run under `script`, which gives the command one).
    @Test func terminalHighlightsTheMatch() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let cli = try Self.repository()
        defer { cli.cleanup() }
        let command = "'\(CLI.binary.path)' search '\"Mẫu Sơn\"' --lang vi --root '\(cli.root.path)'"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qec", command, "/dev/null"]
        p.environment = ["LANG": "C.UTF-8", "TERM": "xterm", "PATH": "/usr/bin:/bin"]
        let out = Pipe()
        p.standardOutput = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(text.contains("\u{1B}[1mMẫu\u{1B}[0m \u{1B}[1mSơn\u{1B}[0m"), "\(text)")
    }
}
