import Foundation
import Testing

/// The small traps a new editor falls into (issue 17), each tried as that editor would, with the
/// built binary.
@Suite struct EditorTrapsTests {
    /// An executable shell script at `url`.
    func script(_ url: URL, _ body: String) throws {
        try ("#!/bin/sh\n" + body + "\n").write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }

    func rescues(_ cli: CLI) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cli.root.appendingPathComponent(".quangba/rescue").path)) ?? []).sorted()
    }

    @Test func listNeverCutsIdsAndExplainsItsMarkers() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let title = "Hội nghị xúc tiến đầu tư vào các khu kinh tế cửa khẩu của tỉnh Lạng Sơn năm 2027"
        var r = try cli.run(["new", "article", "--title", title, "--unit", "van-phong"])
        #expect(r.status == 0, "\(r.err)")
        let id = r.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(id.count > 48)

        r = try cli.run(["list"])
        #expect(r.status == 0)
        // The id as printed is the id: it can be pasted into the next command.
        let printed = try #require(r.out.split(separator: "\n").first { $0.contains(String(id.prefix(30))) })
        let pasted = String(printed.split(separator: " ").first!)
        #expect(pasted == id)
        #expect(try cli.run(["show", pasted]).status == 0)
        // The fixture's internal item has its "*", explained; no "!" shown, none explained.
        #expect(r.out.split(separator: "\n").contains { $0.hasPrefix("dong-dang ") && $0.contains("*") }, "\(r.out)")
        #expect(!printed.contains("*"))
        #expect(r.err.contains("classified internal"), "\(r.err)")
        #expect(!r.err.contains("has errors"))

        // A broken item gets "!", explained in the UI language.
        let yaml = cli.root.appendingPathComponent("content/article/dan-ca-then/item.yaml")
        try cli.file("content/article/dan-ca-then/item.yaml").replacingOccurrences(of: "unit: ", with: "unit: khong-co-don-vi\nx_unit: ")
            .write(to: yaml, atomically: true, encoding: .utf8)
        r = try cli.run(["list", "--ui-lang", "vi"])
        #expect(r.out.split(separator: "\n").contains { $0.hasPrefix("dan-ca-then ") && $0.contains("!") }, "\(r.out)")
        #expect(r.err.contains("mục có lỗi") && r.err.contains("quangba validate"), "\(r.err)")
        #expect(r.err.contains("nội bộ"))
        // JSON is for programs: no legend.
        r = try cli.run(["list", "--format", "json"])
        #expect(!r.err.contains("classified internal"))
    }

    @Test func aDuplicateTitleWarnsAndNamesTheOtherItem() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        var r = try cli.run(["new", "article", "--title", "Dân ca Then", "--unit", "van-phong"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == "dan-ca-then-2\n")
        #expect(r.err.contains("dan-ca-then") && r.err.contains("quangba show dan-ca-then`"), "\(r.err)")
        #expect(r.err.contains("warning"))

        // A media item with the title of an article (and of the article just made): both named.
        let jpeg = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/images/red-blue-13x7.jpg").path
        r = try cli.run(["media", "add", jpeg, "--title", "dân ca then", "--credit", "Thử", "--licence", "cc-by-4.0", "--unit", "van-phong", "--ui-lang", "vi"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == "dan-ca-then-3\n")
        #expect(r.err.contains("quangba show dan-ca-then`") && r.err.contains("quangba show dan-ca-then-2`"), "\(r.err)")
        #expect(r.err.contains("cảnh báo"), "\(r.err)")

        // Another title that makes another id: no warning.
        r = try cli.run(["new", "article", "--title", "Dân ca Then xứ Lạng", "--unit", "van-phong"])
        #expect(r.status == 0 && !r.err.contains("quangba show"), "\(r.err)")
    }

    /// Without VISUAL or EDITOR, nano when it is on the PATH (a script standing in for it records
    /// that it ran), else vi; the editor used is named.
    @Test func editFallsBackToNanoThenVi() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let bin = cli.root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let called = cli.root.appendingPathComponent("called")
        for name in ["nano", "vi"] {
            try script(bin.appendingPathComponent(name), "printf '%s\\n' \(name) >> \"\(called.path)\"\nprintf '%s\\n' 'Câu thêm bằng \(name).' >> \"$1\"")
        }
        let env = ["EDITOR": "", "VISUAL": "", "PATH": bin.path]
        var r = try cli.run(["edit", "dan-ca-then", "--lang", "vi"], env: env)
        #expect(r.status == 0, "\(r.err)")
        #expect(cli.file("called") == "nano\n")
        #expect(cli.file("content/article/dan-ca-then/vi.md").hasSuffix("Câu thêm bằng nano.\n"))
        #expect(r.err.contains("nano") && r.err.contains("EDITOR"), "\(r.err)")

        try FileManager.default.removeItem(at: bin.appendingPathComponent("nano"))
        r = try cli.run(["edit", "dan-ca-then", "--lang", "vi", "--ui-lang", "vi"], env: env)
        #expect(r.status == 0, "\(r.err)")
        #expect(cli.file("called") == "nano\nvi\n")
        #expect(r.err.contains("vi") && r.err.contains("EDITOR") && r.err.contains("chưa chọn trình soạn thảo"), "\(r.err)")

        // A chosen editor is used as it is, and nothing is said about it.
        r = try cli.run(["edit", "dan-ca-then", "--lang", "vi"], env: ["PATH": bin.path + ":/usr/bin:/bin", "EDITOR": bin.appendingPathComponent("vi").path])
        #expect(r.status == 0 && !r.err.contains("VISUAL"), "\(r.err)")
    }

    /// An edit that could not be saved is kept in rescue; `--recover` takes it up, and saves it
    /// once fixed, removing the rescued copy.
    @Test func recoverTakesUpARescuedEdit() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let path = "content/article/dan-ca-then/vi.md"
        let original = cli.file(path)
        var r = try cli.run(["edit", "dan-ca-then", "--lang", "vi", "--recover"])
        #expect(r.status == 1 && r.err.contains("no rescued text"), "\(r.err)")
        // Adds a sentence and breaks the front matter (an unclosed quote).
        let breaker = cli.root.appendingPathComponent("break.sh")
        try script(breaker, "sed -i 's/^title: Dân ca Then$/title: \"Dân ca Then/' \"$1\"\nprintf '%s\\n' 'Hát then, đàn tính.' >> \"$1\"")
        r = try cli.run(["edit", "dan-ca-then", "--lang", "vi"], env: ["EDITOR": breaker.path])
        #expect(r.status == 1)
        #expect(cli.file(path) == original)
        #expect(rescues(cli).count == 1)

        // The fix: close the quote. The editor sees the rescued text, not the file's.
        let fixer = cli.root.appendingPathComponent("fix.sh")
        let seen = cli.root.appendingPathComponent("seen")
        try script(fixer, "cp \"$1\" \"\(seen.path)\"\nsed -i 's/^title: \"Dân ca Then$/title: \"Dân ca Then\"/' \"$1\"")
        r = try cli.run(["edit", "dan-ca-then", "--lang", "vi", "--recover"], env: ["EDITOR": fixer.path])
        #expect(r.status == 0, "\(r.err)")
        #expect(cli.file("seen").contains("Hát then, đàn tính."))
        let saved = cli.file(path)
        #expect(saved.contains("Dân ca Then") && saved.hasSuffix("Hát then, đàn tính.\n"), "\(saved)")
        #expect(rescues(cli).isEmpty)
        r = try cli.run(["validate"])
        #expect(!r.out.split(separator: "\n").contains { $0.contains("dan-ca-then/vi.md") && $0.contains("error") }, "\(r.out)")

        // Two rescued texts: the newest is taken and the other is listed (and kept).
        r = try cli.run(["edit", "dan-ca-then", "--lang", "vi"], env: ["EDITOR": "sed -i 's/^title: .*$/title: \"Một/'"])
        #expect(r.status == 1)
        Thread.sleep(forTimeInterval: 1.1)
        r = try cli.run(["edit", "dan-ca-then", "--lang", "vi"], env: ["EDITOR": "sed -i 's/^title: .*$/title: \"Hai/'"])
        #expect(r.status == 1)
        let kept = rescues(cli)
        #expect(kept.count == 2)
        r = try cli.run(["edit", "dan-ca-then", "--lang", "vi", "--recover"], env: ["EDITOR": "sed -i 's/^title: \"\\(.*\\)$/title: \\1/'"])
        #expect(r.status == 0, "\(r.err)")
        #expect(cli.file(path).contains("title: Hai"))
        #expect(rescues(cli) == [kept[0]])
        #expect(r.err.contains(kept[0]), "\(r.err)")
    }

    /// A language file or item.yaml that is there but broken is reported once, as broken, never
    /// also as missing.
    @Test func aBrokenFileIsReportedOnceAndNotAsMissing() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let vi = cli.root.appendingPathComponent("content/article/dan-ca-then/vi.md")
        try cli.file("content/article/dan-ca-then/vi.md").replacingOccurrences(of: "title: Dân ca Then", with: "title: \"Dân ca Then")
            .write(to: vi, atomically: true, encoding: .utf8)
        var r = try cli.run(["validate"])
        #expect(r.status == 1)
        var lines = r.out.split(separator: "\n").filter { $0.contains("dan-ca-then/vi.md") }
        #expect(lines.count == 1 && lines[0].contains("vi.md:2:"), "\(r.out)")
        #expect(!r.out.contains("file vi.md is missing"), "\(r.out)")

        // Not UTF-8: the same.
        try Data([0x2D, 0x2D, 0x2D, 0x0A, 0x74, 0x69, 0x74, 0x6C, 0x65, 0x3A, 0x20, 0xFF, 0x0A, 0x2D, 0x2D, 0x2D, 0x0A]).write(to: vi)
        r = try cli.run(["validate", "--ui-lang", "vi"])
        lines = r.out.split(separator: "\n").filter { $0.contains("dan-ca-then/vi.md") }
        #expect(lines.count == 1 && lines[0].contains("UTF-8"), "\(r.out)")
        #expect(!r.out.contains("thiếu tệp ngôn ngữ nguồn"), "\(r.out)")
        r = try cli.run(["edit", "dan-ca-then", "--lang", "vi"], env: ["EDITOR": "true"])
        #expect(r.status == 1 && r.err.contains("UTF-8") && !r.err.contains("translate"), "\(r.err)")

        // A translation: `show` says its file cannot be read, not that it is not translated.
        let en = cli.root.appendingPathComponent("content/article/an-toan-giao-thong-dip-le-hoi/en.md")
        try cli.file("content/article/an-toan-giao-thong-dip-le-hoi/en.md").replacingOccurrences(of: "title: ", with: "title: [")
            .write(to: en, atomically: true, encoding: .utf8)
        r = try cli.run(["show", "an-toan-giao-thong-dip-le-hoi"])
        let enLine = try #require(r.out.split(separator: "\n").first { $0.hasPrefix("  en ") }, "\(r.out)")
        #expect(enLine.contains("en.md cannot be read") && !enLine.contains("not translated"), "\(enLine)")
        #expect(r.out.split(separator: "\n").filter { $0.contains("en.md:") }.count == 1, "\(r.out)")

        // item.yaml: the same.
        let yaml = cli.root.appendingPathComponent("content/article/an-uong-xu-lang/item.yaml")
        try Data([0x6B, 0x69, 0x6E, 0x64, 0x3A, 0x20, 0xC3, 0x0A]).write(to: yaml)
        r = try cli.run(["validate"])
        lines = r.out.split(separator: "\n").filter { $0.contains("an-uong-xu-lang/") }
        #expect(lines.count == 1 && lines[0].contains("an-uong-xu-lang/item.yaml:1:") && lines[0].contains("UTF-8"), "\(r.out)")

    }

    /// `show` in Vietnamese: every label and code value in Vietnamese, numbers and dates in
    /// Vietnamese style.
    @Test func showInVietnameseHasNoEnglishLabel() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let labels = ["sector", "capital", "form", "status", "file", "credit", "licence", "size", "taken", "geo", "locality", "area",
                      "schedule", "contact", "legal basis", "start", "end", "pages", "isbn", "state", "unit", "created", "updated", "author"]
        let codes = ["published", "public", "calling", "domestic", "draft", "bytes", "cover", "related"]
        for id in ["du-an-logistics-dong-dang", "anh-mau-son", "dan-ca-then"] {
            let r = try cli.run(["show", id, "--ui-lang", "vi", "--lang", "vi"], env: ["LANG": "vi_VN.UTF-8"])
            #expect(r.status == 0, "\(r.err)")
            // Headed lines only: the body and the titles are content.
            let head = r.out.components(separatedBy: "\n\n")[0]
            for line in head.split(separator: "\n") {
                let words = line.lowercased().split { !$0.isLetter }.map(String.init)
                for l in labels where line.lowercased().contains(l + ":") { Issue.record("English label “\(l)” in: \(line)") }
                for c in codes where words.contains(c) { Issue.record("English code “\(c)” in: \(line)") }
            }
        }
        let r = try cli.run(["show", "du-an-logistics-dong-dang", "--ui-lang", "vi"])
        // The fixture's area_ha: 46.5, with the Vietnamese decimal comma; the sector with its name.
        #expect(r.out.contains("46,5 ha"), "\(r.out)")
        #expect(r.out.contains("logistics ("), "\(r.out)")
        #expect(r.out.contains("2026–2030"), "\(r.out)")
    }

    @Test func yamlSyntaxErrorsAreInTheUILanguage() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let path = "content/article/dan-ca-then/item.yaml"
        let text = cli.file(path)
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("author: ") }) + 1
        try text.replacingOccurrences(of: "author: ", with: "author: \"").write(to: cli.root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        var r = try cli.run(["validate", "--ui-lang", "vi"])
        let message = try #require(r.out.split(separator: "\n").first { $0.hasPrefix(path + ":") }, "\(r.out)")
        #expect(message.hasPrefix("\(path):\(line): lỗi: cột 9:"), "\(message)")
        #expect(message.contains("dấu đóng"), "\(message)")
        #expect(!message.contains("scanning") && !message.contains("quoted scalar"), "\(message)")
        r = try cli.run(["validate"])
        #expect(r.out.contains("\(path):\(line): error: column 9: a quoted text starts here"), "\(r.out)")
    }

    @Test func reportsFormatNumbersForTheUILanguage() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        for folder in ["site-templates", "locales"] {
            try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent(folder), to: cli.root.appendingPathComponent(folder))
        }
        var r = try cli.run(["build", "--ui-lang", "vi"])
        #expect(r.status == 0, "\(r.err)")
        let vi = try #require(r.out.firstMatch(of: #/trong ([0-9.,]+) giây/#), "\(r.out)")
        #expect(!vi.1.contains("."), "\(r.out)")
        #expect(vi.1.contains(",") || Int(vi.1) != nil)
        r = try cli.run(["build"])
        let en = try #require(r.out.firstMatch(of: #/in ([0-9.,]+) s/#), "\(r.out)")
        #expect(!en.1.contains(","), "\(r.out)")
    }
}
