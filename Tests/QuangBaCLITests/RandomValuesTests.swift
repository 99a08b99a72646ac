import Foundation
import Testing
import QuangBaTestSupport

/// Random field values (numbers, dates, hostile text, ids and relations, codes), duplicate and
/// deleted folders, through the commands an editor and CI run: `set` → `validate` → `build` →
/// `export xml`. No command may crash (exit status 0 or 1, never a signal), and every export
/// must be valid against the project's own schema. The seed and the step are in every failure.
@Suite(.serialized) struct RandomValuesTests {
    static let schemas = CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/schemas")

    @Test(arguments: [1, 2])
    func randomValuesNeverCrashAndNeverMakeAnInvalidExport(seed: UInt64) throws {
        guard FileManager.default.fileExists(atPath: Self.schemas.appendingPathComponent("catalog.xml").path) else {
            Issue.record("the official schemas are not at \(Self.schemas.path): put ../shared/schemas beside the package")
            return
        }
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        for folder in ["site-templates", "locales"] {
            try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent(folder), to: cli.root.appendingPathComponent(folder))
        }
        var g = Values(seed: seed)
        var exports = 0
        for step in 0..<24 {
            let args = g.command()
            let context = "seed \(seed), step \(step): \(args)"
            if args.first == "set" {
                let r = try cli.run(args)
                #expect(!r.signaled && r.status <= 1, "\(context): \(r.status) \(r.err)")
            } else {
                try g.changeFolders(cli.root, args)
            }
            guard step % 4 == 3 else { continue }
            for command in [["validate"], ["build"], ["export", "xml", "--out", "export.xml"]] {
                let r = try cli.run(command)
                #expect(!r.signaled && r.status <= 1, "\(context), then \(command): \(r.status) \(r.err)")
                if command[0] == "export", r.status == 0 {
                    let (ok, out) = try Self.xsdValid(cli.root.appendingPathComponent("export.xml"))
                    #expect(ok, "\(context), then export: \(out)")
                    let ids = cli.file("export.xml").components(separatedBy: "<item ").dropFirst().compactMap { $0.firstMatch(of: /\bid="([^"]*)"/)?.1 }
                    #expect(Set(ids).count == ids.count, "\(context), then export: two records with one id in \(ids)")
                    exports += 1
                }
            }
        }
        #expect(exports > 0, "seed \(seed): no export was made")
    }

    static func xsdValid(_ file: URL) throws -> (Bool, String) {
        let r = try runTool("xmllint", ["--noout", "--nonet", "--schema", CLI.packageRoot.appendingPathComponent("Sources/QuangBaExport/Schema/quangba-1.xsd").path, file.path],
                            environment: ["XML_CATALOG_FILES": schemas.appendingPathComponent("catalog.xml").path])
        return (r.status == 0, String(r.output.prefix(2000)))
    }
}

/// The generator: `quangba set` commands with values chosen to break things, and now and then
/// a folder copied under another kind (a duplicate id), deleted or restored.
struct Values {
    var rng: SplitMix
    init(seed: UInt64) { rng = SplitMix(seed: seed) }

    static let items: [(id: String, kind: String)] = [
        ("an-toan-giao-thong-dip-le-hoi", "article"), ("an-uong-xu-lang", "article"), ("uu-dai-dau-tu", "article"),
        ("anh-mau-son", "media"), ("du-an-logistics-dong-dang", "project"),
    ]
    static let fields: [String: [String]] = [
        "article": ["embargo", "cover", "related", "attachments", "author", "topics", "classification"],
        "media": ["taken", "geo", "credit", "holder", "source", "video", "cover", "related", "embargo"],
        "project": ["area_ha", "capital", "geo", "schedule", "decision", "decision_date", "embargo", "related", "attachments", "zone", "locality"],
    ]
    static let numbers = ["1.7e308", "1e300", "0x1p3", "0x10", "inf", "-inf", "nan", "NaN", "-5", "0", "-0", "1_000", "46.5", "0.0001", "0.00001",
                          "99999999999999999", "999999999999999", "123456789012.345", "1e-7", "+5", ".5", "5.", "١٢", "１２", "12,5", "1 000", ""]
    static let dates = ["0000-01-01", "0001-01-01", "1799-12-31", "1800-01-01", "2199-12-31", "2200-01-01", "9999-12-31T23:59:59Z", "2026-02-29",
                        "2024-02-29", "2026-13-01", "2026-06-01T24:00:00Z", "2026-06-01T10:00:00+07:00", "none", ""]
    static let texts = ["", " ", "\u{202E}gnp.exe\u{202C}", "a\u{200B}b\u{FEFF}", "e\u{301}\u{301}\u{301}", "Z\u{0336}a\u{0337}l\u{0338}g\u{0335}o",
                        "<script>alert(1)</script>", "]]><!--", "&amp;&#0;", "\u{FFFE}\u{FFFF}", "\u{1}\u{8}", "👨‍👩‍👧🇻🇳", "MẬT", "Tối mật",
                        "line\nbreak", "\"quoted: yes\"", "- item", "{a: b}", "~", "null", "javascript:alert(1)", "http://x/?a=1&b=<2>",
                        "https://example.org/a b", "https://vi.wikipedia.org/wiki/Lạng_Sơn", "mailto:a@b.example", "//evil.example/x",
                        String(repeating: "Lạng Sơn ", count: 300), "谅山 ランソン 랑선 \u{0E01}\u{0E34}"]
    static let ids = ["an-toan-giao-thong-dip-le-hoi", "an-uong-xu-lang", "anh-mau-son", "du-an-logistics-dong-dang", "dan-ca-then",
                      "khong-co", "Bad_ID", "a--b", "", "none", "anh-mau-son,anh-mau-son", "an-uong-xu-lang,khong-co"]

