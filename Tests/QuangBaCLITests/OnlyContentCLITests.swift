import Foundation
import Testing

/// Only content reaches the site and the export, run as a person (or an attacker with write
/// access to the repository) would: a media item whose file is a link, a second name, a named
/// pipe, an SVG or HTML file in disguise, or whose video address is `javascript:` in any form,
/// is refused by `validate`, shown as not public by `show`, and nothing of it is in a fresh
/// build or in the XML export.
@Suite struct OnlyContentCLITests {
    static let folder = "content/media/anh-mau-son"
    static let stored = "\(folder)/anh-mau-son.png"

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// The problem code `validate --format json` must report.
        let code: String
        let plant: @Sendable (CLI) throws -> Void
        var testDescription: String { name }
    }

    static func url(_ cli: CLI, _ path: String) -> URL { cli.root.appendingPathComponent(path) }

    /// Records the checksum and size of what `path` reads as (through a link too) as the stored
    /// file's, as someone hiding a file would.
    static func record(_ cli: CLI, of path: URL) throws {
        let sum = Process()
        sum.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        sum.arguments = [path.path]
        let pipe = Pipe()
        sum.standardOutput = pipe
        try sum.run()
        sum.waitUntilExit()
        let sha = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
        let size = try Data(contentsOf: path).count
        let yaml = url(cli, "\(folder)/item.yaml")
        var text = try String(contentsOf: yaml, encoding: .utf8)
        text = text.replacingOccurrences(of: #"sha256: [0-9a-f]{64}"#, with: "sha256: \(sha)", options: .regularExpression)
        text = text.replacingOccurrences(of: #"bytes: [0-9]+"#, with: "bytes: \(size)", options: .regularExpression)
        try text.write(to: yaml, atomically: false, encoding: .utf8)
    }

    static func replace(_ cli: CLI, with bytes: [UInt8]) throws {
        try Data(bytes).write(to: url(cli, stored))
        try record(cli, of: url(cli, stored))
    }

    static func video(_ cli: CLI, _ value: String) throws {
        let yaml = url(cli, "\(folder)/item.yaml")
        // JSON's quoting is YAML's double-quoted style: the value reaches the reader exactly.
        let json = JSONEncoder()
        json.outputFormatting = .withoutEscapingSlashes
        let quoted = String(decoding: try json.encode(value), as: UTF8.self)
        let text = try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "  credit:", with: "  video: \(quoted)\n  credit:")
        try text.write(to: yaml, atomically: false, encoding: .utf8)
    }

    static let passwd = [UInt8](FileManager.default.contents(atPath: "/etc/passwd") ?? Data())

    static let cases: [Case] = [
        Case(name: "file linked to /etc/passwd", code: "file.symlink") { cli in
            try FileManager.default.removeItem(at: url(cli, stored))
            try FileManager.default.createSymbolicLink(atPath: url(cli, stored).path, withDestinationPath: "/etc/passwd")
            try record(cli, of: url(cli, stored))
        },
        Case(name: "file linked to quangba.yaml", code: "file.symlink") { cli in
            try FileManager.default.removeItem(at: url(cli, stored))
            try FileManager.default.createSymbolicLink(atPath: url(cli, stored).path, withDestinationPath: "../../../quangba.yaml")
            try record(cli, of: url(cli, stored))
        },
        Case(name: "file with a second name", code: "file.hard_link") { cli in
            #expect(link(url(cli, stored).path, url(cli, "second-name.png").path) == 0)
        },
        Case(name: "file that is a named pipe", code: "file.special") { cli in
            try FileManager.default.removeItem(at: url(cli, stored))
            #expect(mkfifo(url(cli, stored).path, 0o644) == 0)
        },
        Case(name: "SVG with a script named .png", code: "media.refused_svg") { cli in
            try replace(cli, with: Array(#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"><script>alert(1)</script></svg>"#.utf8))
        },
        Case(name: "HTML page named .pdf", code: "media.refused_html") { cli in
            let html = Array("<!DOCTYPE html><html><body><script>alert(document.domain)</script></body></html>".utf8)
            try FileManager.default.removeItem(at: url(cli, stored))
            try Data(html).write(to: url(cli, "\(folder)/anh-mau-son.pdf"))
            try record(cli, of: url(cli, "\(folder)/anh-mau-son.pdf"))
            let yaml = url(cli, "\(folder)/item.yaml")
            let text = try String(contentsOf: yaml, encoding: .utf8)
                .replacingOccurrences(of: "file: anh-mau-son.png", with: "file: anh-mau-son.pdf")
                .replacingOccurrences(of: "type: image/png", with: "type: application/pdf")
            try text.write(to: yaml, atomically: false, encoding: .utf8)
        },
        Case(name: "video javascript:", code: "yaml.bad_address") { try video($0, "javascript:alert(document.domain)") },
        Case(name: "video JaVaScRiPt:", code: "yaml.bad_address") { try video($0, "JaVaScRiPt:alert(document.domain)") },
        Case(name: "video java<TAB>script:", code: "yaml.bad_address") { try video($0, "java\tscript:alert(document.domain)") },
        Case(name: "video with a leading space", code: "yaml.bad_address") { try video($0, " javascript:alert(document.domain)") },
        Case(name: "video entity-encoded", code: "yaml.bad_address") { try video($0, "&#x6A;avascript:alert(document.domain)") },
        Case(name: "video data:", code: "yaml.bad_address") { try video($0, "data:text/html,<script>alert(document.domain)</script>") },
    ]

    static func prepare() throws -> CLI {
        let cli = try CLI(fixture: true)
        for folder in ["site-templates", "locales"] {
            try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent(folder), to: cli.root.appendingPathComponent(folder))
        }
        return cli
    }

    /// Every file a fresh build writes, by path relative to the output, with its bytes.
    static func build(_ cli: CLI) throws -> [String: Data] {
        let out = cli.root.appendingPathComponent("fresh-site")
        let r = try cli.run(["build", "--out", out.path])
        #expect(r.status == 0, "\(r.err)")
        var files: [String: Data] = [:]
        for case let f as URL in FileManager.default.enumerator(at: out, includingPropertiesForKeys: nil)! where !f.hasDirectoryPath {
            files[String(f.path.dropFirst(out.path.count + 1))] = try Data(contentsOf: f)
        }
        return files
    }

    static func export(_ cli: CLI) throws -> String {
        let r = try cli.run(["export", "xml", "--out", "export.xml"])
        #expect(r.status == 0, "\(r.err)")
        return try String(contentsOf: cli.root.appendingPathComponent("export.xml"), encoding: .utf8)
    }

    /// Without a problem the media item is published everywhere: what the cases below remove.
    @Test func theMediaItemIsPublishedWhenNothingIsWrong() throws {
        let cli = try Self.prepare()
        defer { cli.cleanup() }
        #expect(try cli.run(["set", "anh-mau-son", "video=https://www.youtube.com/watch?v=abc"]).status == 0)
        // An edit of a published item is public once a second person approves it.
        let approve = try cli.run(["workflow", "approve", "anh-mau-son", "--by", "Lê Văn Nam"])
        #expect(approve.status == 0, "\(approve.err)")
        let site = try Self.build(cli)
        #expect(site.keys.contains { $0.hasSuffix("anh-mau-son/anh-mau-son.png") })
        #expect(site.contains { $0.key.contains("anh-mau-son") && String(decoding: $0.value, as: UTF8.self).contains(#"href="https://www.youtube.com/watch?v=abc""#) })
        #expect(try Self.export(cli).contains("anh-mau-son"))
    }

    @Test(arguments: cases)
    func refusedEverywhere(c: Case) throws {
        let cli = try Self.prepare()
        defer { cli.cleanup() }
        try c.plant(cli)

        var r = try cli.run(["validate", "--format", "json"])
        #expect(r.status == 1)
        let problems = (try cli.json(r) as? [String: Any])?["problems"] as? [[String: Any]] ?? []
        #expect(problems.contains { $0["code"] as? String == c.code && ($0["file"] as? String)?.hasPrefix(Self.folder) == true }, "\(r.out)")

        r = try cli.run(["show", "anh-mau-son", "--format", "json"])
        #expect(r.status == 0, "\(r.err)")
        #expect((try cli.json(r) as? [String: Any])?["public"] as? Bool == false)

        let site = try Self.build(cli)
        #expect(!site.isEmpty)
        #expect(!site.keys.contains { $0.contains("anh-mau-son") })
        for (path, bytes) in site {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains("anh-mau-son") && !text.lowercased().contains("script:") && !text.contains("alert(document.domain)"), "\(path)")
            if !Self.passwd.isEmpty { #expect(bytes.range(of: Data(Self.passwd)) == nil, "\(path)") }
        }
        let xml = try Self.export(cli)
        #expect(!xml.contains("anh-mau-son") && !xml.contains("alert(document.domain)"))
    }

    @Test func anItemFolderThatIsALinkIsNotReadByAnyCommand() throws {
        let cli = try Self.prepare()
        defer { cli.cleanup() }
        let outside = cli.root.deletingLastPathComponent().appendingPathComponent("outside-\(UUID().uuidString)")
        try FileManager.default.moveItem(at: Self.url(cli, Self.folder), to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(atPath: Self.url(cli, Self.folder).path, withDestinationPath: outside.path)
        var r = try cli.run(["validate"])
        #expect(r.status == 1 && r.out.contains("\(Self.folder): error: this item folder is a symbolic link"), "\(r.out)")
        r = try cli.run(["show", "anh-mau-son"])
        #expect(r.status == 1 && r.err.contains("symbolic link"), "\(r.err)")
        #expect(!(try Self.build(cli)).keys.contains { $0.contains("anh-mau-son") })
        #expect(!(try Self.export(cli)).contains("anh-mau-son"))
    }

    @Test func setRefusesAnAddressAtInput() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let before = cli.file("\(Self.folder)/item.yaml")
        for value in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "//evil.example/", "data:text/html,x"] {
            for field in ["video", "source"] {
                let r = try cli.run(["set", "anh-mau-son", "\(field)=\(value)"])
                #expect(r.status == 1 && r.err.contains("https://…, http://…, mailto:…"), "\(field)=\(value): \(r.err)")
            }
        }
        #expect(cli.file("\(Self.folder)/item.yaml") == before)
    }

    @Test func mediaAddRefusesWhatIsNotContent() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let dir = cli.root.appendingPathComponent("incoming")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let svg = dir.appendingPathComponent("ban-do.png")
        try Data(#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.utf8).write(to: svg)
        let page = dir.appendingPathComponent("trang.pdf")
        try Data("<!DOCTYPE html><html><script>alert(1)</script></html>".utf8).write(to: page)
        let fifo = dir.appendingPathComponent("pipe.jpg")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        for (file, says) in [(svg, "rsvg-convert -o ban-do.png ban-do.png"), (page, "Save as PDF"), (fifo, "named pipe")] {
            let r = try cli.run(["media", "add", file.path, "--title", "Thử", "--credit", "x", "--unit", "van-phong"])
            #expect(r.status == 1 && r.err.contains(says), "\(file.lastPathComponent): \(r.err)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.root.appendingPathComponent("content/media").path) == ["anh-mau-son"])
        // A real GIF and a real WebM are taken, their type read from their content.
        for (fixture, type) in [("tiny-5x3.gif", "image/gif"), ("tiny.webm", "video/webm")] {
            let r = try cli.run(["media", "add", CLI.packageRoot.appendingPathComponent("Tests/Fixtures/formats/\(fixture)").path,
                                 "--title", "Tệp \(fixture)", "--credit", "x", "--licence", "cc-by-4.0", "--unit", "van-phong"])
            #expect(r.status == 0, "\(r.err)")
            let id = r.out.trimmingCharacters(in: .newlines)
            #expect(cli.file("content/media/\(id)/item.yaml").contains("type: \(type)"))
        }
        #expect(try cli.run(["validate"]).status == 0)
    }

    /// Markdown keeps cmark's safe mode: no raw HTML, no script links, in any page.
    @Test func markdownBodiesCannotCarryScripts() throws {
        let cli = try Self.prepare()
        defer { cli.cleanup() }
        let vi = cli.root.appendingPathComponent("content/article/an-toan-giao-thong-dip-le-hoi/vi.md")
        let body = """

            [Bấm vào đây](javascript:alert(document.domain)) và [đây](JaVaScRiPt:alert(document.domain)) và ![ảnh](javascript:alert(document.domain)).

            <script>alert(document.domain)</script>

            <img src="x" onerror="alert(document.domain)">

            <a href="javascript:alert(document.domain)">liên kết</a> [thư](mailto:a@b.vn) [web](https://example.org/).

            """
        try Data((try String(contentsOf: vi, encoding: .utf8) + body).utf8).write(to: vi)
        #expect(try cli.run(["validate"]).status == 0)
        let site = try Self.build(cli)
        let pages = site.filter { $0.key.contains("an-toan-giao-thong-dip-le-hoi") && $0.key.hasSuffix(".html") }
        let page = try #require(pages.values.map { String(decoding: $0, as: UTF8.self) }.first { $0.contains("Bấm vào đây") })
        #expect(page.contains(#"href="mailto:a@b.vn""#) && page.contains(#"href="https://example.org/""#))
        for (path, bytes) in site {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.lowercased().contains("javascript:") && !text.contains("alert(document.domain)") && !text.contains("onerror"), "\(path)")
        }
    }
}
