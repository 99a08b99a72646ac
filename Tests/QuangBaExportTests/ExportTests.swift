import CLibXML2
import Foundation
import Testing
import QuangBaTestSupport
import QuangBaContent
import QuangBaCore
import QuangBaExport
import QuangBaStore
import QuangBaXML

/// A private copy of the sample repository at the package root (Lạng Sơn, sample data).
final class SampleCopy {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("qb-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for name in ["quangba.yaml", "content"] {
            try FileManager.default.copyItem(at: Self.package.appendingPathComponent(name), to: root.appendingPathComponent(name))
        }
    }
    deinit { try? FileManager.default.removeItem(at: root) }

    func index() throws -> Index {
        let index = try Index(repository: try Repository(root: root))
        try index.sync()
        return index
    }

    func edit(_ path: String, _ change: (String) -> String) throws {
        let url = root.appendingPathComponent(path)
        try Data(change(try String(contentsOf: url, encoding: .utf8)).utf8).write(to: url)
    }

    /// The export as a file, and what it reported.
    func export(_ options: XMLExport.Options) throws -> (URL, XMLExport.Report) {
        var bytes: [UInt8] = []
        let report = try XMLExport.write(index: try index(), options: options) { chunk in bytes += chunk; return true }
        let url = root.appendingPathComponent("export-\(UUID().uuidString).xml")
        try Data(bytes).write(to: url)
        return (url, report)
    }
}

/// The official schemas: ../shared/schemas beside the package, or $QUANGBA_SCHEMAS.
let schemas: URL = {
    if let env = ProcessInfo.processInfo.environment["QUANGBA_SCHEMAS"] { return URL(fileURLWithPath: env) }
    return SampleCopy.package.deletingLastPathComponent().appendingPathComponent("shared/schemas")
}()

/// xmllint against the project's XSD, offline, with the official schemas' catalog (for xml.xsd).
func validate(_ file: URL) throws -> (ok: Bool, output: String) { try xmllint(file, schema: "Sources/QuangBaExport/Schema/quangba-1.xsd") }

/// xmllint against one of the project's schemas (a path in the package), offline.
func xmllint(_ file: URL, schema: String) throws -> (ok: Bool, output: String) {
    guard FileManager.default.fileExists(atPath: schemas.appendingPathComponent("catalog.xml").path) else {
        Issue.record("the official schemas are not at \(schemas.path): put ../shared/schemas beside the package or set QUANGBA_SCHEMAS")
        return (false, "")
    }
    let r = try runTool("xmllint", ["--noout", "--nonet", "--schema", SampleCopy.package.appendingPathComponent(schema).path, file.path],
                        environment: ["XML_CATALOG_FILES": schemas.appendingPathComponent("catalog.xml").path])
    return (r.status == 0, r.output)
}

/// The document parsed back by libxml2.
struct Parsed {
    let doc: xmlDocPtr
    init?(_ bytes: [UInt8]) {
        guard let d = bytes.withUnsafeBufferPointer({ b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { xmlReadMemory($0, Int32(b.count), nil, "UTF-8", Int32(XML_PARSE_NONET.rawValue)) }
        }) else { return nil }
        doc = d
    }
    /// Attribute values of the elements named `element`, in document order.
    func attributes(_ element: String, _ name: String) -> [String] {
        var out: [String] = []
        func walk(_ node: xmlNodePtr?) {
            var n = node
            while let cur = n {
                if cur.pointee.type == XML_ELEMENT_NODE, String(cString: cur.pointee.name) == element, let v = xmlGetProp(cur, name) {
                    out.append(String(cString: v)); free(v)  // xmlFree is free unless xmlMemSetup changed it
                }
                walk(cur.pointee.children)
                n = cur.pointee.next
            }
        }
        walk(xmlDocGetRootElement(doc))
        return out
    }
    /// Text of the elements named `element`, in document order.
    func texts(_ element: String) -> [String] {
        var out: [String] = []
        func walk(_ node: xmlNodePtr?) {
            var n = node
            while let cur = n {
                if cur.pointee.type == XML_ELEMENT_NODE, String(cString: cur.pointee.name) == element, let v = xmlNodeGetContent(cur) {
                    out.append(String(cString: v)); free(v)  // xmlFree is free unless xmlMemSetup changed it
                }
                walk(cur.pointee.children)
                n = cur.pointee.next
            }
        }
        walk(xmlDocGetRootElement(doc))
        return out
    }
}

