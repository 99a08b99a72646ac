import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaText

/// Questions at a terminal that check each answer as it is given and ask again, so that one
/// wrong answer never costs the others. Every answer is kept (`answers`) so that, if the
/// command cannot finish, the editor gets back a command line that gives them all again.
final class Prompt {
    /// One value a question accepts, with its name in the UI language.
    struct Choice { var code: String; var name: String? }

    /// The end of input (Ctrl-D) at a question: the command stops, keeping what was answered.
    struct Ended: Error {}

    /// The answers given so far, as the options or FIELD=VALUE that would give them.
    private(set) var answers: [(option: String, value: String)] = []

    static var isInteractive: Bool { Console.stdinIsTerminal }

    /// Asks `question` until `check` accepts the answer (it returns the value to keep, or throws
    /// a QuangBaError whose message is shown before asking again). An empty answer takes
    /// `default`; with no default and `required`, it is asked again; else nil.
    func ask(_ question: String, option: String, default value: String? = nil, required: Bool = true,
             check: (String) throws -> String = { $0 }) throws -> String? {
        while true {
            var prompt = question
            if let value { prompt += " [\(value)]" }
            FileHandle.standardError.write(Data((prompt + ": ").utf8))
            guard let line = readLine() else {
                FileHandle.standardError.write(Data("\n".utf8))
                throw Ended()
            }
            let typed = Normalization.nfc(line.trimmingCharacters(in: .whitespaces))
            guard let answer = typed.isEmpty ? value : typed else {
                if !required { return nil }
                Console.err("  " + Console.text("prompt.required"))
                continue
            }
            do {
                let kept = try check(answer)
                answers.append((option, kept))
                return kept
            } catch let e as QuangBaError {
                Console.err("  " + Console.text(e.message))
            }
        }
    }

    /// Asks for one of `choices`, listed with their names and numbers; the answer may be the
    /// number, the code or the name, in any letter case and with or without diacritics.
    func choose(_ question: String, option: String, choices: [Choice], default value: String? = nil, required: Bool = true,
                check: (String) throws -> String = { $0 }) throws -> String? {
        Console.err(question)
        for (i, c) in choices.enumerated() {
            Console.err("  \(String(i + 1).leftPadded(to: 2)). \(c.code)" + (c.name.map { " — \($0)" } ?? ""))
        }
        return try ask(Console.text("prompt.choose"), option: option, default: value, required: required) { answer in
            if let n = Int(answer), (1...choices.count).contains(n) { return try check(choices[n - 1].code) }
            let key = TypedValue.nameKey(answer)
            let hits = choices.filter { TypedValue.nameKey($0.code) == key || $0.name.map(TypedValue.nameKey) == key }
            if hits.count == 1 { return try check(hits[0].code) }
            // Not one of the list: the library's own reading decides (it knows names in every language).
            return try check(answer)
        }
    }

    /// A yes/no question in the UI language's letters (`c/k` in Vietnamese, `y/n` in English).
    func confirm(_ question: String, default yes: Bool) throws -> Bool {
        let hint = Console.text(yes ? "prompt.yes_no_default_yes" : "prompt.yes_no_default_no")
        let answer = try ask(question + " " + hint, option: "", default: nil, required: false) { a in
            guard Self.yes(a) != nil else { throw QuangBaError(Message("prompt.yes_or_no")) }
            return a
        }
        answers.removeAll { $0.option.isEmpty }
        return answer.flatMap(Self.yes) ?? yes
    }

    /// Yes or no in either language, with or without diacritics; nil for anything else.
    static func yes(_ s: String) -> Bool? {
        switch TypedValue.nameKey(s) {
        case "y", "yes", "c", "co", "vang", "u", "dong y": true
        case "n", "no", "k", "khong", "ko": false
        default: nil
        }
    }

    /// The command line that gives every answer again: `quangba new project --title '…' sector=…`.
    func commandLine(given: [String]) -> String {
        var parts = ["quangba"] + given.map(Self.quote)
        for (option, value) in answers where !option.isEmpty {
            if option.hasPrefix("--") { parts += [option, Self.quote(value)] } else { parts.append(Self.quote(option + "=" + value)) }
        }
        return parts.joined(separator: " ")
    }

    /// A shell word: as it is when it is plain, else in single quotes.
    static func quote(_ s: String) -> String {
        if !s.isEmpty, s.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_=./:,@".unicodeScalars.contains($0)) }) { return s }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// When the command stops after questions were answered: prints the command line that gives
    /// them again and keeps it in .quangba/rescue/, so that nothing typed is lost.
    func keepAnswers(given: [String], root: URL?) {
        guard answers.contains(where: { !$0.option.isEmpty }) else { return }
        let line = commandLine(given: given)
        var kept = ""
        if let root {
            let file = root.appendingPathComponent(".quangba/rescue/answers-\(Timestamp.now.description.replacingOccurrences(of: ":", with: "")).sh")
            if (try? AtomicFile.write("#!/bin/sh\n" + line + "\n", to: file)) != nil { kept = file.path }
        }
        Console.err(Console.text(kept.isEmpty ? "prompt.kept" : "prompt.kept_file", ["command": line, "path": kept]))
    }
}

private extension String {
    func leftPadded(to n: Int) -> String { String(repeating: " ", count: max(0, n - count)) + self }
}
