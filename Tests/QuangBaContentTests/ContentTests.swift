import Foundation
import Testing
@testable import QuangBaContent
import QuangBaCore
import Yams

@Suite struct RoundTripTests {
    /// Every fixture item, written back with ItemWriter and read again, is unchanged.
    @Test func fixtureItemsSurviveWriteAndRead() throws {
        let t = try TempRepo()
        let repo = try t.repository
        let before = repo.loadAll()
        #expect(before.count == 7)
        for l in before {
            let item = try #require(l.item)
            try repo.save(item, translations: l.translations)
        }
        let after = repo.loadAll()
        #expect(after.map(\.item) == before.map(\.item))
        #expect(after.map(\.translations) == before.map(\.translations))
        #expect(after.allSatisfy { $0.diagnostics.isEmpty })
    }

    /// A value is written plain only when YAML reads it back as itself: every string of up to
    /// three characters from those YAML gives a meaning to, and longer tricky ones.
    @Test func scalarsReadBackAsWritten() throws {
        let alphabet = ["a", " ", ":", "#", "-", ",", "[", "}", "\t", "'", "\"", "1", ".", "~", "é", "\u{301}", "\n", "y", "%", "\u{85}", "?", "<", "=", "_", "0"]
        var values = alphabet
        for a in alphabet { for b in alphabet { values.append(a + b); for c in alphabet { values.append(a + b + c) } } }
        values += ["Đồng Đăng: cửa ngõ", "2026-03-14", "2026-03-14T01:00:00Z", "1e3", "0x1F", "-.5", "+12", ".inf", "NaN", "No", "OFF", "null",
                   "Lạng Sơn #1", "Lạng Sơn#1", "a: b", "a :b", "http://x.vn/a?b=c#d", "50 ha; 2.900 tỷ đồng", "— 100%", "Ｙｅｓ", "1:30", "0o17", "1_000", "0b101", "-.INF", "190:20:30.15", "2026-3-4 5:06:07", "<<", "="]
        var plain = 0
        for v in values {
            let written = YAMLEmitter.scalar(v)
            let read = try Yams.load(yaml: "k: " + written) as? [String: Any]
            #expect(read?["k"] as? String == v, "\(v.debugDescription) written as \(written.debugDescription)")
            if written == v { plain += 1 }
        }
        // Ordinary text stays plain.
        #expect(YAMLEmitter.scalar("Lạng Sơn, cửa ngõ biên giới") != "Lạng Sơn, cửa ngõ biên giới" && YAMLEmitter.scalar("Ải Chi Lăng") == "Ải Chi Lăng" && plain > 1_000, "\(plain)")
    }

