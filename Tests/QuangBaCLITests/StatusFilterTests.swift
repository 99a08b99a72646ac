import Foundation
import Testing

/// `quangba status` counts what is meant to be translated: public items submitted for review or
/// beyond. The fixture has an internal draft (dong-dang) and a public draft never submitted
/// (dan-ca-then), neither with an English version.
@Suite struct StatusFilterTests {
    static func json(_ r: CLI.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any], "\(r.out) \(r.err)")
    }

    static func counts(_ o: [String: Any], _ lang: String) -> [String: Int] {
        ((o["counts"] as? [[String: Any]])?.first { $0["lang"] as? String == lang } ?? [:]).compactMapValues { $0 as? Int }
    }

    @Test func failOnMissingPassesWhenEverythingSubmittedIsTranslated() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        // Before: the published items without an English version are missing.
        var r = try cli.run(["status", "--lang", "en", "--fail-on", "missing"])
        #expect(r.status == 1, "\(r.out)")
        for id in ["an-uong-xu-lang", "uu-dai-dau-tu", "du-an-logistics-dong-dang"] {
            let t = try cli.run(["translate", id, "--to", "en"])
            #expect(t.status == 0, "\(t.err)")
        }
        r = try cli.run(["status", "--lang", "en", "--fail-on", "missing"])
        #expect(r.status == 0, "\(r.out)\n\(r.err)")
        // What it left out, and why.
        #expect(r.out.contains("Not counted — internal: 1, drafts not yet submitted: 1"), "\(r.out)")
        let o = try Self.json(try cli.run(["status", "--lang", "en", "--format", "json"]))
        #expect(Self.counts(o, "en")["missing"] == 0)
        let excluded = try #require(o["excluded"] as? [String: Int])
        #expect(excluded["internal"] == 1 && excluded["drafts"] == 1 && excluded["withdrawn"] == 0)

        // Asked for, the draft is counted (and has no English version); the internal item never is.
        r = try cli.run(["status", "--lang", "en", "--state", "draft", "--fail-on", "missing"])
        #expect(r.status == 1)
        #expect(r.err.contains("1 missing"), "\(r.err)")
        #expect(r.out.contains("Not counted — internal: 1, in other states: 5 (--state chose the states that count"), "\(r.out)")
        let drafts = try Self.json(try cli.run(["status", "--state", "draft", "--format", "json"]))
        #expect(Self.counts(drafts, "en")["missing"] == 1)
        #expect((drafts["excluded"] as? [String: Int])?["internal"] == 1)
    }

    @Test func filtersByUnitKindAndState() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        // so-vhttdl: two published items and the draft.
        var o = try Self.json(try cli.run(["status", "--unit", "so-vhttdl", "--format", "json"]))
        #expect(Self.counts(o, "vi")["current"] == 2, "\(o)")
        #expect((o["excluded"] as? [String: Int])?["drafts"] == 1)
        o = try Self.json(try cli.run(["status", "--kind", "project", "--format", "json", "--items"]))
        #expect(Set(((o["items"] as? [[String: Any]]) ?? []).map { $0["id"] as! String }) == ["du-an-logistics-dong-dang"])
        #expect(Self.counts(o, "vi")["current"] == 1)
        o = try Self.json(try cli.run(["status", "--state", "published,review", "--kind", "article", "--format", "json"]))
        #expect(Self.counts(o, "vi")["current"] == 3, "\(o)")
    }

    @Test func unknownFilterValuesAreRefusedWithTheValidOnes() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        var r = try cli.run(["status", "--kind", "articles"])
        #expect(r.status != 0 && r.err.contains("“articles”") && r.err.contains("article, clarification, media, project, event, publication"), "\(r.err)")
        r = try cli.run(["status", "--state", "submitted"])
        #expect(r.status != 0 && r.err.contains("“submitted”") && r.err.contains("draft, review, approved, published, withdrawn"), "\(r.err)")
        r = try cli.run(["status", "--unit", "so-gd"])
        #expect(r.status == 1 && r.err.contains("van-phong, so-vhttdl"), "\(r.err)")
        r = try cli.run(["status", "--kind", "articles", "--ui-lang", "vi"])
        #expect(r.err.contains("không phải một loại nội dung"), "\(r.err)")
    }

    /// The Vietnamese report names kinds in Vietnamese and says what it left out.
    @Test func htmlReportInVietnamese() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let r = try cli.run(["status", "--format", "html", "--out", "report.html", "--ui-lang", "vi"])
        #expect(r.status == 0, "\(r.err)")
        let html = cli.file("report.html")
        #expect(html.contains("<th scope=\"row\">tin tức</th>") && html.contains("<th scope=\"row\">dự án đầu tư</th>"))
        #expect(!html.contains("<th scope=\"row\">article</th>") && !html.contains("<td>article</td>"))
        #expect(html.contains("<p class=\"excluded\">Không tính — mục nội bộ: 1, bản nháp chưa gửi duyệt: 1"), "\(html)")
    }
}
