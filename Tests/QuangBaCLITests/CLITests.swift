import Foundation
import QuangBaContent
import QuangBaCore
import Testing
import Yams

@Suite(.serialized) struct CLITests {
    @Test func binaryIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: CLI.binary.path), "build the tool first: swift build")
    }

    /// The sample repository users see first must always validate (checksums, sizes and
    /// dimensions of every stored file included).
    @Test func sampleRepositoryValidates() throws {
        let cli = try CLI(fixture: false)
        defer { cli.cleanup() }
        let r = try cli.run(["validate", "--root", CLI.packageRoot.path])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(r.out.isEmpty, "warnings or errors: \(r.out)")
    }

    /// The site and the export as a person runs them.
    @Test func buildCheckAndExport() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        for folder in ["site-templates", "locales"] {
            try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent(folder), to: cli.root.appendingPathComponent(folder))
        }
        var r = try cli.run(["build"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("written") && r.out.contains("_site"))
        // The build left the full-text index for the first search, which finds what it should.
        r = try cli.run(["search", "phở chua"])
        #expect(r.status == 0 && r.out.contains("an-uong-xu-lang"), "\(r.out)\(r.err)")
        r = try cli.run(["check"])
        #expect(r.status == 0 && r.out.contains("no problems"), "\(r.out)\(r.err)")
        // A broken link: exit 1, and the file and line of the problem.
        let home = cli.root.appendingPathComponent("_site/en/index.html")
        let html = try String(contentsOf: home, encoding: .utf8)
        try Data(html.replacingOccurrences(of: "href=\"../en/news/\"", with: "href=\"../en/nowhere/\"").utf8).write(to: home)
        r = try cli.run(["check"])
        #expect(r.status == 1)
        #expect(r.out.contains("en/index.html:") && r.out.contains("../en/nowhere/"), "\(r.out)")

        r = try cli.run(["export", "xml", "--out", "export.xml"], in: cli.root)
        #expect(r.status == 0, "\(r.err)")
        let xml = try String(contentsOf: cli.root.appendingPathComponent("export.xml"), encoding: .utf8)
        #expect(xml.hasPrefix("<?xml") && xml.contains("<export xmlns=\"urn:quangba:xml:1\""))
        r = try cli.run(["export", "xml", "--since", "last tuesday"])
        #expect(r.status == 1 && r.err.contains("--since"), "\(r.err)")
        // Nowhere to write: a clear error and nothing left behind.
        r = try cli.run(["export", "xml", "--out", cli.root.appendingPathComponent("no/such/folder/x.xml").path])
        #expect(r.status == 1 && r.err.contains("no/such/folder"), "\(r.err)")
    }

    @Test func initNewTranslateWorkflow() throws {
        let cli = try CLI(fixture: false)
        defer { cli.cleanup() }
        var r = try cli.run(["init", cli.root.path, "--province", "Lạng Sơn"])
        #expect(r.status == 0, "\(r.err)")
        r = try cli.run(["validate"])
        #expect(r.status == 0, "\(r.out)\(r.err)")

        // Without a terminal, a missing flag is an error that says what to give.
        r = try cli.run(["new", "article", "--title", "Chợ Kỳ Lừa"])
        #expect(r.status == 1)
        #expect(r.err.contains("--unit"))

        r = try cli.run(["new", "article", "--title", "Chợ Kỳ Lừa", "--unit", "van-phong", "--topic", "tourism"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == "cho-ky-lua\n")
        r = try cli.run(["new", "article", "--title", "Chợ Kỳ Lừa", "--unit", "van-phong"])
        #expect(r.out == "cho-ky-lua-2\n")  // ids are unique

        // NFD input is stored as NFC.
        r = try cli.run(["set", "cho-ky-lua", "--lang", "vi", "summary=Phie\u{302}\u{300}n chợ", "body=Chợ họp từ thế kỷ XV."])
        #expect(r.status == 0, "\(r.err)")
        let vi = cli.file("content/article/cho-ky-lua/vi.md")
        #expect(vi.contains("summary: Phi\u{1EC1}n chợ"))
        #expect(!vi.unicodeScalars.contains("\u{302}"))

        r = try cli.run(["translate", "cho-ky-lua", "--to", "en", "--by", "Trần Thu Hà"])
        #expect(r.status == 0, "\(r.err)")
        #expect(cli.file("content/article/cho-ky-lua/en.md").contains("source_hash: sha256:"))
        r = try cli.run(["set", "cho-ky-lua", "--lang", "en", "title=Kỳ Lừa Market", "body=The market has met since the 15th century."])
        #expect(r.status == 0, "\(r.err)")

        // The workflow, with its refusals, all recorded in the audit log.
        r = try cli.run(["workflow", "submit", "cho-ky-lua", "--by", "Hoàng Thu Trang"])
        #expect(r.status == 1 && r.err.contains("--declare-no-secrets"))
        r = try cli.run(["workflow", "publish", "cho-ky-lua", "--by", "Lý Thị Hạnh"])
        #expect(r.status == 1 && r.err.contains("draft"))
        #expect(try cli.run(["workflow", "submit", "cho-ky-lua", "--by", "Hoàng Thu Trang", "--declare-no-secrets"]).status == 0)
        r = try cli.run(["workflow", "approve", "cho-ky-lua", "--by", "hoàng thu trang"])
        #expect(r.status == 1 && r.err.contains("the author (Hoàng Thu Trang) cannot approve their own item"), "\(r.err)")
        #expect(try cli.run(["workflow", "approve", "cho-ky-lua", "--by", "Lý Thị Hạnh"]).status == 0)
        #expect(try cli.run(["workflow", "publish", "cho-ky-lua", "--by", "Lý Thị Hạnh", "--note", "Đăng trang chủ"]).status == 0)
        r = try cli.run(["workflow", "approve", "cho-ky-lua", "--lang", "en", "--by", "Trần Thu Hà"])
        #expect(r.status == 1 && r.err.contains("the translator cannot approve their own translation"), "\(r.err)")
        #expect(try cli.run(["workflow", "approve", "cho-ky-lua", "--lang", "en", "--by", "Lý Thị Hạnh"]).status == 0)

        let audit = cli.file("audit/log.jsonl").split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: String] }
        // Creating the items and the translation is recorded too, naming author and translator.
        #expect(audit.map { $0["action"]! } == ["create", "create", "translate:en", "submit", "approve", "publish", "approve-translation:en"])
        #expect(audit[3]["statement"]?.contains("bí mật nhà nước") == true)
        #expect(audit[5]["note"] == "Đăng trang chủ" && audit[5]["from"] == "approved" && audit[5]["to"] == "published")

        r = try cli.run(["show", "cho-ky-lua", "--format", "json"])
        let shown = try cli.json(r) as! [String: Any]
        #expect(shown["public"] as? Bool == true)
        let langs = shown["translations"] as! [[String: Any]]
        #expect(langs.filter { $0["public"] as? Bool == true }.map { $0["lang"] as! String } == ["vi", "en"])
        #expect(langs.first { $0["lang"] as? String == "ja" }?["reasons"] as? [String] == ["missing_translation"])

        // Withdrawing leaves the item as a tombstone in the repository.
        #expect(try cli.run(["workflow", "withdraw", "cho-ky-lua", "--by", "Lý Thị Hạnh"]).status == 0)
        #expect(cli.file("content/article/cho-ky-lua/item.yaml").contains("withdrawn: "))
        #expect(try cli.run(["validate"]).status == 0)
    }

    @Test func setChecksTypesAndRefusesSecrets() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let before = cli.file("content/project/du-an-logistics-dong-dang/item.yaml")
        for bad in [["capital=12 EUR"], ["area_ha=nhiều"], ["sector=mining"], ["state=published"], ["schedule=2030-2026"], ["embargo=mai"]] {
            let r = try cli.run(["set", "du-an-logistics-dong-dang"] + bad)
            #expect(r.status == 1, "\(bad)")
            #expect(r.err.contains("du-an-logistics-dong-dang"), "\(r.err)")
        }
        var r = try cli.run(["set", "du-an-logistics-dong-dang", "--lang", "vi", "body=Kế hoạch\nTỐI MẬT\nnội dung"])
        #expect(r.status == 1 && r.err.contains("MẬT"))
        #expect(cli.file("content/project/du-an-logistics-dong-dang/item.yaml") == before)
        r = try cli.run(["set", "du-an-logistics-dong-dang", "--lang", "vi", "body=Mật ong rừng và mật độ dân số không phải dấu mật."])
        #expect(r.status == 0, "\(r.err)")
        r = try cli.run(["set", "du-an-logistics-dong-dang", "capital=2_900_000_000_000 VND", "area_ha=120.5"])
        #expect(r.status == 0)
        #expect(cli.file("content/project/du-an-logistics-dong-dang/item.yaml").contains("capital: {amount: 2900000000000, currency: VND}"))
    }

    @Test func editKeepsInvalidTextAndSavesValidText() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let script = cli.root.appendingPathComponent("fake-editor.sh")
        // An "editor" that appends a line to the file it is given.
        try "#!/bin/sh\nprintf '%s\\n' \"$QB_APPEND\" >> \"$1\"\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let path = "content/article/dan-ca-then/vi.md"
        let original = cli.file(path)

        var r = try cli.run(["edit", "dan-ca-then", "--lang", "vi"], env: ["EDITOR": script.path, "QB_APPEND": "Hát then, đàn tính."])
        #expect(r.status == 0, "\(r.err)")
        #expect(cli.file(path).hasSuffix("Hát then, đàn tính.\n"))

        let saved = cli.file(path)
        r = try cli.run(["edit", "dan-ca-then"], env: ["EDITOR": script.path, "QB_APPEND": "colour: [red"])
        #expect(r.status == 1)
        #expect(r.err.contains("content/article/dan-ca-then/item.yaml:"))
        let rescue = try #require(r.err.split(separator: " ").first { $0.contains(".quangba/rescue/") }).trimmingCharacters(in: CharacterSet(charactersIn: ",;— \n"))
        #expect((try? String(contentsOfFile: rescue, encoding: .utf8))?.contains("colour: [red") == true)
        #expect(cli.file(path) == saved)
        #expect(saved != original)

        // Changing the state by hand is refused: it goes through the workflow.
        r = try cli.run(["edit", "dan-ca-then"], env: ["EDITOR": "sed -i s/state:\\ draft/state:\\ published/"])
        #expect(r.status == 1 && r.err.contains("workflow"))
    }

    @Test func mediaAddFillsFactsAndRefusesDuplicates() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let jpeg = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/images/red-blue-13x7.jpg").path
        var r = try cli.run(["media", "add", jpeg, "--title", "Cửa khẩu Hữu Nghị", "--alt", "Cổng cửa khẩu", "--credit", "Thử", "--licence", "cc-by-4.0", "--unit", "van-phong"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == "cua-khau-huu-nghi\n")
        let yaml = cli.file("content/media/cua-khau-huu-nghi/item.yaml")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: jpeg))
        #expect(yaml.contains("type: image/jpeg") && yaml.contains("width: 13") && yaml.contains("height: 7") && yaml.contains("bytes: \(bytes.count)"))
        // sha256 checked against coreutils, an independent implementation.
        let sum = Process(); sum.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum"); sum.arguments = [jpeg]
        let pipe = Pipe(); sum.standardOutput = pipe; try sum.run(); sum.waitUntilExit()
        let expected = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
        #expect(yaml.contains("sha256: \(expected)"))

        r = try cli.run(["media", "add", jpeg, "--title", "Bản sao", "--credit", "x", "--unit", "van-phong"])
        #expect(r.status == 1 && r.err.contains("cua-khau-huu-nghi"))
        #expect(!FileManager.default.fileExists(atPath: cli.root.appendingPathComponent("content/media/ban-sao").path))
    }

    @Test func listShowSearchStatus() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        var r = try cli.run(["list", "--sort", "title", "--format", "json"])
        let rows = try cli.json(r) as! [[String: Any]]
        #expect(rows.map { $0["id"] as! String }.prefix(3) == ["an-toan-giao-thong-dip-le-hoi", "anh-mau-son", "an-uong-xu-lang"])
        r = try cli.run(["list", "--kind", "project", "--lang", "ja"])
        #expect(r.out.contains("ドンダン物流プロジェクト"))
        r = try cli.run(["list", "--unit", "nowhere"])
        #expect(r.status == 1 && r.err.contains("van-phong"))
        r = try cli.run(["search", "da", "nang", "--format", "json"])
        #expect((try cli.json(r) as! [[String: Any]]).map { $0["id"] as! String } == ["an-uong-xu-lang"])
        r = try cli.run(["search", "谅山"])
        #expect(r.out.contains("谅山美食"))
        r = try cli.run(["status", "--format", "json"])
        let langs = (try cli.json(r) as! [String: Any])["counts"] as! [[String: Any]]
        #expect(langs.first { $0["lang"] as? String == "ja" }?["draft"] as? Int == 1)
        // A translation made from an older source is still public, and shown stale.
        let vi = cli.root.appendingPathComponent("content/article/an-toan-giao-thong-dip-le-hoi/vi.md")
        try (cli.file("content/article/an-toan-giao-thong-dip-le-hoi/vi.md") + "Câu bổ sung.\n").write(to: vi, atomically: true, encoding: .utf8)
        r = try cli.run(["show", "an-toan-giao-thong-dip-le-hoi", "--format", "json"])
        let en = ((try cli.json(r) as! [String: Any])["translations"] as! [[String: Any]]).first { $0["lang"] as? String == "en" }!
        #expect(en["public"] as? Bool == true && en["stale"] as? Bool == true)
        r = try cli.run(["show", "an-toan-giao-thong-dip-le-hoi"])
        #expect(r.out.contains("stale (the source changed since)"))
        r = try cli.run(["show", "uu-dai-dau-tu"])
        #expect(r.out.contains("embargo until January 1, 2099, 7:00"), "\(r.out)")
        r = try cli.run(["show", "khong-co"])
        #expect(r.status == 1 && r.err.contains("quangba list"))
        r = try cli.run(["index", "--rebuild"])
        #expect(r.status == 0 && r.out.contains("7 items"))
    }

    /// An item that breaks a rule between items: `show` says it is not public and why (the
    /// rule's message at its line), as `validate` does; a duplicate id names both folders.
    @Test func showSaysWhyAnInvalidItemIsNotPublic() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let item = cli.root.appendingPathComponent("content/article/an-uong-xu-lang/item.yaml")
        try cli.file("content/article/an-uong-xu-lang/item.yaml").replacingOccurrences(of: "related: [an-toan-giao-thong-dip-le-hoi]", with: "related: [khong-co]")
            .write(to: item, atomically: true, encoding: .utf8)
        var r = try cli.run(["show", "an-uong-xu-lang", "--format", "json"])
        let o = try cli.json(r) as! [String: Any]
        #expect(o["public"] as? Bool == false && o["item_reasons"] as? [String] == ["invalid"])
        #expect((o["errors"] as? [[String: Any]])?.contains { ($0["file"] as? String ?? "").hasSuffix("item.yaml") && $0["line"] as? Int == 14 && ($0["message"] as? String ?? "").contains("khong-co") } == true, "\(o)")
        #expect((o["translations"] as! [[String: Any]]).allSatisfy { $0["public"] as? Bool == false })
        r = try cli.run(["show", "an-uong-xu-lang"])
        #expect(r.out.contains("not public: the item has validation errors (1, listed below)"), "\(r.out)")
        #expect(r.out.contains("content/article/an-uong-xu-lang/item.yaml:14: error: relations.related points to “khong-co”"), "\(r.out)")
        r = try cli.run(["show", "an-uong-xu-lang"], env: ["LANG": "vi_VN.UTF-8"])
        #expect(r.out.contains("mục có lỗi kiểm tra (1 lỗi, liệt kê bên dưới)"), "\(r.out)")

        let copy = cli.root.appendingPathComponent("content/clarification/dan-ca-then")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: cli.root.appendingPathComponent("content/article/dan-ca-then"), to: copy)
        r = try cli.run(["validate"])
        #expect(r.status == 1)
        #expect(r.out.contains("content/article/dan-ca-then/item.yaml:1: error: id “dan-ca-then” is used again in content/clarification/dan-ca-then"), "\(r.out)")
        #expect(r.out.contains("content/clarification/dan-ca-then/item.yaml:1: error: id “dan-ca-then” is used again in content/article/dan-ca-then"), "\(r.out)")
        r = try cli.run(["show", "dan-ca-then", "--format", "json"])
        #expect((try cli.json(r) as! [String: Any])["item_reasons"] as? [String] == ["invalid", "not_published"])
    }

    @Test func messagesFollowTheLocale() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        var r = try cli.run(["show", "khong-co"], env: ["LANG": "vi_VN.UTF-8"])
        #expect(r.err.contains("lỗi: không có mục nào mang mã “khong-co”"))
        r = try cli.run(["show", "khong-co", "--ui-lang", "en"], env: ["LANG": "vi_VN.UTF-8"])
        #expect(r.err.contains("error: no item with id “khong-co”"))
        r = try cli.run(["status", "--ui-lang", "vi"])
        #expect(r.out.contains("hiện hành") && r.out.contains("lỗi thời"))
    }

    @Test func validateReportsPathLineAndJSON() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let item = cli.root.appendingPathComponent("content/article/dan-ca-then/item.yaml")
        let text = cli.file("content/article/dan-ca-then/item.yaml")
        let line = text.split(separator: "\n").count + 1
        try (text + "colour: red\n").write(to: item, atomically: true, encoding: .utf8)
        var r = try cli.run(["validate"])
        #expect(r.status == 1)
        #expect(r.out.contains("content/article/dan-ca-then/item.yaml:\(line): error: unknown field “colour”"))
        r = try cli.run(["validate", "--format", "json"])
        let o = try cli.json(r) as! [String: Any]
        #expect(o["error_count"] as? Int == 1)
        let p = (o["problems"] as! [[String: Any]])[0]
        #expect(p["line"] as? Int == line && p["code"] as? String == "yaml.unknown_field")
        // Found from a sub-folder, as git finds its repository.
        r = try cli.run(["validate"], in: cli.root.appendingPathComponent("content/article"))
        #expect(r.status == 1)
        r = try cli.run(["validate"], in: FileManager.default.temporaryDirectory)
        #expect(r.status == 1 && r.err.contains("--root"))
    }

    @Test func secondWriterWaitsOrFailsClearly() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        try FileManager.default.createDirectory(at: cli.root.appendingPathComponent(".quangba"), withIntermediateDirectories: true)
        let lock = cli.root.appendingPathComponent(".quangba/lock").path
        func holdLock(seconds: Double) throws -> Process {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", "-c", "import fcntl,sys,time; f=open(sys.argv[1],'a'); fcntl.flock(f, fcntl.LOCK_EX); f.write('pid 4242'); f.flush(); print('held', flush=True); time.sleep(float(sys.argv[2]))", lock, "\(seconds)"]
            let out = Pipe(); p.standardOutput = out
            try p.run()
            _ = out.fileHandleForReading.availableData  // wait until the lock is held
            return p
        }
        var holder = try holdLock(seconds: 3)
        var r = try cli.run(["set", "dan-ca-then", "topics=tourism"], env: ["QUANGBA_LOCK_TIMEOUT": "0.5"])
        #expect(r.status == 1 && r.err.contains("another quangba (pid 4242)"), "\(r.err)")
        holder.terminate(); holder.waitUntilExit()

        holder = try holdLock(seconds: 1)
        r = try cli.run(["set", "dan-ca-then", "topics=tourism"], env: ["QUANGBA_LOCK_TIMEOUT": "10"])
        holder.waitUntilExit()
        #expect(r.status == 0 && r.err.contains("waiting"), "\(r.err)")
        #expect(cli.file("content/article/dan-ca-then/item.yaml").contains("topics: [tourism]"))
    }

    /// Commands that sync the index at the same moment wait for each other and agree.
    /// `quangba watch start` leaves a watcher running in the background; commands then say
    /// they read only what it saw change, and `stop` ends it.
    @Test func watchStartStatusStop() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        #expect(try cli.run(["watch", "status"]).status == 3)
        let started = try cli.run(["watch", "start"])
        #expect(started.status == 0 && started.out.contains("7"), "\(started.err)")
        defer { try? cli.run(["watch", "stop"]) }
        let status = try cli.run(["watch", "status"])
        #expect(status.status == 0 && status.out.contains("7 item folders"))
        // A second one is refused: it would answer for the first one's tokens.
        let second = try cli.run(["watch", "run"])
        #expect(second.status == 1 && second.err.contains("already runs"))
        try cli.run(["index"])
        let edited = cli.root.appendingPathComponent("content/article/dan-ca-then/vi.md")
        let h = try FileHandle(forWritingTo: edited); h.seekToEndOfFile(); h.write(Data("\nHát then.\n".utf8)); try h.close()
        let synced = try cli.run(["index"])
        #expect(synced.out.contains("1 updated") && synced.out.contains("quangba watch"), "\(synced.out)")
        let stopped = try cli.run(["watch", "stop"])
        #expect(stopped.status == 0 && stopped.out.contains("stopped"))
        #expect(try cli.run(["watch", "status"]).status == 3)
        #expect(!FileManager.default.fileExists(atPath: cli.root.appendingPathComponent(".quangba/watch.sock").path))
        #expect(!(try cli.run(["index"]).out.contains("quangba watch")))
    }

    @Test func concurrentSyncsAgree() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let procs = try (0..<4).map { i -> Process in
            let p = Process()
            p.executableURL = CLI.binary
            p.arguments = i % 2 == 0 ? ["index", "--root", cli.root.path] : ["search", "mau son", "--root", cli.root.path]
            p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }
        for p in procs { p.waitUntilExit() }
        #expect(procs.allSatisfy { $0.terminationStatus == 0 })
        let r = try cli.run(["index"])
        #expect(r.out.contains("0 added, 0 updated, 0 removed, 7 unchanged"), "\(r.out)")
        #expect(try cli.run(["list", "--format", "json"]).out.components(separatedBy: "\"id\"").count == 8)
    }

    /// Killing quangba at random moments while it rewrites a large file never leaves a
    /// half-written file: each read gives the old text or the new one.
    @Test func killedWritersNeverCorruptFiles() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let path = "content/article/dan-ca-then/vi.md"
        var bodies: Set<String> = [""]
        for round in 0..<12 {
            let body = String(repeating: "Vòng \(round): hát then đàn tính. ", count: 3_000)
            bodies.insert(body.trimmingCharacters(in: .whitespacesAndNewlines))
            let p = Process()
            p.executableURL = CLI.binary
            p.arguments = ["set", "dan-ca-then", "--lang", "vi", "body=\(body)", "--root", cli.root.path]
            p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(UInt32.random(in: 5_000...120_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let text = cli.file(path)
            let written = text.components(separatedBy: "---\n").dropFirst(2).joined(separator: "---\n").trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(text.hasPrefix("---\ntitle: Dân ca Then\n"))
            #expect(bodies.contains(written), "round \(round): a half-written file of \(written.utf8.count) bytes")
        }
        #expect(try cli.run(["validate"]).status == 0)
    }
}