    @Test func everyKindRoundTrips() throws {
        let t = try TempRepo()
        let repo = try t.repository
        var project = Item(id: ItemID("du-an-thu")!, kind: .project, sourceLanguage: LanguageCode("vi"), created: Timestamp(parsing: "2026-01-02T03:04:05Z")!, author: "Vi Đức Thắng", unit: "van-phong")
        var p = ProjectDetails()
        p.sector = "logistics"; p.locality = "dong-dang"; p.geo = GeoPoint(lat: 21.9496, lon: 106.7046); p.areaHa = 46.5
        p.capital = Money(amount: 2_900_000_000_000, currency: .VND); p.form = .jointVenture; p.status = .negotiating
        p.scheduleStart = 2026; p.scheduleEnd = 2030; p.contactUnit = "so-vhttdl"; p.legalDecision = "1452/QĐ-UBND"; p.legalDate = "2025-07-18"
        project.details = .project(p); project.topics = ["investment"]; project.channels = ["portal"]
        project.embargo = Timestamp(parsing: "2026-02-01T00:00:00Z")
        var event = Item(id: ItemID("su-kien-thu")!, kind: .event, sourceLanguage: LanguageCode("vi"), created: Timestamp(parsing: "2026-01-02T03:04:05Z")!, author: "A", unit: "van-phong")
        var e = EventDetails(); e.start = Timestamp(parsing: "2026-03-10T01:00:00Z")!; e.end = Timestamp(parsing: "2026-03-12T10:00:00Z")!; e.locality = "dong-dang"
        event.details = .event(e); event.pinned = true
        let tricky = ["title": "Đồng Đăng: \"cửa ngõ\" #1, [A] & {B} — 100%", "summary": "- yes", "objective": "null", "scale": "2026", "incentives": "  dòng một\ndòng hai\t😀 "]
        let vi = Translation(language: LanguageCode("vi"), fields: tricky, body: "Đoạn **một**.\n\n| a | b |\n|---|---|\n| 1 | 2 |")
        let ja = Translation(language: LanguageCode("ja"), fields: ["title": "ドンダン", "objective": "物流"], body: "ドンダンの**物流**拠点。", status: .approved, translator: "Đặng Thu Thảo", sourceHash: vi.contentHash(kind: .project))
        try repo.save(project, translations: [vi, ja])
        try repo.save(event, translations: [Translation(language: LanguageCode("vi"), fields: ["title": "Lễ hội", "place": "Chợ Kỳ Lừa"])])
        let lp = repo.reader.read(kind: .project, id: "du-an-thu")
        #expect(lp.diagnostics == [])
        #expect(lp.item == project)
        #expect(lp.translations == [vi, ja])
        #expect(repo.reader.read(kind: .event, id: "su-kien-thu").item == event)
    }

    /// The emitter's scalars read back as the same strings through an independent YAML parser.
    @Test(arguments: ["plain", "a: b", "#x", "- x", "yes", "No", "null", "~", "12", "1.5e3", "2026-01-01", "x #y", "tab\there",
                      "line\nbreak", "\"q\"", "back\\slash", "🙂 emoji", "Tiếng Việt", "谅山", " lead", "trail ", "a,b", "[x]", "{x}",
                      "@at", "`tick`", "%pct", "!bang", "&amp", "*star", "|pipe", ">gt", "?q", "'s", "x:", "\u{200F}rtl"])
    func scalarsRoundTrip(value: String) throws {
        let yaml = "k: " + YAMLEmitter.scalar(value) + "\n"
        let parsed = try Yams.load(yaml: yaml) as? [String: Any]
        #expect(parsed?["k"] as? String == value, "\(yaml)")
    }
}

