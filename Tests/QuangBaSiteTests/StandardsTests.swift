import Foundation
import Testing
import QuangBaTestSupport
import QuangBaContent
import QuangBaCore
import QuangBaExport
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
    let r = try runTool("xmllint", ["--noout", "--nonet", "--schema", schemas.appendingPathComponent(xsd).path, file.path],
                    environment: ["XML_CATALOG_FILES": schemas.appendingPathComponent("catalog.xml").path])
    return (r.status == 0, r.output)
}

/// jing against the Atom RELAX NG schema (compact syntax).
func atomValid(_ file: URL) throws -> (Bool, String) {
    let r = try runTool("jing", ["-c", schemas.appendingPathComponent("atom.rnc").path, file.path])
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
    /// marker may appear in any file of the site, in the XML export or in any OAI-PMH answer
    /// (every page of ListRecords in both formats, GetRecord of each item). A published control
    /// item's marker must. Some are kept out by the gate's rules, some by a rule between items.
    @Test(arguments: [1, 2, 3])
    func nothingNonPublicReachesAnyOutput(seed: UInt64) throws {
        let r = try SampleRepo()
        var rng = SplitMix(seed: seed)
        var hidden: [String] = []
        var invalid: Set<String> = []
        let cases = ["draft", "internal", "embargo", "withdrawn", "draft-translation", "review", "approved", "broken-relation", "duplicate"]
        for n in 0..<12 {
            // Every case once, then random ones.
            let kind = n < cases.count ? cases[n] : cases[Int(rng.next() % UInt64(cases.count))]
            let marker = "QBMARK\(seed)X\(n)X\(rng.next() % 1_000_000)"
            hidden.append(marker)
            try addItem(r, id: "leak-\(seed)-\(n)", case: kind, marker: marker)
            if ["broken-relation", "duplicate"].contains(kind) { invalid.insert("leak-\(seed)-\(n)") }
        }
        let control = "QBVISIBLE\(seed)X\(rng.next() % 1_000_000)"
        try addItem(r, id: "control-\(seed)", case: "public", marker: control)

        // The gate, not an error of the item's own, is what keeps them out.
        let index = try Index(repository: try Repository(root: r.root))
        try index.sync()
        let rows = try index.list(ListQuery()).filter { $0.id.hasPrefix("leak-") || $0.id.hasPrefix("control-") }
        #expect(rows.count == 13 + rows.filter { $0.kind == "clarification" }.count)
        #expect(rows.allSatisfy { ($0.errors > 0) == invalid.contains($0.id) }, "\(rows.map { ($0.id, $0.errors) })")

        try r.build()
        var outputs: [(String, String)] = []
        for file in SampleRepo.files(r.out) {
            outputs.append((file, String(decoding: FileManager.default.contents(atPath: r.out.appendingPathComponent(file).path) ?? Data(), as: UTF8.self)))
        }
        var export: [UInt8] = []
        var options = XMLExport.Options()
        options.now = SampleRepo.now
        _ = try XMLExport.write(index: index, options: options) { export += $0; return true }
        outputs.append(("export", String(decoding: export, as: UTF8.self)))
        let oai = try OAIProvider(index: index, endpoint: "http://127.0.0.1:8080/oai", pageSize: 7)
        for prefix in ["oai_dc", "quangba"] {
            var args = [("verb", "ListRecords"), ("metadataPrefix", prefix)]
            for page in 1... {
                let text = String(decoding: try oai.respond(args, now: SampleRepo.now), as: UTF8.self)
                outputs.append(("OAI ListRecords \(prefix) page \(page)", text))
                guard let t = text.firstMatch(of: /<resumptionToken[^>]*>([^<]+)<\/resumptionToken>/) else { break }
                args = [("verb", "ListRecords"), ("resumptionToken", String(t.1))]
            }
            for row in rows {
                guard let kind = ItemKind(rawValue: row.kind), let id = ItemID(row.id) else { continue }
                let text = String(decoding: try oai.respond([("verb", "GetRecord"), ("identifier", oai.identifier(kind, id)), ("metadataPrefix", prefix)], now: SampleRepo.now), as: UTF8.self)
                outputs.append(("OAI GetRecord \(prefix) \(row.kind)/\(row.id)", text))
            }
        }
        var seenControl: Set<String> = []
        for (name, text) in outputs {
            for m in hidden where text.contains(m) { Issue.record("\(m) leaked into \(name)") }
            if text.contains(control) { seenControl.insert(name == "export" || name.hasPrefix("OAI") ? String(name.prefix(3)) : "site") }
        }
        #expect(seenControl == ["site", "exp", "OAI"])
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
        case "broken-relation": yaml += "state: published\nclassification: public\npublished: 2026-10-02T02:00:00Z\nrelations:\n  related: [\(id)-gone]\n"
        default: yaml += "state: published\nclassification: public\npublished: 2026-10-02T02:00:00Z\n"
        }
        try r.write("content/article/\(id)/item.yaml", yaml)
        if kind == "duplicate" {
            // The same published item under another kind: both folders are in error.
            try r.write("content/clarification/\(id)/item.yaml", yaml.replacingOccurrences(of: "kind: article", with: "kind: clarification"))
            try r.write("content/clarification/\(id)/vi.md", "---\ntitle: Bài kiểm thử \(marker)\nsummary: Tóm tắt \(marker)\n---\n\nNội dung \(marker).\n")
        }
        let visibleSource = kind == "draft-translation" || kind == "public"
        let sourceMarker = visibleSource ? "" : " \(marker)"
        try r.write("content/article/\(id)/vi.md", "---\ntitle: Bài kiểm thử\(sourceMarker)\nsummary: Tóm tắt\(sourceMarker)\n---\n\nNội dung\(visibleSource && kind == "public" ? " \(marker)" : sourceMarker).\n")
        if kind == "draft-translation" {
            // A published item whose English version is still a draft: only the English must stay out.
            try r.write("content/article/\(id)/en.md", "---\ntitle: Test \(marker)\nsummary: Draft \(marker)\nstatus: draft\ntranslator: Test\n---\n\nDraft text \(marker).\n")
        }
    }
}
