import ArgumentParser
import Foundation
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
    @Option(help: ArgumentHelp("Only items with this language version; show titles in it.", valueName: "lang"), completion: Completions.languages) var lang: String?
    @Option(help: "Only items in this state.") var state: ItemState?
    @Option(help: ArgumentHelp("Only items of this unit (code).", valueName: "unit"), completion: Completions.units) var unit: String?
    @Option(help: ArgumentHelp("Only items with this topic (code).", valueName: "topic"), completion: Completions.topics) var topic: String?
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
                    var o: [String: Any] = ["id": r.id, "kind": r.kind, "title": r.title, "languages": r.languages, "error_count": r.errors]
                    if let s = r.state { o["state"] = s }
                    if let c = r.classification { o["classification"] = c }
                    if let u = r.unit { o["unit"] = u }
                    if let t = r.updated { o["updated"] = t.description }
                    if let l = r.titleLanguage { o["title_lang"] = l }
                    return o
                }))
            case .table:
                let header = [Console.text("list.id"), Console.text("list.kind"), Console.text("list.state"), Console.text("list.updated"), Console.text("list.languages"), Console.text("list.title")]
                // Kinds and states by their names in the UI language; the markers around them.
                var anyInternal = false, anyInvalid = false
                let cells = rows.map { r -> [String] in
                    var state = r.state.flatMap(ItemState.init(rawValue:)).map(Console.stateName) ?? "?"
                    if r.classification == "internal" { state += "*"; anyInternal = true }
                    if r.errors > 0 { state = "!" + state; anyInvalid = true }
                    let kind = ItemKind(rawValue: r.kind).map(Console.kindName) ?? r.kind
                    return [r.id, kind, state, r.updated?.day ?? "", r.languages.joined(separator: " "), r.title]
                }
                // Ids are never cut (an id is copied from here into the next command), nor names.
                let widths = (0..<5).map { c in ([header] + cells).map { DisplayWidth.of($0[c]) }.max() ?? 0 }
                let titleWidth = terminalColumns().map { max(20, $0 - widths.reduce(0, +) - 2 * widths.count) }
                func line(_ cells: [String]) -> String {
                    let title = titleWidth.map { DisplayWidth.of(cells[5]) > $0 ? DisplayWidth.fit(cells[5], $0) : cells[5] } ?? cells[5]
                    return zip(cells, widths).map { DisplayWidth.fit($0, $1) }.joined(separator: "  ") + "  " + title
                }
                Console.out(line(header))
                for c in cells { Console.out(line(c)) }
                Console.err(Console.text("list.count", ["count": Console.count(rows.count)]))
                // Only the markers shown: a legend of what is not there is noise.
                if anyInternal { Console.err(Console.text("list.legend_internal")) }
                if anyInvalid { Console.err(Console.text("list.legend_errors")) }
            }
        }
    }
}

/// The width of the terminal standard output is, nil when it is not one (a pipe or a file
/// gets whole titles).
private func terminalColumns() -> Int? {
    guard Console.stdoutIsTerminal else { return nil }
    var size = winsize()
    guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
}
