import Foundation
import Testing

/// `quangba xliff export/import` as a coordinator uses them: which items a selection takes,
/// what never leaves, exit codes, and messages that name the file, line and item.
@Suite struct XliffCLITests {
    /// The item ids of an exported file, in order.
    static func fileIDs(_ cli: CLI, _ path: String) -> [String] {
        let text = cli.file(path)
        var ids: [String] = []
        var rest = text[...]
        while let r = rest.range(of: "<file id=\"") {
            let after = rest[r.upperBound...]
            ids.append(String(after.prefix { $0 != "\"" }))
            rest = after
        }
        return ids
    }

    @Test func selectionsAndRefusals() throws {
        let cli = try CLI(fixture: false)
        defer { cli.cleanup() }
        #expect(try cli.run(["init", cli.root.path, "--province", "Lạng Sơn"]).status == 0)
        for title in ["Mới viết", "Đã dịch rồi sửa", "Đã dịch", "Nội bộ"] {
            #expect(try cli.run(["new", "article", "--title", title, "--unit", "van-phong", "--topic", "tourism"]).status == 0)
        }
        _ = try cli.run(["set", "da-dich-roi-sua", "--lang", "vi", "body=Đoạn một.\n\nĐoạn *hai*."])
        #expect(try cli.run(["translate", "da-dich-roi-sua", "--to", "en"]).status == 0)
        #expect(try cli.run(["translate", "da-dich", "--to", "en"]).status == 0)
        // A new translation starts empty: the translator writes it.
        #expect(try cli.run(["set", "da-dich-roi-sua", "--lang", "en", "title=Translated then changed", "body=Paragraph one.\n\nParagraph *two*."]).status == 0)
        #expect(try cli.run(["set", "da-dich", "--lang", "en", "title=Translated"]).status == 0)
        _ = try cli.run(["set", "da-dich-roi-sua", "--lang", "vi", "body=Đoạn một, đã sửa.\n\nĐoạn *hai*."])  // now stale
        #expect(try cli.run(["set", "noi-bo", "classification=internal"]).status == 0)

        func export(_ args: [String]) throws -> (CLI.Result, [String]) {
            try? FileManager.default.removeItem(at: cli.root.appendingPathComponent("out.xlf"))
            let r = try cli.run(["xliff", "export", "--to", "en", "--out", "out.xlf"] + args)
            return (r, Self.fileIDs(cli, "out.xlf"))
        }
        var (r, ids) = try export(["--missing"])
        #expect(r.status == 0, "\(r.err)")
        #expect(ids == ["moi-viet"])
        (r, ids) = try export(["--stale"])
        #expect(ids == ["da-dich-roi-sua"])
        (r, ids) = try export(["--stale", "--missing"])
        #expect(ids == ["da-dich-roi-sua", "moi-viet"])
        (r, ids) = try export([])
        #expect(ids == ["da-dich", "da-dich-roi-sua", "moi-viet"])  // never the internal one
        #expect(r.err.contains("3 items"))

        // Nothing selected: said, exit 0, no file.
        (r, ids) = try export(["--stale", "da-dich"])
        #expect(r.status == 0 && ids.isEmpty && r.err.contains("no item matches"))
        // Named explicitly, an internal item is refused.
        (r, _) = try export(["noi-bo"])
        #expect(r.status == 1 && r.err.contains("noi-bo") && r.err.contains("internal"))
        r = try cli.run(["xliff", "export", "--to", "vi", "--out", "x.xlf"])
        #expect(r.status == 1 && r.err.contains("source language"))
        r = try cli.run(["xliff", "export", "--to", "fr", "--out", "x.xlf"])
        #expect(r.status == 1 && r.err.contains("fr"))

        // The current translations come along as targets. The stale one is offered for checking:
        // the segment whose source changed is in state initial, the unchanged ones are translated
        // (the source it was made from is in .translated-from/).
        (r, _) = try export([])
        let exported = cli.file("out.xlf")
        let stale = String(exported[exported.range(of: "<file id=\"da-dich-roi-sua\"")!.lowerBound...])
        #expect(stale.contains("<segment id=\"s1\" state=\"translated\"><source>Đã dịch rồi sửa</source>"))
        #expect(stale.contains("<segment id=\"s1\" state=\"initial\"><source>Đoạn một, đã sửa.</source><target>Paragraph one.</target>"))
        #expect(stale.contains("<segment id=\"s2\" state=\"translated\"><source>Đoạn <pc"))
        // Returned unconfirmed, that segment counts as not translated: nothing is imported.
        r = try cli.run(["xliff", "import", "out.xlf"])
        #expect(r.status == 1 && r.err.contains("da-dich-roi-sua") && r.err.contains("body/s1"))
        #expect(!cli.file("content/article/da-dich/en.md").contains("translator: Trần Thu Hà"))
        // The translator confirms it.
        try exported.replacingOccurrences(of: "state=\"initial\"><source>Đoạn một, đã sửa.", with: "state=\"translated\"><source>Đoạn một, đã sửa.")
            .write(to: cli.root.appendingPathComponent("out.xlf"), atomically: true, encoding: .utf8)
        r = try cli.run(["xliff", "import", "out.xlf", "--by", "Trần Thu Hà"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == "en  da-dich\nen  da-dich-roi-sua\n")
        #expect(r.err.contains("moi-viet"))
        #expect(cli.file("content/article/da-dich/en.md").contains("translator: Trần Thu Hà"))
        #expect(cli.file("audit/log.jsonl").contains("\"import-translation:en\""))
        #expect(try cli.run(["validate"]).status == 0)
    }

    @Test func refusedImportNamesFileLineAndItemAndWritesNothing() throws {
        let cli = try CLI(fixture: false)
        defer { cli.cleanup() }
        #expect(try cli.run(["init", cli.root.path, "--province", "Lạng Sơn"]).status == 0)
        #expect(try cli.run(["new", "article", "--title", "Chợ Kỳ Lừa", "--unit", "van-phong", "--topic", "tourism"]).status == 0)
        _ = try cli.run(["set", "cho-ky-lua", "--lang", "vi", "body=Chợ họp **từ thế kỷ XV**."])
        #expect(try cli.run(["translate", "cho-ky-lua", "--to", "ja"]).status == 0)
        #expect(try cli.run(["set", "cho-ky-lua", "--lang", "ja", "title=キールア市場", "body=市場は**15世紀から**開かれています。"]).status == 0)
        #expect(try cli.run(["xliff", "export", "--to", "ja", "--out", "ja.xlf"]).status == 0)
        let before = cli.file("content/article/cho-ky-lua/ja.md")
        // A translator's tool changed a code's id inside a target.
        let damaged = cli.file("ja.xlf").replacingOccurrences(of: "<target>市場は<pc id=\"c1\"", with: "<target>市場は<pc id=\"c7\"")
        #expect(damaged != cli.file("ja.xlf"))
        try damaged.write(to: cli.root.appendingPathComponent("ja.xlf"), atomically: true, encoding: .utf8)
        let r = try cli.run(["xliff", "import", "ja.xlf"])
        #expect(r.status == 1)
        let line = try #require(damaged.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("id=\"c7\"") }) + 1
        #expect(r.err.contains("ja.xlf:\(line): cho-ky-lua: error:"), "\(r.err)")
        #expect(r.err.contains("c7"))
        #expect(cli.file("content/article/cho-ky-lua/ja.md") == before)
    }
}