@Suite struct MessageCatalogTests {
    /// Every message key the code uses exists in both string files, and neither file has a key
    /// the code does not use (a typo would otherwise print the raw key).
    @Test func catalogsMatchTheCode() throws {
        let sources = CLI.packageRoot.appendingPathComponent("Sources")
        var used = Set<String>()
        let regex = try Regex(#""([a-z]+\.[a-z_0-9]+)""#)
        for case let url as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)! where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for m in text.matches(of: regex) { used.insert(String(m.output[1].substring!)) }
        }
        used.subtract(["item.yaml", "quangba.yaml", "index.sqlite", "index.lock", "log.jsonl", "user.name",
                       "feed.xml", "index.html", "robots.txt", "sitemap.xml", "watch.log", "favicon.ico"])  // file names, not keys
        // Keys built at run time.
        let dynamic = ["index.rebuilt.missing", "index.rebuilt.schema", "index.rebuilt.corrupt", "index.rebuilt.requested", "index.rebuilt.incomplete",
                       "status.current", "status.stale", "status.missing", "status.draft"]
            + ["prepare", "sync", "inputs", "look", "edits", "plan", "prune", "write", "record"].map { "build.failed_in." + $0 }
        used.formUnion(dynamic)
        for lang in ["en", "vi"] {
            let text = try String(contentsOf: sources.appendingPathComponent("quangba/Messages/\(lang).yaml"), encoding: .utf8)
            let keys = Set(text.split(separator: "\n").compactMap { line -> String? in
                guard !line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { return nil }
                return String(line[..<colon])
            })
            // The CLI reads the file as the site reads its UI strings (StringTable): cleanly, and
            // to the same strings as a YAML library reads it.
            // (The messages that explain a refused secrecy stamp quote the stamps, which the site's
            // strings may not: that check is not the CLI's.)
            let table = StringTable.parse(text, file: "\(lang).yaml")
            let problems = table.diagnostics.filter { $0.message.key != "text.secrecy_stamp" }
            #expect(problems.isEmpty, "\(problems.prefix(3))")
            let yaml = try #require(try Yams.load(yaml: text) as? [String: Any]).mapValues { "\($0)" }
            #expect(table.strings == yaml, "\(Set(yaml.keys).union(table.strings.keys).filter { yaml[$0] != table.strings[$0] }.sorted().prefix(3))")
            #expect(table.strings.count > 300)
            // Field names of content and quangba.yaml, not keys.
            let fields = ["media.licence", "project.capital", "project.legal_basis", "project.location", "project.schedule",
                          "portal.logo", "portal.icon", "portal.hero", "portal.figures", "portal.contact"]
            let messageKeys = used.filter { !fields.contains($0) }
            #expect(messageKeys.subtracting(keys).sorted() == [], "missing in \(lang).yaml")
            #expect(keys.subtracting(used).sorted() == [], "unused in \(lang).yaml")
        }
    }
}
