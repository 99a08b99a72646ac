import ArgumentParser
import Foundation
import QuangBaCore

@main
struct QuangBa: AsyncParsableCommand {
    static let version = "0.1.0"

    // The English texts of every command; HelpScreen shows them in the UI language.
    static let configuration = CommandConfiguration(
        commandName: "quangba",
        abstract: "The province's multilingual promotional-image data system: add, translate, review and publish content.",
        version: version,
        subcommands: [Init.self, New.self, SetField.self, Edit.self, Translate.self, Media.self, List.self, Show.self,
                      Search.self, Status.self, Diff.self, WorkflowCommand.self, Validate.self, Repair.self, IndexCommand.self, Watch.self,
                      Build.self, Check.self, Export.self, Xliff.self, Serve.self, Sync.self, Manual.self]
    )

    /// Exit statuses, as docs/cli.md lists them.
    static let usageError: Int32 = 64

    static func main() async {
        // Four arenas are plenty for this tool's threads (Platform.limitMallocArenas).
        Platform.limitMallocArenas(to: 4)
        let raw = Array(CommandLine.arguments.dropFirst())
        // Shell completion and the parser's own description talk to the parser directly.
        if raw.first == "---completion" || raw.contains(where: { $0.hasPrefix("--generate-completion-script") || $0 == "--experimental-dump-help" }) {
            await main(raw)
            return
        }
        // The language of every word printed from here on.
        Console.configure(uiLanguage: nil)
        if let asked = CommandLineInput.uiLanguage(in: raw) {
            guard let ui = CommandLineInput.uiLanguage(named: asked) else {
                fail(Message("cli.bad_ui_lang", ["value": asked, "known": CommandLineInput.uiLanguages.joined(separator: ", ")]), usage: nil)
            }
            Console.configure(uiLanguage: ui)
        }
        Console.jsonErrors = zip(raw, raw.dropFirst()).contains { $0 == ("--format", "json") } || raw.contains("--format=json")
        let input = CommandLineInput(raw, tree: CommandLineInput.Node(QuangBa.self))
        Editing.commandWords = Array(input.commandWords.prefix(2))
        // The commands described in full, only when help or an error needs them.
        var help: HelpScreen { HelpScreen(tree: tree, language: Console.language) }
        // `quangba`, or `quangba --ui-lang vi` alone: the overview of the commands.
        if input.wantsHelp || input.path.isEmpty && input.commandWords.isEmpty && !raw.contains(where: { $0.hasPrefix("-") && !CommandLineInput.isGlobal($0) }) {
            Console.out(help.render(input.path, width: HelpScreen.screenWidth))
            return
        }
        if let unknown = input.unknownSubcommand {
            let names = input.command.subcommands.filter(\.shown).map(\.name).joined(separator: ", ")
            let command = (["quangba"] + input.path).joined(separator: " ")
            let m = unknown.suggestion.map { Message("cli.unknown_command_near", ["word": unknown.word, "command": command, "suggestion": $0, "known": names]) }
                ?? Message("cli.unknown_command", ["word": unknown.word, "command": command, "known": names])
            fail(m, usage: help.usage(input.path), path: input.path)
        }
        do {
            var command = try parseAsRoot(input.arguments)
            if var async = command as? any AsyncParsableCommand { try await async.run() } else { try command.run() }
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --version and other clean exits.
                let text = fullMessage(for: error)
                if !text.isEmpty { Console.out(text) }
                return
            }
            let english = message(for: error)
            // A command that has already said what went wrong exits with its status alone.
            if english.isEmpty { Foundation.exit(code.rawValue) }
            let translated = ParserMessages.message(english, valueName: help.valueName)
            fail(translated ?? Message("cli.as_given", ["text": english]), usage: help.usage(input.path), path: input.path, status: code.rawValue)
        }
    }

    /// The commands as data, from the declarations (their English texts).
    static var tree: CommandInfo { CommandInfo.of(QuangBa.self) }

    /// A usage error: the message, the usage line and where help is, then exit status 64.
    static func fail(_ m: Message, usage: String?, path: [String] = [], status: Int32 = usageError) -> Never {
        if Console.jsonErrors {
            Console.out(JSONOutput.string(["error": ["code": m.key, "message": Console.text(m)] as [String: Any]]))
        } else {
            Console.err(Console.text("severity.error") + ": " + Console.text(m))
            if let usage {
                Console.err(Console.text("help.usage") + " " + usage)
                Console.err("  " + Console.text("help.see", ["command": (["quangba"] + path + ["--help"]).joined(separator: " ")]))
            }
        }
        Foundation.exit(status)
    }
}
