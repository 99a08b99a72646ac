import Foundation
import Testing

/// An editor who works in Vietnamese reads no English sentence: not in any command's help, not
/// when the command line is wrong. The commands and their options are read from the tool's own
/// description of itself (`--experimental-dump-help`), so a new command or option is walked too.
@Suite struct VietnameseCLITests {
    /// Every command path the tool has (`[]`, `["media"]`, `["media", "add"]`, …), shown ones only.
    static func commandPaths() throws -> [[String]] {
        let cli = CLI(root: FileManager.default.temporaryDirectory)
        let dump = try cli.run(["--experimental-dump-help"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.out.utf8)) as? [String: Any])
        var paths: [[String]] = []
        func walk(_ c: [String: Any], _ path: [String]) {
            paths.append(path)
            for sub in c["subcommands"] as? [[String: Any]] ?? [] where (sub["shouldDisplay"] as? Bool ?? true) {
                let name = sub["commandName"] as! String
                if name != "help" { walk(sub, path + [name]) }
            }
        }
        walk(try #require(json["command"] as? [String: Any]), [])
        return paths
    }

    /// English words that a Vietnamese text would never hold (command names such as show and
    /// help are left out: they are the same in every language). Option names,
    /// codes and values in quotes are left out first: they are the same in every language.
    static let englishWords: Set<String> = [
        "the", "and", "of", "for", "with", "this", "that", "from", "are", "be", "it", "its", "by", "at", "not", "when", "which",
        "each", "every", "shows", "information", "default", "values", "usage", "options", "arguments", "subcommands",
        "overview", "see", "more", "error", "missing", "unexpected", "expected", "unknown", "option", "invalid", "did", "you", "mean",
        "give", "only", "one", "file", "item", "items", "language", "print", "prints", "write", "writes", "output", "format",
        "repository", "folder", "name", "your", "title", "translation", "translations", "unit", "who", "what", "how", "is", "was",
        "were", "will", "can", "cannot", "must", "should", "please", "provide", "value", "argument", "command", "commands",
        "version", "also", "than", "into", "then", "else", "without", "before", "after", "where", "there", "here", "these", "those",
    ]

    static func englishIn(_ text: String) -> [String] {
        var found: [String] = []
        for line in text.split(separator: "\n") {
            var s = String(line)
            // Code, options, placeholders, quoted values and paths are not sentences.
            for pattern in [#"`[^`]*`"#, #"“[^”]*”"#, #"'[^']*'"#, #"<[^>]*>"#, #"--?[A-Za-z][A-Za-z0-9-]*"#, #"[A-Za-z0-9_./~-]*/[A-Za-z0-9_./~-]*"#,
                            #"\b[a-z]+(?:[_.=][a-z0-9_]+)+\b"#] {
                s = s.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
            }
            let words = s.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
            let hits = words.filter { englishWords.contains($0) }
            // One stray word may be a code ("json"); two English words on a line are a sentence.
            if hits.count >= 2 { found.append(String(line)) }
        }
        return found
    }

    @Test func everyHelpScreenIsVietnamese() throws {
        let cli = CLI(root: FileManager.default.temporaryDirectory)
        let paths = try Self.commandPaths()
        #expect(paths.count > 20)
        for path in paths {
            let r = try cli.run(path + ["--help", "--ui-lang", "vi"])
            #expect(r.status == 0, "\(path): \(r.err)")
            #expect(r.out.contains("CÁCH DÙNG:"), "\(path)")
            #expect(Self.englishIn(r.out) == [], "quangba \(path.joined(separator: " ")) --help")
            // The same screen through `help`, and with the language from the environment.
            let viaHelp = try cli.run(["help"] + path, env: ["LANG": "vi_VN.UTF-8"])
            #expect(viaHelp.out == r.out, "quangba help \(path.joined(separator: " "))")
        }
        // The overview, asked for with the language alone.
        let overview = try cli.run(["--ui-lang", "vi"])
        #expect(overview.status == 0 && overview.out.contains("LỆNH CON:") && overview.out.contains("sync"), "\(overview.err)")
        // In English, the declarations' own texts.
        let en = try cli.run(["new", "--help", "--ui-lang", "en"])
        #expect(en.out.contains("USAGE: quangba new"))
        #expect(en.out.contains("Create a new draft item"))
    }

    /// The Vietnamese help texts are exactly those the commands need: none missing, none left over.
    @Test func helpCatalogMatchesTheCommands() throws {
        let cli = CLI(root: FileManager.default.temporaryDirectory)
        let dump = try cli.run(["--experimental-dump-help"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.out.utf8)) as? [String: Any])
        // Commands and discussions need their own text; an argument's may be shared (`all.root`).
        var needed = Set<String>(), arguments: [(own: String, shared: String)] = [], values = Set<String>()
        func walk(_ c: [String: Any], _ path: [String]) {
            let key = path.isEmpty ? "quangba" : path.joined(separator: ".")
            needed.insert(key)
            if (c["discussion"] as? String ?? "").isEmpty == false { needed.insert(key + ".discussion") }
            for a in c["arguments"] as? [[String: Any]] ?? [] where (a["shouldDisplay"] as? Bool ?? true) {
                let name = (a["preferredName"] as? [String: Any])?["name"] as? String ?? a["valueName"] as? String ?? ""
                arguments.append((key + "." + name, "all." + name))
                if let v = a["valueName"] as? String { values.insert("value." + v) }
            }
            for sub in c["subcommands"] as? [[String: Any]] ?? [] where (sub["shouldDisplay"] as? Bool ?? true) {
                walk(sub, path + [sub["commandName"] as! String])
            }
        }
        walk(try #require(json["command"] as? [String: Any]), [])
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Sources/quangba/Messages/help-vi.yaml"), encoding: .utf8)
        let keys = Set(text.split(separator: "\n").compactMap { line -> String? in
            guard let first = line.first, first.isLetter, let colon = line.firstIndex(of: ":") else { return nil }
            return String(line[..<colon])
        })
        let missing = needed.subtracting(keys).union(arguments.filter { !keys.contains($0.own) && !keys.contains($0.shared) }.map(\.own))
        #expect(missing.sorted() == [], "missing in help-vi.yaml")
        let usable = needed.union(arguments.map(\.own)).union(arguments.map(\.shared)).union(values).union(["value.subcommand", "value.options"])
        #expect(keys.subtracting(usable).sorted() == [], "left over in help-vi.yaml")
    }

