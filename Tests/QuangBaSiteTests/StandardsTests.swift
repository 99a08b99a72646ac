import Foundation
import Testing
import QuangBaContent
import QuangBaCore
import QuangBaSite
import QuangBaStore

/// The official schemas: ../shared/schemas beside the package, or $QUANGBA_SCHEMAS.
let schemas: URL = {
    if let env = ProcessInfo.processInfo.environment["QUANGBA_SCHEMAS"] { return URL(fileURLWithPath: env) }
    return SampleRepo.package.deletingLastPathComponent().appendingPathComponent("shared/schemas")
}()

func requireSchemas() -> Bool {
    guard FileManager.default.fileExists(atPath: schemas.appendingPathComponent("catalog.xml").path) else {
        Issue.record("the official schemas are not at \(schemas.path): put ../shared/schemas beside the package or set QUANGBA_SCHEMAS")
        return false
    }
    return true
}

/// xmllint against an XSD, offline, with the schemas' catalog.
func xsdValid(_ file: URL, _ xsd: String) throws -> (Bool, String) {
    let r = try run("xmllint", ["--noout", "--nonet", "--schema", schemas.appendingPathComponent(xsd).path, file.path],
                    environment: ["XML_CATALOG_FILES": schemas.appendingPathComponent("catalog.xml").path])
    return (r.status == 0, r.output)
}

/// jing against the Atom RELAX NG schema (compact syntax).
func atomValid(_ file: URL) throws -> (Bool, String) {
    let r = try run("jing", ["-c", schemas.appendingPathComponent("atom.rnc").path, file.path])
    return (r.status == 0, r.output)
}

@Suite(.serialized) struct StandardsTests {
    @Test func sitemapsAndFeedsAreValid() throws {
        guard requireSchemas() else { return }
        let r = try SampleRepo()
        try r.build()
        let index = r.out.appendingPathComponent("sitemap.xml")
        let (ok, out) = try xsdValid(index, "siteindex.xsd")
        #expect(ok, "\(out)")
        for folder in ["vi", "en", "zh-hans", "ja", "ko"] {
            let sitemap = r.out.appendingPathComponent("sitemap-\(folder).xml")
            let (ok, out) = try xsdValid(sitemap, "local/sitemap-with-xhtml.xsd")
            #expect(ok, "\(out)")
            #expect(r.read("sitemap-\(folder).xml").contains("<xhtml:link rel=\"alternate\" hreflang=\"x-default\""))
            let feed = r.out.appendingPathComponent("\(folder)/feed.xml")
            let (atomOK, atomOut) = try atomValid(feed)
            #expect(atomOK, "\(atomOut)")
            #expect(r.read("\(folder)/feed.xml").contains("<entry"))
        }
        #expect(r.read("robots.txt").contains("Sitemap: https://langson.quangba.example/sitemap.xml"))
    }

    /// The validators do reject what is wrong (so a pass above means something).
    @Test func theValidatorsRejectBrokenFiles() throws {
        guard requireSchemas() else { return }
        let r = try SampleRepo()
        try r.build()
        let sitemap = r.out.appendingPathComponent("sitemap-en.xml")
        let broken = r.read("sitemap-en.xml").replacingOccurrences(of: "<lastmod>2026", with: "<lastmod>yesterday 2026")
        try Data(broken.utf8).write(to: sitemap)
        #expect(try xsdValid(sitemap, "local/sitemap-with-xhtml.xsd").0 == false)
        let feed = r.out.appendingPathComponent("en/feed.xml")
        try Data(r.read("en/feed.xml").replacingOccurrences(of: "<author><name>", with: "<author><nom>").replacingOccurrences(of: "</name></author>", with: "</nom></author>").utf8).write(to: feed)
        #expect(try atomValid(feed).0 == false)
    }

    /// The sample plus random items that must not be public, each with its own marker: no
    /// marker may appear in any file of the site. A published control item's marker must.
    @Test(arguments: [1, 2, 3])
    func nothingNonPublicReachesTheSite(seed: UInt64) throws {
        let r = try SampleRepo()
        var rng = SplitMix(seed: seed)
        var hidden: [String] = []
        let cases = ["draft", "internal", "embargo", "withdrawn", "draft-translation", "review", "approved"]
        for n in 0..<12 {
            let kind = cases[Int(rng.next() % UInt64(cases.count))]
            let marker = "QBMARK\(seed)X\(n)X\(rng.next() % 1_000_000)"
            hidden.append(marker)
            try addItem(r, id: "leak-\(seed)-\(n)", case: kind, marker: marker)
        }
        let control = "QBVISIBLE\(seed)X\(rng.next() % 1_000_000)"
        try addItem(r, id: "control-\(seed)", case: "public", marker: control)

        // The items are valid: the gate, not a validation error, is what keeps them out.
        let index = try Index(repository: try Repository(root: r.root))
        try index.sync()
        let rows = try index.list(ListQuery()).filter { $0.id.hasPrefix("leak-") || $0.id.hasPrefix("control-") }
        #expect(rows.count == 13 && rows.allSatisfy { $0.errors == 0 }, "\(rows.filter { $0.errors > 0 }.map(\.id))")

        try r.build()
        var seenControl = false
        for file in SampleRepo.files(r.out) {
            let bytes = FileManager.default.contents(atPath: r.out.appendingPathComponent(file).path) ?? Data()
            let text = String(decoding: bytes, as: UTF8.self)
            for m in hidden where text.contains(m) { Issue.record("\(m) leaked into \(file)") }
            if text.contains(control) { seenControl = true }
        }
        #expect(seenControl)
    }

    private func addItem(_ r: SampleRepo, id: String, case kind: String, marker: String) throws {
        var yaml = """
        kind: article
        source_language: vi
        created: 2026-10-01T02:00:00Z
        updated: 2026-10-02T02:00:00Z
        author: Người Kiểm Thử
        unit: ttxt
        topics: [culture]

        """
        switch kind {
        case "draft": yaml += "state: draft\nclassification: public\n"
        case "review", "approved": yaml += "state: \(kind)\nclassification: public\n"
        case "internal": yaml += "state: draft\nclassification: internal\n"
        case "embargo": yaml += "state: published\nclassification: public\npublished: 2026-10-02T02:00:00Z\nembargo: 2099-01-01T00:00:00Z\n"
        case "withdrawn": yaml += "state: withdrawn\nclassification: public\npublished: 2026-10-02T02:00:00Z\nwithdrawn: 2026-10-05T00:00:00Z\n"
        default: yaml += "state: published\nclassification: public\npublished: 2026-10-02T02:00:00Z\n"
        }
        try r.write("content/article/\(id)/item.yaml", yaml)
        let visibleSource = kind == "draft-translation" || kind == "public"
        let sourceMarker = visibleSource ? "" : " \(marker)"
        try r.write("content/article/\(id)/vi.md", "---\ntitle: Bài kiểm thử\(sourceMarker)\nsummary: Tóm tắt\(sourceMarker)\n---\n\nNội dung\(visibleSource && kind == "public" ? " \(marker)" : sourceMarker).\n")
        if kind == "draft-translation" {
            // A published item whose English version is still a draft: only the English must stay out.
            try r.write("content/article/\(id)/en.md", "---\ntitle: Test \(marker)\nsummary: Draft \(marker)\nstatus: draft\ntranslator: Test\n---\n\nDraft text \(marker).\n")
        }
    }
}

/// A small seeded generator, so a failing case can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
