import ArgumentParser
import QuangBaCore
import QuangBaStore
import QuangBaText

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Translation coverage per language: current, stale, missing and draft.",
        discussion: """
        current: approved and made from the source text as it is now.
        stale: the source changed since the translation was made (its source_hash no longer matches).
        missing: no file for that language.  draft: present but not approved yet.
        Withdrawn items are not counted.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only this language.", valueName: "lang")) var lang: String?
    @Flag(help: "Also list every item that is not current, per language.") var items = false
    @Option(help: "Output format.") var format: OutputFormat = .table

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            let code = try lang.map { try Editing.language($0, repo) }
            let rows = try global.syncedIndex(repo).coverage(language: code)
            let langs = code.map { [$0] } ?? repo.config.languageCodes
            var counts: [String: [Coverage: Int]] = [:]
            for r in rows { counts[r.language, default: [:]][r.coverage, default: 0] += 1 }
            switch format {
            case .json:
                var o: [String: Any] = ["languages": langs.map { l -> [String: Any] in
                    var d: [String: Any] = ["lang": l.rawValue]
                    for c in Coverage.allCases { d[c.rawValue] = counts[l.rawValue]?[c] ?? 0 }
                    return d
                }]
                if items {
                    o["items"] = rows.filter { $0.coverage != .current }.map { ["id": $0.id, "kind": $0.kind, "unit": $0.unit, "lang": $0.language, "coverage": $0.coverage.rawValue] }
                }
                Console.out(JSONOutput.string(o))
            case .table:
                let head = [Console.text("status.lang")] + Coverage.allCases.map { Console.text("status.\($0.rawValue)") }
                Console.out(head.map { DisplayWidth.fit($0, 12) }.joined(separator: " "))
                for l in langs {
                    let cells = [l.rawValue] + Coverage.allCases.map { "\(counts[l.rawValue]?[$0] ?? 0)" }
                    Console.out(cells.map { DisplayWidth.fit($0, 12) }.joined(separator: " "))
                }
                if items {
                    Console.out("")
                    for r in rows where r.coverage != .current {
                        Console.out("\(DisplayWidth.fit(r.language, 8)) \(DisplayWidth.fit(Console.text("status.\(r.coverage.rawValue)"), 12)) \(r.id)")
                    }
                }
            }
        }
    }
}
