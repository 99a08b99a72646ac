import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Staleness and coverage (issue 5): which fields went stale, the CI gate, `quangba diff`,
/// and the HTML report, run through the built executable on a copy of the fixture.
@Suite struct TranslationStatusTests {
    static let article = "an-toan-giao-thong-dip-le-hoi"
    static let viPath = "content/article/an-toan-giao-thong-dip-le-hoi/vi.md"

    /// The fixture with one known edit: the source's title changed through `quangba set`
    /// (which keeps the version en.md was made from) and a sentence added to its body by hand.
    private func fixtureWithEditedSource() throws -> CLI {
        let cli = try CLI(fixture: true)
        let r = try cli.run(["set", Self.article, "--lang", "vi", "title=An toàn giao thông mùa lễ hội"])
        #expect(r.status == 0, "\(r.err)")
        let url = cli.root.appendingPathComponent(Self.viPath)
        try (cli.file(Self.viPath) + "Hãy đội mũ bảo hiểm.\n").write(to: url, atomically: true, encoding: .utf8)
        return cli
    }

    @Test func staleRowsNameTheChangedFields() throws {
        let cli = try fixtureWithEditedSource()
        defer { cli.cleanup() }
        var r = try cli.run(["status", "--items", "--lang", "en", "--format", "json"])
        let rows = (try cli.json(r) as! [String: Any])["items"] as! [[String: Any]]
        let stale = try #require(rows.first { $0["coverage"] as? String == "stale" })
        #expect(stale["id"] as? String == Self.article)
        #expect(stale["changed"] as? [String] == ["title", "body"])
        #expect(stale["history"] as? String == "snapshot")
        r = try cli.run(["status", "--items", "--lang", "en"])
        #expect(r.out.contains("stale        \(Self.article)  (title, body)"), "\(r.out)")

        // Without the kept copy (and no git), the fields cannot be known: say so.
        try FileManager.default.removeItem(at: cli.root.appendingPathComponent("content/article/\(Self.article)/.translated-from"))
        r = try cli.run(["status", "--items", "--lang", "en", "--format", "json"])
        let row = ((try cli.json(r) as! [String: Any])["items"] as! [[String: Any]]).first { $0["coverage"] as? String == "stale" }!
        #expect(row["changed"] is NSNull && row["history"] as? String == "not_found")
        r = try cli.run(["status", "--items", "--lang", "en"])
        #expect(r.out.contains("\(Self.article)  (source history not found)"), "\(r.out)")
    }

    /// The fixture has, for en: one current (anh-mau-son), one stale after the edit, three
    /// missing among the public items submitted or beyond (the internal item and the draft
    /// never submitted are not counted); for ja: one draft; no language has a stale translation
    /// before the edit.
    @Test func failOnExitCodes() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        var r = try cli.run(["status", "--fail-on", "stale"])
        #expect(r.status == 0, "\(r.err)")
        r = try cli.run(["status", "--fail-on", "draft", "--lang", "en"])
        #expect(r.status == 0, "\(r.err)")
        r = try cli.run(["status", "--fail-on", "draft,stale"])
        #expect(r.status == 1)
        #expect(r.out.contains("language"))  // the normal output comes first
        #expect(r.err.contains("1 draft") && r.err.contains("quangba status --items"), "\(r.err)")
        r = try cli.run(["status", "--fail-on", "stale,missing", "--lang", "en"])
        #expect(r.status == 1 && r.err.contains("3 missing") && !r.err.contains("stale"), "\(r.err)")
        r = try cli.run(["status", "--fail-on", "stale,outdated"])
        #expect(r.status == 64 && r.err.contains("“outdated”") && r.err.contains("stale, missing, draft"), "\(r.err)")
        r = try cli.run(["status", "--fail-on", "current"])
        #expect(r.status == 64)