    /// Mistakes a hurried editor makes: each answered in Vietnamese, with exit status 64 and
    /// what to do, never an English sentence.
    @Test func mistakesAreAnsweredInVietnamese() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let mistakes: [([String], String)] = [
            (["lsit"], "list"),
            (["workflow", "aprove", "x"], "approve"),
            (["media", "ad", "x.jpg"], "add"),
            (["list", "--knd", "article"], "--kind"),
            (["list", "--kind", "artcle"], "article"),
            (["list", "--format"], "--format"),
            (["list", "extra"], "extra"),
            (["show"], "<mã-mục>"),
            (["new"], "<loại>"),
            (["workflow", "approve"], "<mã-mục>"),
            (["status", "--fail-on", "bogus"], "bogus"),
            (["diff", "some-item"], "--lang"),
            (["set", "some-item"], "="),
            (["list", "--ui-lang", "fr"], "fr"),
        ]
        for (args, mention) in mistakes {
            let r = try cli.run(args, env: ["LANG": "vi_VN.UTF-8"])
            #expect(r.status == 64, "\(args): \(r.status) \(r.err)")
            #expect(r.err.hasPrefix("lỗi: "), "\(args): \(r.err)")
            #expect(r.err.contains(mention), "\(args): \(r.err)")
            #expect(Self.englishIn(r.err) == [], "\(args): \(r.err)")
        }
        // A misspelled command is answered with the nearest one.
        let typo = try cli.run(["lsit"], env: ["LANG": "vi_VN.UTF-8"])
        #expect(typo.err.contains("có phải ý bạn là `list`"))
    }

    /// Options every command takes may come first; language codes are read as people write them.
    @Test func globalOptionsAnywhereAndLanguageCodesAsWritten() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let elsewhere = FileManager.default.temporaryDirectory
        let before = try cli.run(["--root", cli.root.path, "--ui-lang", "vi", "list"], in: elsewhere)
        #expect(before.status == 0, "\(before.err)")
        let after = try cli.run(["list", "--root", cli.root.path, "--ui-lang", "vi"], in: elsewhere)
        #expect(before.out == after.out)
        #expect(before.err.contains("mục"))
        let upper = try cli.run(["list", "--lang", "EN", "--format", "json"])
        let lower = try cli.run(["list", "--lang", "en", "--format", "json"])
        #expect(upper.status == 0 && upper.out == lower.out, "\(upper.err)")
        // zh is the one Chinese the repository has; zh-TW (traditional) is not it.
        let zh = try cli.run(["list", "--lang", "zh", "--format", "json"])
        let hans = try cli.run(["list", "--lang", "zh-Hans", "--format", "json"])
        #expect(zh.status == 0 && zh.out == hans.out, "\(zh.err)")
        let tw = try cli.run(["list", "--lang", "zh-TW"])
        #expect(tw.status == 1 && tw.err.contains("zh-TW"))
        let fr = try cli.run(["--ui-lang", "fr", "list"])
        #expect(fr.status == 64 && fr.err.contains("vi, en"), "\(fr.err)")
    }

    /// Under --format json an error is JSON on standard output, for scripts.
    @Test func errorsAreJSONUnderFormatJSON() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let r = try cli.run(["show", "no-such-item", "--format", "json"])
        #expect(r.status == 1)
        let o = try #require(try cli.json(r) as? [String: Any])
        let e = try #require(o["error"] as? [String: Any])
        #expect((e["code"] as? String)?.isEmpty == false)
        #expect((e["message"] as? String)?.isEmpty == false)
        let usage = try cli.run(["list", "--kind", "nope", "--format", "json"])
        #expect(usage.status == 64)
        #expect(((try cli.json(usage) as? [String: Any])?["error"] as? [String: Any])?["code"] as? String == "parse.invalid_value_known")
    }

    /// The manual page is well-formed roff that man renders, in either language.
    @Test func manualPageRenders() throws {
        let cli = CLI(root: FileManager.default.temporaryDirectory)
        for lang in ["en", "vi"] {
            let page = try cli.run(["man", "--ui-lang", lang])
            #expect(page.status == 0)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("quangba-\(UUID().uuidString).1")
            try Data(page.out.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            // groff's own warnings (-ww) on the page as man(7) reads it; none expected.
            let check = try runShell("groff -k -man -Tutf8 -ww -z \(file.path) 2>&1")
            #expect(check.output.isEmpty, "\(lang): \(check.output)")
            let shown = try runShell("MANWIDTH=100 man -l \(file.path) 2>/dev/null | col -b")
            #expect(shown.output.contains("quangba workflow"), "\(lang)")
            #expect(shown.output.contains("--declare-no-secrets") || shown.output.contains("‐‐declare‐no‐secrets"), "\(lang)")
            if lang == "vi" {
                #expect(shown.output.contains("MÃ THOÁT"))
                #expect(Self.englishIn(shown.output) == [])
            }
        }
    }

    func runShell(_ command: String) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", command]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