@Suite(.serialized) struct ExportTests {
    static let now = Timestamp(parsing: "2026-11-20T00:00:00Z")!

    @Test func fullExportValidatesAndHoldsExactlyThePublicItems() throws {
        let r = try SampleCopy()
        var options = XMLExport.Options()
        options.now = Self.now
        let (file, report) = try r.export(options)
        let (ok, out) = try validate(file)
        #expect(ok, "\(out)")
        let parsed = try #require(Parsed(Array(try Data(contentsOf: file))))
        let exported = parsed.attributes("item", "id")
        let gate = try r.index().publicItems(now: Self.now).map(\.item.id.rawValue)
        #expect(exported == gate && report.items == gate.count && !gate.isEmpty)
        // Nothing the gate holds back: the draft, the internal and the withdrawn sample items.
        for hidden in ["ke-hoach-quang-ba-du-lich-2027", "ke-hoach-don-tiep-doan-nha-dau-tu-thang-12", "thong-bao-tam-dung-thong-quan-cua-khau-tan-thanh"] {
            #expect(!exported.contains(hidden))
        }
        // Languages only where public: am-thuc-xu-lang has vi and en.
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        #expect(text.contains("<url>https://langson.quangba.example/en/news/am-thuc-xu-lang/</url>"))
        #expect(!text.contains("https://langson.quangba.example/ja/news/am-thuc-xu-lang/"))
        #expect(text.contains("<capital currency=\"VND\">2100000000000</capital>"))
    }

    /// The schema itself holds the ranges the reader enforces (docs/content-format.md): a value
    /// beyond them, written into a valid export, makes it invalid.
    @Test(arguments: [
        ("<capital currency=\"VND\">2100000000000</capital>", "<capital currency=\"VND\">1000000000000000</capital>"),
        ("<capital currency=\"VND\">2100000000000</capital>", "<capital currency=\"VND\">2100000000000.001</capital>"),
        ("<capital currency=\"VND\">2100000000000</capital>", "<capital currency=\"VND\">-5</capital>"),
        ("<area unit=\"ha\">150</area>", "<area unit=\"ha\">10000000</area>"),
        ("<area unit=\"ha\">150</area>", "<area unit=\"ha\">1.5E2</area>"),
        ("created=\"2026-", "created=\"1799-"),
        ("created=\"2026-", "created=\"2200-"),
    ])
    func theSchemaRefusesValuesOutOfRange(valid: String, broken: String) throws {
        let r = try SampleCopy()
        var options = XMLExport.Options()
        options.now = Self.now
        let (file, _) = try r.export(options)
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        #expect(text.contains(valid))
        guard let range = text.range(of: valid) else { return }
        try Data(text.replacingCharacters(in: range, with: broken).utf8).write(to: file)
        #expect(try validate(file).ok == false, "\(broken)")
    }

