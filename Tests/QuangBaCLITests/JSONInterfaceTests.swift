import Foundation
import Testing

/// The scripting interface: every command that takes `--format json` prints what its schema in
/// docs/cli-schemas/ says (checked by the jsonschema package against draft 2020-12), errors
/// included; docs/cli.md names every command; the completion script loads in bash.
@Suite struct JSONInterfaceTests {
    static let schemas = CLI.packageRoot.appendingPathComponent("docs/cli-schemas")

    /// Checks `output` against `schema` with the real validator; the errors it prints, if any.
    func problems(_ output: String, _ schema: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qb-json-\(UUID().uuidString).json")
        try Data(output.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", CLI.packageRoot.appendingPathComponent("Tests/cli/validate_json.py").path, Self.schemas.path, schema, file.path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return p.terminationStatus == 0 ? "" : (text.isEmpty ? "validator exit \(p.terminationStatus)" : text)
    }

    @Test func everyJSONOutputMatchesItsSchema() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        // A change to the source makes a translation stale, so that diff and status have something to say.
        #expect(try cli.run(["set", "an-toan-giao-thong-dip-le-hoi", "--lang", "vi", "title=An toàn giao thông trong mùa lễ hội"]).status == 0)
        // The site's templates and UI strings, which the fixture (content only) does not carry.
        for folder in ["site-templates", "locales"] {
            try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent(folder), to: cli.root.appendingPathComponent(folder))
        }
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("qb-json-site-\(UUID().uuidString)")
        let xml = FileManager.default.temporaryDirectory.appendingPathComponent("qb-json-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: site); try? FileManager.default.removeItem(at: xml) }
        let runs: [([String], String, Int32)] = [
            (["list"], "list.json", 0),
            (["list", "--lang", "en", "--sort", "title"], "list.json", 0),
            (["show", "du-an-logistics-dong-dang"], "show.json", 0),
            (["show", "anh-mau-son", "--lang", "vi"], "show.json", 0),
            (["show", "dan-ca-then"], "show.json", 0),
            (["search", "Lạng Sơn"], "search.json", 0),
            (["search", "\"Đồng Đăng\"", "--lang", "vi"], "search.json", 0),
            (["status", "--items"], "status.json", 0),
            (["status", "--state", "draft,review,approved,published", "--lang", "en"], "status.json", 0),
            (["validate"], "validate.json", 0),
            (["diff", "an-toan-giao-thong-dip-le-hoi", "--lang", "en"], "diff.json", 0),
            (["build", "--out", site.path], "build.json", 0),
            (["export", "xml", "--out", xml.path], "export.json", 0),
            (["workflow", "submit", "dan-ca-then", "--declare-no-secrets"], "workflow.json", 0),
            (["show", "no-such-item"], "error.json", 1),
            (["list", "--kind", "nope"], "error.json", 64),
            (["workflow", "publish", "an-uong-xu-lang", "--by", "Lê Văn Bình"], "error.json", 1),
        ]
        var seen = Set<String>()
        for (args, schema, status) in runs {
            let r = try cli.run(args + ["--format", "json"])
            #expect(r.status == status, "\(args): \(r.status) \(r.err)")
            #expect(!r.out.isEmpty, "\(args): nothing on standard output; \(r.err)")
            let found = try problems(r.out, schema)
            #expect(found.isEmpty, "\(args) against \(schema):\n\(found)\n\(r.out.prefix(2000))")
            seen.insert(schema)
        }
        // The diff really found the change, and status the stale translation.
        let diff = try #require(try cli.json(try cli.run(["diff", "an-toan-giao-thong-dip-le-hoi", "--lang", "en", "--format", "json"])) as? [String: Any])
        #expect((diff["changes"] as? [[String: Any]])?.contains { $0["field"] as? String == "title" } == true)
        // Every schema of the folder is used here (a schema no test checks is a schema that lies).
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: Self.schemas.path).filter { $0.hasSuffix(".json") })
        #expect(files.subtracting(seen).subtracting(["diagnostic.json", "state.json", "kind.json"]).sorted() == [])
    }

    /// Each command with a --format option has a schema, and docs/cli.md names every command.
    @Test func everyCommandIsDocumented() throws {
        let cli = CLI(root: FileManager.default.temporaryDirectory)
        let dump = try cli.run(["--experimental-dump-help"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.out.utf8)) as? [String: Any])
        let doc = try String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/cli.md"), encoding: .utf8)
        func walk(_ c: [String: Any], _ path: [String]) throws {
            let shown = c["shouldDisplay"] as? Bool ?? true
            guard shown else { return }
            if !path.isEmpty, path != ["help"] {
                #expect(doc.contains("`\(path.joined(separator: " "))"), "docs/cli.md does not name `\(path.joined(separator: " "))`")
            }
            let options = (c["arguments"] as? [[String: Any]] ?? []).compactMap { ($0["preferredName"] as? [String: Any])?["name"] as? String }
            if options.contains("format"), let first = path.first {
                let schema = Self.schemas.appendingPathComponent(first + ".json")
                #expect(FileManager.default.fileExists(atPath: schema.path), "no schema for `quangba \(path.joined(separator: " ")) --format json`")
            }
            for sub in c["subcommands"] as? [[String: Any]] ?? [] { try walk(sub, path + [sub["commandName"] as! String]) }
        }
        try walk(try #require(json["command"] as? [String: Any]), [])
    }

    /// The bash completion script loads, completes commands, and asks the tool for item ids,
    /// units and languages of the repository at hand.
    @Test func bashCompletionLoadsAndCompletesFromTheRepository() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let script = try cli.run(["--generate-completion-script", "bash"])
        #expect(script.status == 0)
        let file = cli.root.appendingPathComponent("quangba-completion.bash")
        try Data(script.out.utf8).write(to: file)
        // Put the built tool on PATH as `quangba`, as an installed one would be, and complete as bash does.
        let bin = cli.root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("quangba"), withDestinationURL: CLI.binary)
        func complete(_ words: [String]) throws -> [String] {
            let line = words.joined(separator: " ")
            let command = """
            export PATH=\(bin.path):$PATH; cd \(cli.root.path); source \(file.path)
            COMP_WORDS=(\(words.map { "'\($0)'" }.joined(separator: " "))); COMP_CWORD=\(words.count - 1); COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
            $(complete -p quangba | sed -E 's/.*-F ([^ ]+).*/\\1/') quangba '\(words.last!)' '\(words.dropLast().last ?? "")'
            printf '%s\\n' "${COMPREPLY[@]}"
            """
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-c", command]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            return text.split(separator: "\n").map(String.init)
        }
        #expect(try complete(["quangba", "wor"]).contains("workflow"))
        #expect(try complete(["quangba", "show", "dan"]).contains("dan-ca-then"))
        #expect(try complete(["quangba", "list", "--unit", "so"]).contains("so-vhttdl"))
        #expect(try complete(["quangba", "translate", "dong-dang", "--to", "zh"]).contains("zh-Hans"))
    }
}
