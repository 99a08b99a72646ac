import ArgumentParser
import QuangBaCore
import QuangBaStore
import QuangBaText

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Full-text search in every language.",
        discussion: """
        Diacritics and letter case are ignored (\"da nang\" finds \"Đà Nẵng\"), but the versions with the diacritics as typed come \
        first (\"Mẫu Sơn\" before \"màu sơn\"). A phrase in double quotes must occur as written, its words together and in order: \
        quangba search '\"Mẫu Sơn\"'. Without quotes, versions with the words together or close come before those with them \
        far apart. Chinese, Japanese and Korean are found by any run of two or more characters (\"谅山\"). Each result shows its \
        state, language and a passage around the match.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Words to find; every word must occur. A phrase in double quotes must occur as written.") var query: [String]
    @Option(help: ArgumentHelp("Only this language version.", valueName: "lang"), completion: Completions.languages) var lang: String?
    @Option(help: "Most results to show.") var limit = 50
    @Option(help: "Output format.") var format: OutputFormat = .table

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            let code = try lang.map { try Editing.language($0, repo) }
            let index = try global.syncedIndex(repo)
            // A build from a fresh clone left the full-text index out: say why this search takes longer.
            if try index.searchIsDeferred() { Console.err(Console.text("search.building_index")) }
            let hits = try index.search(query.joined(separator: " "), language: code, limit: limit)
            switch format {
            case .json:
                Console.out(JSONOutput.string(hits.map { h -> [String: Any] in
                    var o: [String: Any] = ["id": h.id, "kind": h.kind, "lang": h.language, "title": h.title,
                                            "snippet": h.snippet.plain, "matches": h.snippet.matches]
                    if let s = h.summary { o["summary"] = s }
                    if let s = h.state { o["state"] = s }
                    return o
                }))
            case .table:
                for h in hits {
                    Console.out("\(h.id)  [\(h.language)]  \(h.state.flatMap(ItemState.init(rawValue:)).map(Console.stateName) ?? "?")  \(h.title)")
                    // The passage, its matched words in bold at a terminal.
                    let passage = h.snippet.parts.map { $0.isMatch ? Console.styled($0.text, .bold) : $0.text }.joined()
                    if !passage.isEmpty { Console.out("    " + passage) }
                }
                Console.err(Console.text("search.count", ["count": "\(hits.count)"]))
            }
        }
    }
}