@Suite struct AtomicWriteTests {
    /// A crash after the new content is written but before the rename leaves the old file whole,
    /// whether it was written under a temporary name or without a name (the site's way).
    @Test func crashBeforeRenameKeepsTheOldFile() throws {
        let t = try TempRepo()
        let url = t.root.appendingPathComponent("content/article/dan-ca-then/vi.md")
        let old = t.read("content/article/dan-ca-then/vi.md")
        struct Crash: Error {}
        // Only this file "crashes": other tests write in parallel through the same hook.
        AtomicFile.beforeRename.with { $0 = { target in if target == url { throw Crash() } } }
        defer { AtomicFile.beforeRename.with { $0 = nil } }
        let text = Array(String(repeating: "mới ", count: 100_000).utf8)
        #expect(throws: Crash.self) { try AtomicFile.write(text, to: url) }
        #expect(throws: Crash.self) {
            try AtomicFile.replace(url.path, durable: false, replacing: false) { emit in try text.withUnsafeBytes { try emit($0) } }
        }
        #expect(t.read("content/article/dan-ca-then/vi.md") == old)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    /// Written as the site writes (not flushed, nothing expected at the path): a new file
    /// appears whole, and a file or a symbolic link that is there after all is replaced (the
    /// link itself, never what it points to); nothing else is left in the folder.
    @Test func aFileWrittenWithoutANameReplacesWhatIsThere() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qb-atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("cũ".utf8).write(to: URL(fileURLWithPath: dir + "/file.html"))
        try Data("giữ".utf8).write(to: URL(fileURLWithPath: dir + "/outside.txt"))
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.html", withDestinationPath: dir + "/outside.txt")
        let page = Array("<p>mới</p>".utf8)
        for name in ["new.html", "file.html", "link.html"] {
            let path = dir + "/" + name
            try AtomicFile.replace(path, durable: false, replacing: false) { emit in try page.withUnsafeBytes { try emit($0) } }
            var st = stat()
            #expect(lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFREG, "\(name)")
            #expect(try readFile(path, rule: .input).get() == page, "\(name)")
        }
        #expect(try String(contentsOfFile: dir + "/outside.txt", encoding: .utf8) == "giữ")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["file.html", "link.html", "new.html", "outside.txt"])
    }

    /// A write the system refuses names its file, in either form.
    @Test func aRefusedWriteNamesItsFile() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qb-no-such-folder-\(UUID().uuidString)/index.html").path
        for replacing in [true, false] {
            #expect {
                try AtomicFile.replace(path, durable: false, replacing: replacing) { emit in try [UInt8(1)].withUnsafeBytes { try emit($0) } }
            } throws: { error in
                guard let failure = error as? AtomicFile.Failure else { return false }
                return failure.path == path && failure.error.code == ENOENT
            }
        }
        #expect {
            try AtomicFile.write([1], to: URL(fileURLWithPath: path), makingFolders: false)
        } throws: { error in
            guard let e = error as? QuangBaError else { return false }
            return e.message.key == "io.write_failed" && e.location.file == path
        }
    }

    @Test func secondWriterWaitsThenFails() throws {
        let t = try TempRepo()
        let first = try RepositoryLock(root: t.root)
        var waited = false
        do {
            _ = try RepositoryLock(root: t.root, timeout: 0.3, onWait: { waited = true })
            Issue.record("two writers held the lock")
        } catch let e as QuangBaError {
            #expect(e.message.key == "repo.locked")
            #expect(e.message.args["holder"] == "pid \(getpid())")
        }
        #expect(waited)
        withExtendedLifetime(first) {}
        _ = consume first
        #expect((try? RepositoryLock(root: t.root, timeout: 0.3)) != nil)
    }
}

@Suite struct ImageHeaderTests {
    @Test(arguments: [("images/red-blue-13x7.jpg", 13, 7, "image/jpeg"), ("images/progressive-9x4.jpg", 9, 4, "image/jpeg"),
                      ("images/green-13x7.png", 13, 7, "image/png"), ("images/orange-13x7-lossy.webp", 13, 7, "image/webp"),
                      ("images/green-13x7-lossless.webp", 13, 7, "image/webp"), ("formats/tiny-5x3.gif", 5, 3, "image/gif")])
    func dimensions(file: String, width: Int, height: Int, type: String) throws {
        let bytes = [UInt8](try Data(contentsOf: TempRepo.fixtures.appendingPathComponent(file)))
        #expect(ImageHeader.dimensions(bytes)?.width == width)
        #expect(ImageHeader.dimensions(bytes)?.height == height)
        #expect(try FileFormat.identify(bytes).get().mediaType == type)
        #expect(ImageHeader.dimensions(Array(bytes.prefix(9))) == nil)
    }
}

