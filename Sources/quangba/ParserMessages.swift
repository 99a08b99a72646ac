import Foundation
import QuangBaCore

/// The argument parser's complaints (written in English inside the library) as catalog
/// messages, so that an editor reads them in the UI language: each known sentence is
/// recognised and its values carried over. The list follows swift-argument-parser 1.8's
/// `ArgumentSet.errorDescription`; a sentence it does not know is shown as it came.
enum ParserMessages {
    // Read only, after the first use.
    nonisolated(unsafe) private static let patterns: [(Regex<AnyRegexOutput>, String, [String])] = [
        (#"^Unknown option '(.+)'\. Did you mean '(.+)'\?$"#, "parse.unknown_option_near", ["option", "suggestion"]),
        (#"^Unknown option '(.+)'$"#, "parse.unknown_option", ["option"]),
        (#"^Missing value for '(.+)'$"#, "parse.missing_value", ["option"]),
        (#"^The option '(.+)' does not take any value, but '(.*)' was specified\.$"#, "parse.flag_value", ["option", "value"]),
        (#"^Unexpected argument '(.*)'$"#, "parse.unexpected", ["value"]),
        (#"^\d+ unexpected arguments: '(.*)'$"#, "parse.unexpected_many", ["values"]),
        (#"^Missing expected argument '(.+)'$"#, "parse.missing_argument", ["argument"]),
        (#"^Missing one of: '(.+)'$"#, "parse.missing_one_of", ["arguments"]),
        (#"^Missing required subcommand\.$"#, "parse.missing_subcommand", []),
        (#"^Invalid option: (.+)$"#, "parse.invalid_option", ["option"]),
        (#"^Value to be set with (.+) had already been set with (.+)$"#, "parse.duplicate", ["second", "first"]),
    ].map { (try! Regex($0.0).dotMatchesNewlines(), $0.1, $0.2) }

    nonisolated(unsafe) private static let invalidValue = try! Regex(#"^The value '(.*)' is invalid for '([^']+)'(.*)$"#).dotMatchesNewlines()

    /// The message for `english`, or nil when the sentence is not one the parser is known to write.
    static func message(_ english: String, valueName: (String) -> String) -> Message? {
        let text = english.trimmingCharacters(in: .whitespacesAndNewlines)
        // "Unknown option '-x'\n   or: Missing value for '-x' in '-xy'": the first is enough.
        let first = text.components(separatedBy: "\n   or: ").first ?? text
        if let m = first.wholeMatch(of: invalidValue) {
            let rest = String(m.output[3].substring ?? "")
            let choices = valid(in: rest)
            var args = ["value": String(m.output[1].substring ?? ""), "argument": names(String(m.output[2].substring ?? ""), valueName)]
            if choices.isEmpty {
                let reason = rest.hasPrefix(": ") ? String(rest.dropFirst(2)) : ""
                if reason.isEmpty { return Message("parse.invalid_value", args) }
                args["reason"] = reason
                return Message("parse.invalid_value_reason", args)
            }
            args["known"] = choices.joined(separator: ", ")
            return Message("parse.invalid_value_known", args)
        }
        for (regex, key, names) in patterns {
            guard let m = first.wholeMatch(of: regex) else { continue }
            var args: [String: String] = [:]
            for (i, name) in names.enumerated() { args[name] = Self.names(String(m.output[i + 1].substring ?? ""), valueName) }
            return Message(key, args)
        }
        return nil
    }

    /// The values the parser lists as valid: `. Please provide one of 'a', 'b' or 'c'.` or a
    /// list of `  - a` lines.
    private static func valid(in rest: String) -> [String] {
        if rest.contains("\n  - ") {
            return rest.split(separator: "\n").filter { $0.hasPrefix("  - ") }.map { String($0.dropFirst(4)) }
        }
        guard rest.contains("Please provide one of") else { return [] }
        return rest.matches(of: /'([^']*)'/).map { String($0.output.1) }
    }

    /// `--by <name>` with the value name in the UI language.
    private static func names(_ s: String, _ valueName: (String) -> String) -> String {
        s.replacing(/<([a-z][a-z0-9=_-]*)>/) { "<" + valueName(String($0.output.1)) + ">" }
    }
}
