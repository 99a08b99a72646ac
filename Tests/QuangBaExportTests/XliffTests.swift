import Foundation
import Testing
import QuangBaContent
import QuangBaCore
import QuangBaExport
import QuangBaMarkup

/// XLIFF 2.0 exchange, checked against the OASIS schemas (xmllint), the rules they cannot express
/// and a translator's round trip, both played by Tests/xliff/cat_tool.py (Python's ElementTree,
/// and the Translate Toolkit's own XLIFF 2.0 reader), independently of QuangBa's XML code.
@Suite struct XliffTests {
    /// Every item of the sample with a readable source in vi, as export entries for `lang`.
    static func entries(_ repo: Repository, to lang: LanguageCode) -> [XliffExport.Entry] {
        repo.loadAll().compactMap { l in try? XliffExport.Entry(l, from: LanguageCode("vi"), to: lang) }.sorted { $0.item.id.rawValue < $1.item.id.rawValue }
    }

    static func write(_ copy: SampleCopy, to lang: String, name: String) throws -> (URL, XliffExport.Report) {
        let repo = try Repository(root: copy.root)
        let (bytes, report) = try XliffExport.document(entries(repo, to: LanguageCode(lang)), from: LanguageCode("vi"), to: LanguageCode(lang))
        let url = copy.root.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return (url, report)
    }

