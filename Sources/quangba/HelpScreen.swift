import Foundation
import QuangBaText

/// The help screens and usage lines, written from the commands' own description (the argument
/// parser's tool info) in the UI language: the English texts are the ones in the command
/// declarations; other languages take theirs from `Messages/help-<lang>.yaml`, keyed by the
/// command path (`media.add`), `path.discussion`, `path.<option or argument>` or, for what many
/// commands share, `all.<option>`; and value names from `value.<name>`.
struct HelpScreen {
    let tree: CommandInfo
    let texts: [String: String]

    init(tree: CommandInfo, language: String) {
        self.tree = tree
        texts = language == "en" ? [:] : Console.helpCatalog(language)
    }

    /// The text for `key`, else the declaration's English.
    private func text(_ key: String, _ english: String?) -> String? { texts[key] ?? english }

    static func key(_ path: [String]) -> String { path.isEmpty ? "quangba" : path.joined(separator: ".") }

    static func argumentKey(_ a: CommandInfo.Argument) -> String { a.preferredName?.name ?? a.valueName ?? "" }

    func abstract(_ path: [String], _ c: CommandInfo) -> String { text(Self.key(path), c.abstract) ?? "" }

    func argumentHelp(_ path: [String], _ a: CommandInfo.Argument) -> String {
        let k = Self.argumentKey(a)
        return texts[Self.key(path) + "." + k] ?? texts["all." + k] ?? a.abstract ?? ""
    }

    func valueName(_ name: String) -> String { texts["value." + name] ?? name }

    /// How an argument is written: `<kind>`, `<field=value> ...`, `-h, --help`, `--root <dir>`.
    func label(_ a: CommandInfo.Argument) -> String {
        let value = "<\(valueName(a.valueName ?? ""))>"
        switch a.kind {
        case .positional: return value + (a.isRepeating ? " ..." : "")
        case .flag, .option:
            let names = (a.names ?? []).sorted { ($0.kind == .short ? 0 : 1) < ($1.kind == .short ? 0 : 1) }.map { n in
                switch n.kind {
                case .short: "-" + n.name
                case .long: "--" + n.name
                case .longWithSingleDash: "-" + n.name
                }
            }.joined(separator: ", ")
            return a.kind == .option ? names + " " + value : names
        }
    }

    /// `quangba media add <file> [<options>]`.
    func usage(_ path: [String]) -> String {
        let c = command(path)
        var parts = ["quangba"] + path
        let args = (c.arguments ?? []).filter(\.shouldDisplay)
        if let subs = c.subcommands, !subs.isEmpty, !args.contains(where: { $0.kind == .positional }) {
            parts.append("<\(valueName("subcommand"))>")
        }
        let positionals = args.filter { $0.kind == .positional }
        if args.contains(where: { $0.kind != .positional }) { parts.append("[<\(valueName("options"))>]") }
        for p in positionals { parts.append(p.isOptional || p.isRepeating && p.defaultValue != nil ? "[\(label(p))]" : label(p)) }
        return parts.joined(separator: " ")
    }

    func command(_ path: [String]) -> CommandInfo {
        var node = tree
        for name in path { node = node.subcommands?.first { $0.commandName == name } ?? node }
        return node
    }

    /// The whole screen for the command at `path`, wrapped to `width` columns.
    func render(_ path: [String], width: Int) -> String {
        let c = command(path)
        var out: [String] = []
        func heading(_ key: String) -> String { Console.text(key) }
        let about = abstract(path, c)
        if !about.isEmpty { out += Self.wrap(heading("help.overview") + " " + about, width: width, indent: 0) + [""] }
        if let d = text(Self.key(path) + ".discussion", c.discussion)?.trimmingCharacters(in: .newlines), !d.isEmpty {
            out += d.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + [""]
        }
        out.append(heading("help.usage") + " " + usage(path))
        out.append("")
        let args = (c.arguments ?? []).filter(\.shouldDisplay)
        func section(_ title: String, _ rows: [(String, String)]) {
            guard !rows.isEmpty else { return }
            out.append(title)
            let labelWidth = min(28, (rows.map { DisplayWidth.of($0.0) }.max() ?? 0) + 2)
            for (l, h) in rows {
                let pad = 2 + labelWidth + 2
                let lines = Self.wrap(h, width: width - pad, indent: 0)
                if DisplayWidth.of(l) > labelWidth {
                    out.append("  " + l)
                    out += lines.map { String(repeating: " ", count: pad) + $0 }
                } else {
                    out.append("  " + DisplayWidth.fit(l, labelWidth) + "  " + (lines.first ?? ""))
                    out += lines.dropFirst().map { String(repeating: " ", count: pad) + $0 }
                }
            }
            out.append("")
        }
        func describe(_ a: CommandInfo.Argument) -> String {
            var h = argumentHelp(path, a)
            if let values = a.allValues, !values.isEmpty, a.kind != .flag {
                h += " " + Console.text("help.values", ["values": values.joined(separator: ", ")])
            }
            if let d = a.defaultValue, !d.isEmpty, a.kind == .option, !a.isRepeating {
                h += " " + Console.text("help.default", ["value": d])
            }
            return h
        }
        section(heading("help.arguments"), args.filter { $0.kind == .positional }.map { (label($0), describe($0)) })
        section(heading("help.options"), args.filter { $0.kind != .positional }.map { (label($0), describe($0)) })
        let subs = (c.subcommands ?? []).filter(\.shouldDisplay)
        section(heading("help.subcommands"), subs.map { ($0.commandName, abstract(path + [$0.commandName], $0)) })
        if !subs.isEmpty {
            out.append("  " + Console.text("help.see_subcommand", ["command": (["quangba", "help"] + path).joined(separator: " ")]))
        }
        if path.isEmpty { out += ["", Console.text("help.exit_codes"), Console.text("help.manual")] }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n")
    }

    /// Words laid in lines of at most `width` display columns (a word longer than that has a
    /// line of its own).
    static func wrap(_ text: String, width: Int, indent: Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                let w = String(word)
                if line.isEmpty { line = w }
                else if DisplayWidth.of(line) + 1 + DisplayWidth.of(w) <= max(20, width) { line += " " + w }
                else { lines.append(line); line = w }
            }
            lines.append(line)
        }
        return lines
    }

    /// The terminal's width (COLUMNS, else the terminal's own, else 80).
    static var screenWidth: Int {
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c > 20 { return c }
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 80
    }
}