/// Broken inputs: each is reported with the file, the line and a message key an editor can act on.
@Suite struct BrokenInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let path: String
        let key: String
        let line: Int?
        let breakIt: @Sendable (TempRepo) throws -> Void
        var testDescription: String { name }
    }

    static let article = "content/article/an-toan-giao-thong-dip-le-hoi"
    static let cases: [Case] = [
        Case(name: "bad YAML", path: "\(article)/item.yaml", key: "yaml.syntax_bracket", line: 6) { try $0.replace("\(article)/item.yaml", "state: published", "state: [published") },
        Case(name: "unknown field", path: "\(article)/item.yaml", key: "yaml.unknown_field", line: 10) { try $0.replace("\(article)/item.yaml", "topics:", "colour: red\ntopics:") },
        Case(name: "wrong type", path: "\(article)/item.yaml", key: "value.bad_time", line: 3) { try $0.replaceLine("\(article)/item.yaml", startingWith: "created:", with: "created: yesterday") },
        Case(name: "unknown unit", path: "\(article)/item.yaml", key: "yaml.unknown_code", line: 9) { try $0.replace("\(article)/item.yaml", "unit: van-phong", "unit: so-khong-co") },
        Case(name: "unknown topic", path: "\(article)/item.yaml", key: "yaml.unknown_code", line: 10) { try $0.replace("\(article)/item.yaml", "topics: [tourism]", "topics: [tourism, weather]") },
        Case(name: "bad state value", path: "\(article)/item.yaml", key: "yaml.bad_value", line: 6) { try $0.replace("\(article)/item.yaml", "state: published", "state: live") },
        Case(name: "duplicate key", path: "\(article)/item.yaml", key: "yaml.duplicate_key", line: nil) { try $0.replace("\(article)/item.yaml", "unit: van-phong", "unit: van-phong\nunit: so-vhttdl") },
        Case(name: "duplicate id", path: "content/event/an-toan-giao-thong-dip-le-hoi/item.yaml", key: "item.duplicate_id", line: 1) { t in
            try FileManager.default.copyItem(at: t.root.appendingPathComponent(article), to: t.root.appendingPathComponent("content/event/an-toan-giao-thong-dip-le-hoi"))
        },
        Case(name: "broken relation", path: "content/article/an-uong-xu-lang/item.yaml", key: "item.broken_relation", line: 14) { try $0.replace("content/article/an-uong-xu-lang/item.yaml", "related: [an-toan-giao-thong-dip-le-hoi]", "related: [khong-ton-tai]") },
        Case(name: "invalid UTF-8", path: "\(article)/vi.md", key: "text.invalid_utf8", line: 8) { t in
            try t.write("\(article)/vi.md", Array(t.read("\(article)/vi.md").utf8) + Array("\nxin ch".utf8) + [0xE0, 0x80] + Array("o\n".utf8))
        },
        Case(name: "XML-illegal control character", path: "\(article)/vi.md", key: "text.forbidden_char", line: 6) { try $0.replace("\(article)/vi.md", "Du khách nên", "Du khách\u{0B} nên") },
        Case(name: "secrecy stamp in the body", path: "\(article)/vi.md", key: "text.secrecy_stamp", line: 7) { try $0.replace("\(article)/vi.md", "Du khách nên", "\nTỐI MẬT\nDu khách nên") },
        Case(name: "secrecy stamp in a field", path: "\(article)/en.md", key: "text.secrecy_stamp", line: 3) { try $0.replace("\(article)/en.md", "summary: Safety advice for visitors.", "summary: \"[MẬT] advice\"") },
        Case(name: "text not NFC", path: "\(article)/vi.md", key: "text.not_nfc", line: 2) { try $0.replace("\(article)/vi.md", "title: An toàn", "title: An toa\u{0300}n") },
        Case(name: "no front matter", path: "\(article)/en.md", key: "frontmatter.missing", line: 1) { try $0.write("\(article)/en.md", "Road safety\n") },
        Case(name: "unconfigured language file", path: "\(article)/fr.md", key: "item.unconfigured_language", line: nil) { try $0.write("\(article)/fr.md", "---\ntitle: Sécurité\n---\n") },
        Case(name: "kind mismatch", path: "\(article)/item.yaml", key: "item.kind_mismatch", line: 1) { try $0.replace("\(article)/item.yaml", "kind: article", "kind: event") },
        Case(name: "media checksum", path: "content/media/anh-mau-son/item.yaml", key: "media.sha_mismatch", line: nil) { t in
            var b = [UInt8](FileManager.default.contents(atPath: t.root.appendingPathComponent("content/media/anh-mau-son/anh-mau-son.png").path)!)
            b[b.count - 1] ^= 0xFF
            try t.write("content/media/anh-mau-son/anh-mau-son.png", b)
        },
        Case(name: "media dimensions", path: "content/media/anh-mau-son/item.yaml", key: "media.dimension_mismatch", line: nil) { try $0.replace("content/media/anh-mau-son/item.yaml", "width: 7", "width: 8") },
        Case(name: "capital currency", path: "content/project/du-an-logistics-dong-dang/item.yaml", key: "yaml.bad_value", line: 16) { try $0.replace("content/project/du-an-logistics-dong-dang/item.yaml", "currency: VND", "currency: EUR") },
        Case(name: "unknown field in a translation", path: "\(article)/en.md", key: "yaml.unknown_field", line: 3) { try $0.replace("\(article)/en.md", "summary:", "subtitle: x\nsummary:") },
    ] + valueCases

    static let project = "content/project/du-an-logistics-dong-dang/item.yaml"
    /// Values outside what the export schema allows, or that would be guessed: each refused.
    static let valueCases: [Case] = [
        ("capital 1.7e308", "capital: {amount: 1.7e308, currency: VND}", "yaml.bad_decimal", 16),
        ("capital of 16 digits", "capital: {amount: 1234567890123456, currency: VND}", "yaml.bad_decimal", 16),
        ("negative capital", "capital: {amount: -5, currency: VND}", "yaml.bad_decimal", 16),
        ("capital in fractions of a cent", "capital: {amount: 12.345, currency: USD}", "yaml.bad_decimal", 16),
        ("area 1e300", "area_ha: 1e300", "value.bad_decimal", 15),
        ("hexadecimal area", "area_ha: 0x1p3", "value.bad_decimal", 15),
        ("infinite area", "area_ha: .inf", "value.bad_decimal", 15),
        ("area nan", "area_ha: nan", "value.bad_decimal", 15),
        ("area of a country", "area_ha: 33000000", "value.bad_decimal", 15),
        ("geo in exponent form", "geo: {lat: 2.19e1, lon: 106.7}\n  area_ha: 46.5", "yaml.bad_decimal", 15),
        // Editor forms are read by the same parsers as `quangba set`, so the same ones are refused.
        ("area one thousand or one", "area_ha: 1,234", "value.decimal_ambiguous", 15),
        ("capital 2.5 USD", "capital: 2.5 USD", "value.money_ambiguous", 16),
        ("capital without currency", "capital: 2,9 nghìn tỷ", "value.money_no_currency", 16),
    ].map { name, line, key, at in
        Case(name: name, path: project, key: key, line: at) { t in
            let prefix = line.hasPrefix("geo") ? "area_ha:" : String(line.prefix { $0 != ":" }) + ":"
            try t.replaceLine(project, startingWith: "  " + prefix, with: "  " + line)
        }
    } + [
        Case(name: "year 0000", path: project, key: "value.no_such_day", line: 3) { try $0.replaceLine(project, startingWith: "created:", with: "created: 0000-01-01T00:00:00Z") },
        Case(name: "year 1799", path: project, key: "yaml.time_out_of_range", line: 3) { try $0.replaceLine(project, startingWith: "created:", with: "created: 1799-12-31T23:59:59Z") },
        Case(name: "embargo in 2200", path: project, key: "yaml.time_out_of_range", line: 9) { try $0.replace(project, "\nunit: van-phong", "\nembargo: 2200-01-01T00:00:00Z\nunit: van-phong") },
        Case(name: "legal basis month first", path: project, key: "value.no_such_day", line: 21) { try $0.replace(project, "  contact_unit: van-phong", "  contact_unit: van-phong\n  legal_basis: {decision: 12/QĐ-UBND, date: 06/31/2025}") },
        Case(name: "embargo without offset", path: project, key: "value.time_needs_offset", line: 9) { try $0.replace(project, "\nunit: van-phong", "\nembargo: 2026-05-01 08:30\nunit: van-phong") },
        Case(name: "legal basis of year 0", path: project, key: "value.no_such_day", line: 21) { try $0.replace(project, "  contact_unit: van-phong", "  contact_unit: van-phong\n  legal_basis: {decision: 12/QĐ-UBND, date: 0000-02-03}") },
    ]

    @Test(arguments: cases)
    func reported(c: Case) throws {
        let t = try TempRepo()
        #expect(Validator.validate(try t.repository).filter { $0.severity == .error }.isEmpty)
        try c.breakIt(t)
        let errors = Validator.validate(try t.repository).filter { $0.severity == .error }
        let match = errors.first { $0.message.key == c.key && $0.location.file == c.path }
        #expect(match != nil, "got: \(errors.map { "\($0.location.file ?? ""):\($0.location.line ?? 0) \($0.message)" })")
        if let line = c.line { #expect(match?.location.line == line, "\(errors)") }
    }

    @Test func brokenConfigIsRefusedWithLine() throws {
        let t = try TempRepo()
        try t.replace("quangba.yaml", "  - {code: ja, name: 日本語}", "  - {code: JA_jp, name: 日本語}")
        do {
            _ = try t.repository
            Issue.record("accepted a bad language code")
        } catch let e as QuangBaError {
            #expect(e.message.key == "repo.bad_config")
            #expect(e.diagnostics.contains { $0.message.key == "config.bad_language_code" && $0.location.line == 11 })
        }
    }
}

