import ArgumentParser
import Foundation

/// The commands as data, read from the argument parser's own description of them (the JSON of
/// `--experimental-dump-help`, `ParsableCommand._dumpHelp()`), for the help screens in the UI
/// language, the manual page and the tests. Only the fields those use.
struct CommandInfo: Decodable {
    struct Name: Decodable {
        enum Kind: String, Decodable { case long, short, longWithSingleDash }
        var kind: Kind
        var name: String
    }

    struct Argument: Decodable {
        enum Kind: String, Decodable { case positional, option, flag }
        var kind: Kind
        var shouldDisplay: Bool
        var isOptional: Bool
        var isRepeating: Bool
        var names: [Name]?
        var preferredName: Name?
        var valueName: String?
        var defaultValue: String?
        var allValues: [String]?
        var abstract: String?
    }

    var commandName: String
    var aliases: [String]?
    var abstract: String?
    var discussion: String?
    var shouldDisplay: Bool
    var subcommands: [CommandInfo]?
    var arguments: [Argument]?

    /// The whole tree, from the root command's declarations.
    static func of(_ root: any ParsableCommand.Type) -> CommandInfo {
        struct Dump: Decodable { var command: CommandInfo }
        // The parser's description of commands that parse; it cannot fail for them.
        return try! JSONDecoder().decode(Dump.self, from: Data(root._dumpHelp().utf8)).command
    }
}
