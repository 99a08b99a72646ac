import ArgumentParser
import Foundation
import QuangBaCore

/// The command line as an editor types it, made into what the argument parser reads, before
/// any command runs: the options every command takes may come before the subcommand
/// (`quangba --root DIR list`), `--ui-lang` is checked before anything is printed, a misspelled
/// subcommand is answered with the nearest one, and a help request is recognised so that its
/// screen can be written in the UI language (`HelpScreen`).
struct CommandLineInput {
    /// The options of `GlobalOptions`, which every command that reads a repository takes.
    static let globalOptions = ["--root", "--ui-lang"]
    static let uiLanguages = ["vi", "en"]

    /// A command as far as the line's shape needs it: names and subcommands, read from the
    /// declarations' configuration (cheap: no command is described in full, which only help
    /// and errors need).
    struct Node {
        var name: String
        var aliases: [String]
        var shown: Bool
        var subcommands: [Node]

        init(_ type: any ParsableCommand.Type) {
            let c = type.configuration
            name = type._commandName
            aliases = c.aliases
            shown = c.shouldDisplay
            subcommands = c.subcommands.map(Node.init)
        }
    }

    let tree: Node
    /// The arguments, with global options moved after the subcommand path.
    private(set) var arguments: [String]
    /// The subcommand names at the start (`["media", "add"]`).
    private(set) var path: [String] = []
    /// `-h`, `--help` or the `help` command, for the command at `path`.
    private(set) var wantsHelp = false
    /// The first argument after the path and the global options.
    private var firstRest: String?

    init(_ raw: [String], tree: Node) {
        self.tree = tree
        var globals: [String] = [], rest: [String] = [], node = tree
        var i = 0, inPath = true
        while i < raw.count {
            let a = raw[i]
            if a == "--" { rest += raw[i...]; break }
            if inPath, let name = Self.globalOptions.first(where: { a == $0 || a.hasPrefix($0 + "=") }) {
                globals.append(a)
                if a == name, i + 1 < raw.count { globals.append(raw[i + 1]); i += 1 }
            } else if inPath, path.isEmpty, !wantsHelp, a == "help" {
                // `quangba help media add`: the screen of the command named after it.
                wantsHelp = true
            } else if inPath, let sub = node.subcommands.first(where: { $0.name == a || $0.aliases.contains(a) }) {
                path.append(sub.name); node = sub
            } else {
                inPath = false
                if a == "-h" || a == "--help" { wantsHelp = true }
                rest.append(a)
            }
            i += 1
        }
        if wantsHelp { rest.removeAll { $0 == "-h" || $0 == "--help" } }
        firstRest = rest.first
        arguments = path + globals + rest
    }

    /// Whether `argument` is one of the global options (or its `=value` form).
    static func isGlobal(_ argument: String) -> Bool {
        globalOptions.contains { argument == $0 || argument.hasPrefix($0 + "=") }
    }

    /// The value of `--ui-lang` wherever it is on the line.
    static func uiLanguage(in raw: [String]) -> String? {
        for (i, a) in raw.enumerated() {
            if a == "--" { return nil }
            if a == "--ui-lang" { return i + 1 < raw.count ? raw[i + 1] : nil }
            if a.hasPrefix("--ui-lang=") { return String(a.dropFirst("--ui-lang=".count)) }
        }
        return nil
    }

    /// The UI language `value` names (`vi`, `VI`, `vi_VN`, `en-GB`), or nil.
    static func uiLanguage(named value: String) -> String? {
        let primary = value.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." }).first.map(String.init)
        return uiLanguages.first { $0 == primary }
    }

    /// The words that say what the command does, global options aside: `["workflow", "approve"]`,
    /// `["media", "add"]`, `["new", "article"]` (commit messages name the change by them).
    var commandWords: [String] {
        path + (firstRest.map { $0.hasPrefix("-") ? [] : [$0] } ?? [])
    }

    /// The command at `path` in the tree.
    var command: Node {
        var node = tree
        for name in path { node = node.subcommands.first { $0.name == name } ?? node }
        return node
    }

    /// A word where a subcommand was expected that names none: the word and the nearest
    /// subcommand (nil when none is near). QuangBa's command groups (media, watch, export,
    /// xliff) take no argument of their own, so the first word after one is a subcommand.
    var unknownSubcommand: (word: String, suggestion: String?)? {
        let names = command.subcommands.filter(\.shown).map(\.name)
        guard !names.isEmpty, let word = firstRest, !word.hasPrefix("-") else { return nil }
        let scored = names.map { ($0, Self.editDistance($0, word.lowercased())) }
        let best = scored.min { $0.1 < $1.1 }
        let near = best.flatMap { $0.1 <= max(1, min(3, word.count / 2)) ? $0.0 : nil }
            ?? names.first { $0.hasPrefix(word.lowercased()) && word.count >= 2 }
        return (word, near)
    }

    /// Levenshtein distance, with a swap of two neighbouring letters counted as one edit
    /// (`lsit` → `list`).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