@Suite struct FieldEditorTests {
    @Test func typedValues() throws {
        let t = try TempRepo()
        let repo = try t.repository
        var item = try #require(repo.reader.read(kind: .project, id: "du-an-logistics-dong-dang").item)
        let ed = FieldEditor(config: repo.config)
        try ed.apply("capital", "25_000_000 usd", to: &item)
        try ed.apply("schedule", "2027–2031", to: &item)
        try ed.apply("geo", "21.95, 106.70", to: &item)
        try ed.apply("topics", "investment, tourism", to: &item)
        #expect(item.details.project?.capital == Money(amount: 25_000_000, currency: .USD))
        #expect(item.details.project?.scheduleStart == 2027)
        #expect(item.topics == ["investment", "tourism"])
        for (k, v, key) in [("capital", "12 EUR", "value.money_unreadable"), ("area_ha", "-3", "value.bad_decimal"), ("sector", "mining", "yaml.unknown_code"),
                            ("area_ha", "1e3", "value.bad_decimal"), ("area_ha", "0x1p3", "value.bad_decimal"), ("area_ha", "inf", "value.bad_decimal"),
                            ("capital", "1e300 VND", "value.money_unreadable"), ("capital", "10000000000000000 VND", "value.money_out_of_range"),
                            ("geo", "0x10,106", "yaml.bad_decimal"), ("geo", "91,106", "yaml.bad_decimal"), ("embargo", "0000-01-01", "value.no_such_day"),
                            ("embargo", "2200-01-01", "yaml.time_out_of_range"), ("decision_date", "1799-12-31", "yaml.time_out_of_range"),
                            ("state", "published", "set.state_via_workflow"), ("title", "x", "set.needs_lang"), ("colour", "red", "set.unknown_field"),
                            ("topics", "tourism,weather", "yaml.unknown_code"), ("embargo", "next week", "value.bad_time")] {
            do { try ed.apply(k, v, to: &item); Issue.record("\(k)=\(v) accepted") } catch let e as QuangBaError { #expect(e.message.key == key, "\(k)") }
        }
        var tr = Translation(language: LanguageCode("vi"), fields: ["title": "x"])
        #expect(throws: QuangBaError.self) { try ed.apply("body", "dòng\nTUYỆT MẬT\n", to: &tr, kind: .project, item: item.id) }
        #expect(throws: QuangBaError.self) { try ed.apply("summary", "a\u{01}b", to: &tr, kind: .project, item: item.id) }
    }
}
