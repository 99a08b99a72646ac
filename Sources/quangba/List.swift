import ArgumentParser
import QuangBaContent
import QuangBaCore
import QuangBaStore
import QuangBaText

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List items, filtered and sorted.",
        discussion: "Titles sort in the language's own collation (Vietnamese: a < ă < â, d < đ, u < ư)."
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this kind.") var kind: ItemKind?
    @Option(help: ArgumentHelp("Only items with this language version; show titles in it.", valueName: "lang")) var lang: String?
    @Option(help: "Only items in this state.") var state: ItemState?
    @Option(help: ArgumentHelp("Only items of this unit (code).", valueName: "unit")) var unit: String?
    @Option(help: ArgumentHelp("Only items with this topic (code).", valueName: "topic")) var topic: String?
    @Option(help: ArgumentHelp("Only items for this channel (code).", valueName: "channel")) var channel: String?
    @Option(help: "Sort by date (newest first) or title.") var sort: ListQuery.Sort = .date
    @Option(help: "Output format.") var format: OutputFormat = .table

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            var q = ListQuery()
            q.kind = kind; q.state = state; q.unit = unit; q.topic = topic; q.channel = channel; q.sort = sort
            q.language = try lang.map { try Editing.language($0, repo) }
            let rows = try global.syncedIndex(repo).list(q)
            switch format {
            case .json:
                Console.out(JSONOutput.string(rows.map { r -> [String: Any] in
                    var o: [String: Any] = ["id": r.id, "kind": r.kind, "title": r.title, "languages": r.languages, "errors": r.errors]
                    if let s = r.state { o["state"] = s }
                    if let c = r.classification { o["classification"] = c }
                    if let u = r.unit { o["unit"] = u }
                    if let t = r.updated { o["updated"] = t.description }
                    if let l = r.titleLanguage { o["title_language"] = l }
                    return o
                }))
            case .table:
                let header = [Console.text("list.id"), Console.text("list.kind"), Console.text("list.state"), Console.text("list.updated"), Console.text("list.languages"), Console.text("list.title")]
                let idWidth = min(48, max(DisplayWidth.of(header[0]), rows.map { DisplayWidth.of($0.id) }.max() ?? 0))
                let widths = [idWidth, 13, 10, 10, 20]
                func line(_ cells: [String]) -> String {
                    zip(cells, widths).map { DisplayWidth.fit($0, $1) }.joined(separator: "  ") + "  " + cells[5]
                }
                Console.out(line(header))
                for r in rows {
                    var state = r.state ?? "?"
                    if r.classification == "internal" { state += "*" }
                    if r.errors > 0 { state = "!" + state }
                    Console.out(line([r.id, r.kind, state, r.updated?.day ?? "", r.languages.joined(separator: " "), r.title]))
                }
                Console.err(Console.text("list.count", ["count": "\(rows.count)"]))
            }
        }
    }
}