        let url = cli.root.appendingPathComponent(Self.viPath)
        try (cli.file(Self.viPath) + "Câu mới.\n").write(to: url, atomically: true, encoding: .utf8)
        r = try cli.run(["status", "--fail-on", "stale", "--lang", "en"])
        #expect(r.status == 1 && r.err.contains("1 stale"), "\(r.err)")
        r = try cli.run(["status", "--fail-on", "stale", "--lang", "ja"])
        #expect(r.status == 0)  // ja has no translation of that item
    }

    @Test func diffShowsTheKnownEdit() throws {
        let cli = try fixtureWithEditedSource()
        defer { cli.cleanup() }
        var r = try cli.run(["diff", Self.article, "--lang", "en"])
        #expect(r.status == 0, "\(r.err)")
        let expected = """
            [title]
            -An toàn giao thông dịp lễ hội
            +An toàn giao thông mùa lễ hội
            [body]
            @@ -1 +1,2 @@
             Dịp lễ hội mùa xuân, lượng khách tới Lạng Sơn tăng mạnh. Du khách nên đi đúng làn đường.
            +Hãy đội mũ bảo hiểm.
            """
        #expect(r.out.hasSuffix(expected + "\n"), "\(r.out)")
        #expect(!r.out.contains("\u{1B}["))  // no colour into a pipe
        #expect(r.out.contains("--- \(Self.viPath) (the source version kept in content/article/\(Self.article)/.translated-from/"))
        #expect(r.err.contains("quangba translate \(Self.article) --to en --restamp"))

        r = try cli.run(["diff", Self.article, "--lang", "en", "--format", "json"])
        let o = try cli.json(r) as! [String: Any]
        let changes = o["changes"] as! [[String: Any]]
        #expect(changes.map { $0["field"] as! String } == ["title", "body"])
        #expect(changes[0]["old"] as? String == "An toàn giao thông dịp lễ hội" && changes[0]["new"] as? String == "An toàn giao thông mùa lễ hội")
        let hunk = (changes[1]["hunks"] as! [[String: Any]])[0]
        #expect(hunk["header"] as? String == "@@ -1 +1,2 @@")
        #expect((hunk["lines"] as? [String])?.last == "+Hãy đội mũ bảo hiểm.")
        #expect((o["history"] as? [String: Any])?["snapshot"] != nil)

        // After the translator catches up and restamps, there is nothing to show.
        #expect(try cli.run(["translate", Self.article, "--to", "en", "--restamp"]).status == 0)
        r = try cli.run(["diff", Self.article, "--lang", "en"])
        #expect(r.status == 0 && r.out.contains("no changes"), "\(r.out)\(r.err)")
    }

    @Test func diffErrorsNameTheItemOrFile() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        var r = try cli.run(["diff", "khong-co", "--lang", "en"])
        #expect(r.status == 1 && r.err.contains("khong-co"), "\(r.err)")
        r = try cli.run(["diff", Self.article, "--lang", "fr"])
        #expect(r.status == 1 && r.err.contains("“fr”") && r.err.contains("zh-Hans"), "\(r.err)")
        r = try cli.run(["diff", Self.article, "--lang", "vi"])
        #expect(r.status == 1 && r.err.contains("source language of \(Self.article)"), "\(r.err)")
        r = try cli.run(["diff", Self.article, "--lang", "ja"])
        #expect(r.status == 1 && r.err.contains("has no ja version") && r.err.contains("quangba translate \(Self.article) --to ja"), "\(r.err)")
        // A hand edit with no copy kept and no git: the history is not found.
        let url = cli.root.appendingPathComponent(Self.viPath)
        try (cli.file(Self.viPath) + "Câu mới.\n").write(to: url, atomically: true, encoding: .utf8)
        r = try cli.run(["diff", Self.article, "--lang", "en"])
        #expect(r.status == 1, "\(r.out)")
        #expect(r.err.contains("content/article/\(Self.article)/en.md") && r.err.contains("git has no matching version")
                && r.err.contains("--restamp"), "\(r.err)")
        r = try cli.run(["diff", Self.article, "--lang", "en", "--ui-lang", "vi"])
        #expect(r.err.contains("không còn lưu"), "\(r.err)")
    }

    /// The sample repository's deliberate gap: the source of gioi-thieu-tinh-lang-son was
    /// corrected after translation (one sentence of the last paragraph).
    @Test func sampleRepositoryShowsTheCorrection() throws {
        let cli = try CLI(fixture: false)
        defer { cli.cleanup() }
        let r = try cli.run(["diff", "gioi-thieu-tinh-lang-son", "--lang", "en", "--format", "json", "--root", CLI.packageRoot.path])
        #expect(r.status == 0, "\(r.err)")
        let changes = (try cli.json(r) as! [String: Any])["changes"] as! [[String: Any]]
        #expect(changes.map { $0["field"] as! String } == ["body"])
        let lines = (changes[0]["hunks"] as! [[String: Any]]).flatMap { $0["lines"] as! [String] }
        #expect(lines.contains { $0.hasPrefix("-") && $0.contains("cao tốc Hà Nội – Lạng Sơn") })
        #expect(lines.contains { $0.hasPrefix("+") && $0.contains("cao tốc Hữu Nghị – Chi Lăng") })
    }

    /// The report's numbers are checked against facts of the fixture worked out by hand, read
    /// from the page parsed as XML (so it is also well-formed).
    @Test func htmlReportCounts() throws {
        let cli = try fixtureWithEditedSource()
        defer { cli.cleanup() }
        var r = try cli.run(["status", "--format", "html"])
        #expect(r.status == 64 && r.err.contains("--out"), "\(r.err)")
        r = try cli.run(["status", "--format", "html", "--out", "report.html"])
        #expect(r.status == 0, "\(r.err)")
        let html = cli.file("report.html")
        #expect(!html.contains("<script") && html.contains("<meta charset=\"utf-8\"/>") && html.contains("<html lang=\"en\">"))
        let doc = try XMLDocument(data: Data(html.utf8), options: [])
        func text(_ xpath: String) throws -> [String] { try doc.nodes(forXPath: xpath).map { $0.stringValue ?? "" } }
        func cell(_ lang: String, _ dim: String, _ code: String, _ state: String) throws -> Int? {
            try text("//section[@id='lang-\(lang)']//table[@class='counts \(dim)']/tbody/tr[@data-code='\(code)']/td[@class='\(state)']").first.flatMap { Int($0) }
        }
        #expect(try text("/html/body/header/h1").first == "Translation coverage — Lạng Sơn")
        // en: an-toan… stale; anh-mau-son current; three of the counted items have no en.md
        // (dan-ca-then, a draft, and dong-dang, internal, have none either but are not counted).
        #expect(try cell("en", "kind", "article", "stale") == 1)
        #expect(try cell("en", "kind", "article", "missing") == 2)
        #expect(try cell("en", "kind", "media", "current") == 1)
        #expect(try cell("en", "kind", "project", "missing") == 1)
        #expect(try cell("en", "unit", "van-phong", "stale") == 1)
        #expect(try cell("en", "unit", "van-phong", "missing") == 2)
        #expect(try cell("en", "unit", "so-vhttdl", "current") == 1)
        #expect(try cell("en", "unit", "so-vhttdl", "missing") == 1)
        #expect(try text("//section[@id='lang-en']//table[@class='counts unit']/tbody/tr[@data-code='so-vhttdl']/th").first == "Department of Culture, Sports and Tourism")
        // ja: only the project has a ja.md, a draft.
        #expect(try cell("ja", "kind", "project", "draft") == 1)
        #expect(try cell("ja", "kind", "article", "missing") == 3)
        // Every chart is an accessible image with a title.
        let charts = try doc.nodes(forXPath: "//*[local-name()='svg']")
        #expect(charts.count == 10)  // two per language
        #expect(try doc.nodes(forXPath: "//*[local-name()='svg'][@role='img']/*[local-name()='title']").count == 10)
        // What needs work in en: four rows; the stale one names its fields and the fix.
        let work = try doc.nodes(forXPath: "//section[@id='lang-en']//table[@class='work']/tbody/tr")
        #expect(work.count == 4)
        let staleRow = try text("//section[@id='lang-en']//table[@class='work']/tbody/tr[@class='stale']/td")
        #expect(staleRow == [Self.article, "article", "Office of the Provincial People's Committee", "stale", "title, body", "quangba diff \(Self.article) --lang en"])
        #expect(html.contains("Office of the Provincial People&#39;s Committee"))  // escaped

        r = try cli.run(["status", "--format", "html", "--out", "bao-cao.html", "--ui-lang", "vi"])
        let vi = cli.file("bao-cao.html")
        #expect(vi.contains("<html lang=\"vi\">") && vi.contains("Văn phòng UBND tỉnh") && vi.contains("Tình hình dịch thuật"))
    }

    /// The kept copies never reach the index or the site.
    @Test func historyFolderStaysOutOfIndexAndSite() throws {
        let cli = try fixtureWithEditedSource()
        defer { cli.cleanup() }
        #expect(FileManager.default.fileExists(atPath: cli.root.appendingPathComponent("content/article/\(Self.article)/.translated-from").path))
        var r = try cli.run(["index", "--rebuild"])
        #expect(r.status == 0 && r.out.contains("7 items"), "\(r.out)")
        // A new file in the folder does not make the item's folder look changed to the index.
        let extra = cli.root.appendingPathComponent("content/article/\(Self.article)/.translated-from/\(String(repeating: "0", count: 64)).md")
        try "---\ntitle: x\n---\n".write(to: extra, atomically: true, encoding: .utf8)
        r = try cli.run(["index"])
        #expect(r.out.contains("0 added, 0 updated, 0 removed, 7 unchanged"), "\(r.out)")
        try FileManager.default.removeItem(at: extra)
        r = try cli.run(["validate"])
        #expect(r.status == 0 && r.out.isEmpty && r.err.contains("0 warnings"), "\(r.out)\(r.err)")
        for folder in ["site-templates", "locales"] {
            try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent(folder), to: cli.root.appendingPathComponent(folder))
        }
        // The edited source is public once a second person approves it.
        r = try cli.run(["workflow", "approve", Self.article, "--by", "Lê Văn Nam"])
        #expect(r.status == 0, "\(r.err)")
        r = try cli.run(["build"])
        #expect(r.status == 0, "\(r.err)")
        let files = FileManager.default.enumerator(atPath: cli.root.appendingPathComponent("_site").path)?.allObjects as? [String] ?? []
        #expect(!files.isEmpty && !files.contains { $0.contains("translated-from") })
        let site = files.filter { $0.hasSuffix(".html") }.map { cli.file("_site/\($0)") }.joined()
        #expect(!site.contains("An toàn giao thông dịp lễ hội"))  // the old title lives only in the copy
    }
}