    @Test func incrementalExportHasTheEditAndTheDeletion() throws {
        let r = try SampleCopy()
        // Known to the index at 05:00; then, taken in at 08:00, an edit and a withdrawal.
        let index = try Index(repository: try Repository(root: r.root))
        try index.sync(now: Timestamp(parsing: "2026-11-22T05:00:00Z")!)
        try r.edit("content/article/am-thuc-xu-lang/item.yaml") { $0.replacingOccurrences(of: "updated: 2026-09-02T01:30:00Z", with: "updated: 2026-11-22T08:00:00Z") }
        try r.edit("content/article/cho-ky-lua-phien-cho-tram-nam/item.yaml") {
            $0.replacingOccurrences(of: "state: published", with: "state: withdrawn") + "withdrawn: 2026-11-22T09:00:00Z\n"
        }
        try index.sync(now: Timestamp(parsing: "2026-11-22T08:00:00Z")!)
        var options = XMLExport.Options()
        options.now = Timestamp(parsing: "2026-11-23T00:00:00Z")!
        options.since = Timestamp(parsing: "2026-11-22T06:00:00Z")!
        let (file, report) = try r.export(options)
        let (ok, out) = try validate(file)
        #expect(ok, "\(out)")
        let parsed = try #require(Parsed(Array(try Data(contentsOf: file))))
        // The edited item, and those that showed a link to the withdrawn one: they no longer do.
        let pointing = try index.itemsPointing(to: ItemID("cho-ky-lua-phien-cho-tram-nam")!).filter { try index.publicItem($0, now: options.now!) != nil }
        #expect(parsed.attributes("item", "id") == Set(["am-thuc-xu-lang"] + pointing.map(\.rawValue)).sorted())
        #expect(parsed.attributes("deleted", "id") == ["cho-ky-lua-phien-cho-tram-nam"])
        #expect(report.items == parsed.attributes("item", "id").count && report.deleted == 1 && pointing.count > 1)
        #expect(parsed.attributes("export", "since") == ["2026-11-22T06:00:00Z"])
    }

    /// Markup, quotes, ampersands, bidi marks, emoji, control characters, non-characters and the
    /// repair of invalid UTF-8 (lone surrogates): the document stays well-formed and every
    /// allowed character comes back exactly.
    @Test func hostileTextNeverBreaksTheDocument() throws {
        let hostile = [
            "<script>alert('x')</script> & &amp; \"quoted\" 'single'",
            "]]> <![CDATA[ x ]]> <!-- comment --> <?pi?>",
            "\u{200F}مرحبا\u{200E} \u{202E}reversed\u{202C} Lạng Sơn 谅山 ランソン 랑선",
            "emoji 👍🏽 👨‍👩‍👧 🇻🇳",
            "controls \u{0}\u{1}\u{8}\u{B}\u{C}\u{1F} end",
            "non-characters \u{FFFE}\u{FFFF} end",
            "line\r\nbreaks\rand\ttabs",
            String(decoding: [0x61, 0xED, 0xA0, 0x80, 0x62, 0xFF], as: UTF8.self),  // a lone surrogate and a bad byte
        ]
        var bytes: [UInt8] = []
        let w = try XMLStreamWriter { chunk in bytes += chunk; return true }
        try w.startDocument()
        try w.start("root")
        for (i, s) in hostile.enumerated() { try w.element("t", s, attributes: [("a", s), ("n", "\(i)")]) }
        try w.end()
        try w.endDocument()
        let parsed = try #require(Parsed(bytes), "the document must be well-formed")
        // Each character XML 1.0 forbids as U+FFFD, the rest unchanged.
        let expected = hostile.map { s in
            String(String.UnicodeScalarView(s.unicodeScalars.map { u in
                (u.value < 0x20 && ![0x09, 0x0A, 0x0D].contains(u.value)) || u.value == 0xFFFE || u.value == 0xFFFF ? "\u{FFFD}" : u
            }))
        }
        #expect(parsed.texts("t") == expected)
        #expect(parsed.attributes("t", "a") == expected)
        #expect(!expected[4].contains("\u{0}") && expected[4].contains("\u{FFFD}"))
        #expect(expected[2] == hostile[2] && expected[3] == hostile[3])
    }

    /// A reader that stops taking bytes stops the export with an error, not a crash.
    @Test func aFailingOutputIsAnError() throws {
        let r = try SampleCopy()
        var taken = 0
        #expect(throws: QuangBaError.self) {
            _ = try XMLExport.write(index: try r.index(), options: XMLExport.Options()) { chunk in
                taken += chunk.count
                return taken < 10_000
            }
        }
    }
}