    mutating func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }

    mutating func number() -> String {
        switch rng.next() % 4 {
        case 0: return String(rng.next() % 100_000_000_000_000_000) + (rng.next() % 2 == 0 ? "" : "." + String(rng.next() % 100_000))
        case 1: return (rng.next() % 2 == 0 ? "-" : "") + String(Double(bitPattern: rng.next()))
        default: return pick(Self.numbers)
        }
    }

    mutating func value(_ field: String) -> String {
        switch field {
        case "area_ha": return number()
        case "capital": return number() + " " + pick(["VND", "USD", "usd", "EUR", ""])
        case "geo": return number() + "," + number()
        case "schedule": return "\(1850 + rng.next() % 400)-\(1850 + rng.next() % 400)"
        case "embargo", "taken", "decision_date": return pick(Self.dates)
        case "cover", "related", "attachments": return pick(Self.ids)
        case "topics": return pick(["tourism", "investment,tourism", "weather", ""])
        case "zone", "locality": return pick(["dong-dang", "none", "", "x"])
        case "classification": return pick(["public", "internal", "secret"])
        default: return pick(Self.texts)
        }
    }

    /// A `set` command; or a folder copied under another kind (a duplicate id: an article
    /// copied as a clarification is valid on its own), put aside, or put back.
    mutating func command() -> [String] {
        // The project and the photo hold most of the exported numbers and dates.
        let item = pick(Self.items + [Self.items[3], Self.items[4], Self.items[4]])
        switch rng.next() % 16 {
        case 0, 1: return ["copy", "content/\(item.kind)/\(item.id)", "content/\(pick(["clarification", "clarification", "media", "event"]))/\(item.id)"]
        case 2: return ["aside", "content/\(item.kind)/\(item.id)"]
        case 3: return ["back"]
        case 4, 5:
            let lang = pick(["vi", "en", "ja"])
            let field = pick(["title", "summary", "body", "alt", "caption"])
            return ["set", item.id, "--lang", lang, "\(field)=\(pick(Self.texts))"]
        default:
            let field = pick(Self.fields[item.kind]!)
            return ["set", item.id, "\(field)=\(value(field))"]
        }
    }

    /// Folders put aside, to be put back.
    var aside: [String] = []

    mutating func changeFolders(_ root: URL, _ args: [String]) throws {
        let fm = FileManager.default
        if args[0] == "back" {
            guard let path = aside.popLast() else { return }
            try fm.moveItem(at: root.appendingPathComponent("aside-\(aside.count)"), to: root.appendingPathComponent(path))
            return
        }
        let from = root.appendingPathComponent(args[1])
        guard fm.fileExists(atPath: from.path) else { return }
        if args[0] == "aside" {
            try fm.moveItem(at: from, to: root.appendingPathComponent("aside-\(aside.count)"))
            aside.append(args[1])
            return
        }
        let to = root.appendingPathComponent(args[2])
        guard !fm.fileExists(atPath: to.path) else { return }
        try fm.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fm.copyItem(at: from, to: to)
        let yaml = to.appendingPathComponent("item.yaml")
        let kind = to.deletingLastPathComponent().lastPathComponent
        let text = try String(contentsOf: yaml, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("kind:") ? "kind: \(kind)" : String($0) }.joined(separator: "\n")
        try Data(text.utf8).write(to: yaml)
    }
}
