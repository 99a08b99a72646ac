import Foundation
import Testing

/// Text that tries to break out of where it is written, as an item's title and summary,
/// through `quangba build` and `quangba export xml`, read back by the real readers: Chromium
/// renders the page (with its body: a title holding `<!--<script>` once kept the JSON-LD
/// element open and the page empty), Python's json parses the JSON-LD, xmllint and
/// ElementTree read the feed, sitemap and export (Tests/browser/hostile_text.py).
@Suite(.serialized) struct HostileTextTests {
    static let title = "</script><!--<script> ]]> \"onmouseover=alert(1) x=\" 'q' &amp; &lt;b&gt; a\u{2028}b\u{2029}c "
        + "\u{202E}RTL override\u{202C} \u{0301}lone mark \"\u{0301} Lạng Sơn 谅山"
    static let summary = "<!--<script>alert(document.domain)</script> ]]> </SCRIPT > -->'\"& \u{2028} 🇻🇳"

    /// A YAML double-quoted scalar, every character outside ASCII's printable range escaped.
    static func yaml(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where u.value < 0x20 || (0x7F...0xFFFF).contains(u.value): out += String(format: "\\u%04X", u.value)
            case _ where u.value > 0xFFFF: out += String(format: "\\U%08X", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    @Test func hostileTitleAndSummaryStayText() throws {
        for tool in ["chromium", "chromedriver", "xmllint"] where !FileManager.default.isExecutableFile(atPath: "/usr/bin/\(tool)") {
            Issue.record("\(tool) is not installed: run scripts/install-deps.sh --test")
            return
        }
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        for folder in ["site-templates", "locales"] {
            try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent(folder), to: cli.root.appendingPathComponent(folder))
        }
        let folder = cli.root.appendingPathComponent("content/article/tieu-de-doc-hai")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("""
            kind: article
            source_language: vi
            created: 2026-10-01T02:00:00Z
            updated: 2026-10-02T02:00:00Z
            author: Người Kiểm Thử
            state: published
            published: 2026-10-02T02:00:00Z
            classification: public
            unit: van-phong
            topics: [land-people]

            """.utf8).write(to: folder.appendingPathComponent("item.yaml"))
        try Data("---\ntitle: \(Self.yaml(Self.title))\nsummary: \(Self.yaml(Self.summary))\n---\n\nNội dung.\n".utf8)
            .write(to: folder.appendingPathComponent("vi.md"))

        var r = try cli.run(["validate"])
        #expect(!r.out.contains("tieu-de-doc-hai"), "\(r.out)")
        r = try cli.run(["build"])
        #expect(r.status == 0, "\(r.err)")
        r = try cli.run(["export", "xml", "--out", "export.xml"])
        #expect(r.status == 0, "\(r.err)")
        let site = cli.root.appendingPathComponent("_site")
        let page = site.appendingPathComponent("vi/news/tieu-de-doc-hai/index.html")
        #expect(FileManager.default.fileExists(atPath: page.path))

        for file in [site.appendingPathComponent("vi/feed.xml"), site.appendingPathComponent("sitemap-vi.xml"), cli.root.appendingPathComponent("export.xml")] {
            let lint = try tool("/usr/bin/xmllint", ["--noout", file.path])
            #expect(lint.status == 0, "\(file.lastPathComponent): \(lint.errors)")
        }

        let facts = try tool("/usr/bin/env", ["python3", CLI.packageRoot.appendingPathComponent("Tests/browser/hostile_text.py").path,
                                               page.path, site.appendingPathComponent("vi/feed.xml").path, cli.root.appendingPathComponent("export.xml").path])
        #expect(facts.status == 0, "\(facts.errors.suffix(2000))")
        let read = try #require(try JSONSerialization.jsonObject(with: Data(facts.output.utf8)) as? [String: Any], "\(facts.output.suffix(2000))")
        #expect(read["mainRendered"] as? Bool == true, "the page's body does not render")
        #expect(read["h1"] as? String == Self.title)
        #expect((read["title"] as? String)?.hasPrefix(Self.title) == true, "\(read["title"] ?? "")")
        #expect(read["description"] as? String == Self.summary)
        #expect(read["ogTitle"] as? String == Self.title)
        let jsonld = read["jsonld"] as? [[String: Any]] ?? []
        // Two blocks: the site's (publisher, breadcrumbs) and the article's; both read back to the text.
        let article = jsonld.first { $0["headline"] != nil }
        #expect(jsonld.count == 2 && article?["headline"] as? String == Self.title && article?["description"] as? String == Self.summary,
                "\(jsonld)")
        let graph = jsonld.compactMap { $0["@graph"] as? [[String: Any]] }.first ?? []
        let crumbs = graph.first { $0["@type"] as? String == "BreadcrumbList" }?["itemListElement"] as? [[String: Any]] ?? []
        #expect(crumbs.last?["name"] as? String == Self.title, "\(crumbs)")
        for output in ["feed", "export"] {
            let texts = read[output] as? [String] ?? []
            #expect(texts.contains(Self.title) && texts.contains(Self.summary), "\(output): \(texts)")
        }
    }

    func tool(_ path: String, _ args: [String]) throws -> (status: Int32, output: String, errors: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }
}