    static func catTool(_ args: [String]) throws -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", SampleCopy.package.appendingPathComponent("Tests/xliff/cat_tool.py").path] + args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self) + String(decoding: e, as: UTF8.self))
    }

    /// xmllint against the OASIS core schema and the two modules the files use (Metadata, Size
    /// and Length Restriction), through a driver schema that imports all three.
    static func validateXLIFF(_ file: URL, in dir: URL) throws -> (ok: Bool, output: String) {
        let x = schemas.appendingPathComponent("xliff2.0")
        let driver = dir.appendingPathComponent("xliff-driver.xsd")
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:quangba:test:xliff-driver">
              <xs:import namespace="urn:oasis:names:tc:xliff:document:2.0" schemaLocation="\(x.appendingPathComponent("xliff_core_2.0.xsd").path)"/>
              <xs:import namespace="urn:oasis:names:tc:xliff:metadata:2.0" schemaLocation="\(x.appendingPathComponent("modules/metadata.xsd").path)"/>
              <xs:import namespace="urn:oasis:names:tc:xliff:sizerestriction:2.0" schemaLocation="\(x.appendingPathComponent("modules/size_restriction.xsd").path)"/>
            </xs:schema>
            """.write(to: driver, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["xmllint", "--noout", "--nonet", "--schema", driver.path, file.path]
        let pipe = Pipe()
        p.standardOutput = pipe; p.standardError = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus == 0, out)
    }

    /// A digest of every file under content/, hidden ones included: "nothing changed" checks.
    static func contentDigest(_ root: URL) throws -> String {
        var all: [UInt8] = []
        let base = root.appendingPathComponent("content")
        let e = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey])!
        var paths: [String] = []
        for case let url as URL in e where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { paths.append(url.path) }
        for p in paths.sorted() {
            all += Array(p.utf8) + [0] + [UInt8](FileManager.default.contents(atPath: p) ?? Data())
        }
        return SHA256.hex(all)
    }

    /// The element structure of rendered Markdown: tags in order, text left out.
    static func structure(_ markdown: String) -> [String] {
        let html = Markdown.html(markdown)
        var tags: [String] = []
        var i = html.startIndex
        while let open = html[i...].firstIndex(of: "<"), let close = html[open...].firstIndex(of: ">") {
            tags.append(String(html[open...close]).split(separator: " ").first.map(String.init) ?? "")
            i = html.index(after: close)
        }
        return tags
    }

    @Test func exportIsValidXLIFF2AndReadsInTheTranslateToolkit() throws {
        let copy = try SampleCopy()
        let (file, report) = try Self.write(copy, to: "ko", name: "ko.xlf")
        let v = try Self.validateXLIFF(file, in: copy.root)
        #expect(v.ok, "\(v.output)")
        let rules = try Self.catTool(["check", file.path])
        #expect(rules.status == 0, "\(rules.out)")

        let read = try Self.catTool(["toolkit", file.path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(read.out.utf8)) as? [String: Any], "\(read.out)")
        #expect(json["source"] as? String == "vi" && json["target"] as? String == "ko")
        let units = try #require(json["units"] as? [[String: Any]])
        // The toolkit shows each segment as a unit of its own.
        #expect(units.count == report.segments)
        // A fact of the sample: Chi Lăng's media title in vi and its approved ko translation.
        let ko = try #require(try Repository(root: copy.root).load(ItemID("ai-chi-lang")!).translation(LanguageCode("ko")))
        #expect(units.contains { $0["source"] as? String == "Ải Chi Lăng" && $0["target"] as? String == ko.title })
    }

    /// The rule is the library's: an internal item, an unreadable one or one in another source
    /// language cannot even be made an entry, whatever front end asks.
    @Test func noEntryForWhatMayNotLeave() throws {
        let copy = try SampleCopy()
        let repo = try Repository(root: copy.root)
        var loaded = try #require(repo.loadAll().first { $0.item?.classification == .public && $0.item?.sourceLanguage == LanguageCode("vi") })
        #expect((try? XliffExport.Entry(loaded, from: LanguageCode("vi"), to: LanguageCode("en"))) != nil)  // the positive control
        func refusal(_ l: LoadedItem, from: String = "vi") -> String? {
            do { _ = try XliffExport.Entry(l, from: LanguageCode(from), to: LanguageCode("en")); return nil } catch let e as QuangBaError { return e.message.key } catch { return "\(error)" }
        }
        #expect(refusal(loaded, from: "en") == "xliff.other_source")
        var inside = loaded
        inside.item?.classification = .internal
        #expect(refusal(inside) == "xliff.internal")
        loaded.diagnostics.append(Diagnostic(.error, Location(file: loaded.folder), Message("secrecy.stamp")))
        #expect(refusal(loaded) == "item.unreadable")
    }

    @Test func eachFieldIsAUnitAndEachBlockASegment() throws {
        let copy = try SampleCopy()
        let repo = try Repository(root: copy.root)
        let source = Translation(language: LanguageCode("vi"), fields: ["title": "Đặc sản", "summary": "Món ngon xứ Lạng"],
                                 body: "## Món *ngon*\n\nVịt quay [Thất Khê](https://example.org/vit).\n\n- Phở chua\n- Khâu nhục\n\n| Món | Mùa |\n|---|---|\n| Vịt | Hè |")
        var loaded = try #require(repo.loadAll().first { $0.item?.kind == .article && $0.item?.sourceLanguage == LanguageCode("vi") })
        loaded.translations = [source]
        let (bytes, report) = try XliffExport.document([try XliffExport.Entry(loaded, from: LanguageCode("vi"), to: LanguageCode("ja"))], from: LanguageCode("vi"), to: LanguageCode("ja"))
        let xml = String(decoding: bytes, as: UTF8.self)
        #expect(report.files == 1 && report.segments == 2 + 1 + 1 + 2 + 4)
        #expect(xml.contains("<unit id=\"title\" name=\"title\" slr:sizeRestriction=\"120\">"))
        #expect(xml.contains("<source>Món <pc id=\"c1\" dataRefStart=\"d1\" dataRefEnd=\"d1\" type=\"fmt\" subType=\"xlf:i\">ngon</pc></source>"))
        #expect(xml.contains("<data id=\"d3\">](https://example.org/vit)</data>"))
        #expect(xml.contains("<ignorable id=\"i1\"><source>## </source></ignorable>"))
        #expect(xml.contains("srcLang=\"vi\" trgLang=\"ja\""))
    }

    @Test func roundTripKeepsTargetsAndTheSourceStructure() throws {
        let copy = try SampleCopy()
        // Every kind of block and inline code, which the sample's bodies do not all have.
        try copy.edit("content/article/am-thuc-xu-lang/vi.md") {
            $0 + "\n\n## Tham khảo\n\nXem [Cổng thông tin](https://langson.gov.vn \"Cổng\") và ![Ảnh chợ](media/cho.jpg), gõ `quangba build`.  \nDòng sau ngắt dòng.\n\n> Trích dẫn *nghiêng*\n\n1. Một\n2. Hai **đậm** ~~cũ~~\n\n| Món | Giá |\n|:--|--:|\n| Vịt | 300 |\n\n```\nlet x = 1\n```\n\n***\n\n- ngoài\n  - trong\n"
        }
        let (exported, _) = try Self.write(copy, to: "ko", name: "ko.xlf")
        let filled = copy.root.appendingPathComponent("ko-filled.xlf")
        let fill = try Self.catTool(["fill", exported.path, filled.path])
        #expect(fill.status == 0, "\(fill.out)")

        let repo = try Repository(root: copy.root)
        let outcome = try XliffImport.read([UInt8](try Data(contentsOf: filled)), file: filled.path, repository: repo, translator: "Kim Min-ji").get()
        #expect(outcome.untouched.isEmpty)
        let approvedBefore = Set(repo.loadAll().filter { $0.translation(LanguageCode("ko"))?.status == .approved }.compactMap { $0.item?.id })
        try repo.saveAll(outcome.changes.map { ($0.item, [$0.translation], []) })

        let (again, _) = try Self.write(copy, to: "ko", name: "ko-again.xlf")
        let before = try Self.catTool(["targets", filled.path]).out, after = try Self.catTool(["targets", again.path]).out
        #expect(!before.isEmpty && before == after)

        for loaded in repo.loadAll() {
            guard let item = loaded.item, item.classification == .public, let source = loaded.translation(item.sourceLanguage) else { continue }
            let ko = try #require(loaded.translation(LanguageCode("ko")), "\(item.id)")
            #expect(Self.structure(ko.body) == Self.structure(source.body), "\(item.id)")
            // An approved translation stays approved: the import waits for approval (ApprovedVersions).
            #expect(ko.status == (approvedBefore.contains(item.id) ? .approved : .draft))
            #expect(ko.translator == "Kim Min-ji" && ko.sourceHash == source.contentHash(kind: item.kind))
            #expect(ko.title.hasPrefix("ĐÃ DỊCH * _ # "))  // what looked like Markdown stayed text
        }
    }

    enum Damage: String, CaseIterable {
        case sourceChangedSinceExport, truncated, doctype, xliff12, unknownTargetLanguage, unknownCode, codeTwice, segmentRenamed, sourceEdited, oneTargetMissing
    }

    @Test(arguments: Damage.allCases) func importRefusesDamageAndChangesNothing(damage: Damage) throws {
        let copy = try SampleCopy()
        let (exported, _) = try Self.write(copy, to: "ko", name: "ko.xlf")
        let filled = copy.root.appendingPathComponent("ko-filled.xlf")
        _ = try Self.catTool(["fill", exported.path, filled.path])
        var text = try String(contentsOf: filled, encoding: .utf8)
        func once(_ a: String, _ b: String) throws {
            let r = try #require(text.range(of: a), "\(a) not in the file")
            text.replaceSubrange(r, with: b)
        }
        let expected: String
        switch damage {
        case .sourceChangedSinceExport:
            try copy.edit("content/media/ai-chi-lang/vi.md") { $0.replacingOccurrences(of: "title: Ải Chi Lăng", with: "title: Ải Chi Lăng, Lạng Sơn") }
            expected = "xliff.source_changed"
        case .truncated: text = String(text.prefix(text.count / 2)); expected = "xliff.malformed"
        case .doctype:
            try once("<xliff ", "<!DOCTYPE xliff [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<xliff ")
            expected = "xliff.malformed"
        case .xliff12:
            try once("urn:oasis:names:tc:xliff:document:2.0", "urn:oasis:names:tc:xliff:document:1.2")
            expected = "xliff.not_xliff2"
        case .unknownTargetLanguage: try once("trgLang=\"ko\"", "trgLang=\"fr\""); expected = "xliff.unconfigured_target"
        case .unknownCode:
            let r = try #require(text.range(of: "<target>[^<]*<pc id=\"c1\"", options: .regularExpression))
            text.replaceSubrange(r, with: text[r].replacingOccurrences(of: "id=\"c1\"", with: "id=\"c99\""))
            expected = "xliff.bad_code"
        case .codeTwice:
            // The first code in a target, written twice.
            let r = try #require(text.range(of: "<target>(?:(?!</target>).)*?<pc [^>]*>[^<]*</pc>", options: .regularExpression))
            let pc = try #require(text[r].range(of: "<pc [^>]*>[^<]*</pc>", options: .regularExpression))
            text.replaceSubrange(r, with: text[r] + text[r][pc])
            expected = "xliff.bad_code"
        case .segmentRenamed: try once("<segment id=\"s2\"", "<segment id=\"s9\""); expected = "xliff.ids_changed"
        case .sourceEdited: try once("<source>Ải Chi Lăng</source>", "<source>Ai Chi Lang</source>"); expected = "xliff.source_edited"
        case .oneTargetMissing:
            let r = try #require(text.range(of: "<target>ĐÃ DỊCH[^<]*</target>", options: .regularExpression))
            text.removeSubrange(r)
            expected = "xliff.no_target"
        }
        try text.write(to: filled, atomically: true, encoding: .utf8)
        let digest = try Self.contentDigest(copy.root)
        let repo = try Repository(root: copy.root)
        switch XliffImport.read([UInt8](try Data(contentsOf: filled)), file: filled.path, repository: repo, translator: "x") {
        case .success: Issue.record("\(damage) was imported")
        case .failure(let e):
            #expect(e.message.key == "xliff.import_refused")
            #expect(e.diagnostics.contains { $0.message.key == expected }, "\(e.diagnostics.map(\.message))")
            #expect(e.diagnostics.allSatisfy { $0.location.file == filled.path })
            if ![.truncated, .doctype, .xliff12, .unknownTargetLanguage].contains(damage) {
                #expect(e.diagnostics.allSatisfy { $0.location.line != nil && $0.location.item != nil })
            }
        }
        #expect(try Self.contentDigest(copy.root) == digest)
    }
}
