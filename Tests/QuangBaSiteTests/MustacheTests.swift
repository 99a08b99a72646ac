import Foundation
import Testing
import QuangBaCore
@testable import QuangBaSite

/// The site's Mustache engine against the Mustache specification v1.4.2: every example of the
/// six files it implements (interpolation, sections, inverted sections, comments, partials, set
/// delimiters), read from the specification's own JSON files in Tests/Fixtures/mustache-spec,
/// with its template, data, partials and expected output.
@Suite struct MustacheTests {
    struct Case: CustomTestStringConvertible {
        let name: String
        let template: String
        var data: TemplateMap = [:]
        var partials: [String: String] = [:]
        let expected: String
        var testDescription: String { name }
    }

    static func render(_ c: Case) throws -> String {
        var library = TemplateLibrary()
        for (name, text) in c.partials { try library.register(text, named: name) }
        try library.register(c.template, named: "__main__")
        return library.render(c.data, "__main__")
    }

    /// Raw data of the specification's examples, made the one way a test can make markup: as
    /// the output of a template (the site's engine writes only `HTML` values unescaped).
    static func markup(_ source: String) -> TemplateValue {
        var library = TemplateLibrary()
        try! library.register(source, named: "markup")
        return .html(library.renderHTML([:], "markup"))
    }

    /// The six files and how many examples each holds in v1.4.2, so a cut fixture fails.
    static let specFiles = ["interpolation": 42, "sections": 34, "inverted": 22, "comments": 12, "partials": 12, "delimiters": 14]

    /// Examples not run, each with why. The engine renders a template with a map of names,
    /// never a bare value (docs/site.md); these examples' whole data is a text, a number or a list.
    static let skipped: [String: String] = [
        "interpolation: Implicit Iterators - Basic Interpolation": "data is a bare text, not a map of names",
        "interpolation: Implicit Iterators - HTML Escaping": "data is a bare text, not a map of names",
        "interpolation: Implicit Iterators - Triple Mustache": "data is a bare text, not a map of names",
        "interpolation: Implicit Iterators - Ampersand": "data is a bare text, not a map of names",
        "interpolation: Implicit Iterators - Basic Integer Interpolation": "data is a bare number, not a map of names",
        "sections: Implicit Iterator - Root-level": "data is a bare list, not a map of names",
    ]

    /// Examples that give text to `{{{x}}}` or `{{&x}}` and expect it unescaped: the engine
    /// escapes text there too (the one departure, docs/site.md), so their strings are given as
    /// markup. `hostLanguageChoices` checks the departure itself.
    static let rawData: Set<String> = [
        "interpolation: Triple Mustache", "interpolation: Ampersand",
        "sections: Implicit Iterator - Triple mustache", "sections: Implicit Iterator - Ampersand",
        "partials: Standalone Indentation",
    ]

    struct SpecFile: Decodable {
        struct Example: Decodable {
            let name: String
            let data: SpecValue
            let template: String
            let partials: [String: String]?
            let expected: String
        }
        let tests: [Example]
    }

    /// A JSON value of the specification's data.
    indirect enum SpecValue: Decodable {
        case null, flag(Bool), number(String), text(String), list([SpecValue]), map([String: SpecValue])

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .flag(b) }
            else if let i = try? c.decode(Int.self) { self = .number(String(i)) }
            else if let d = try? c.decode(Double.self) { self = .number(String(d)) }
            else if let s = try? c.decode(String.self) { self = .text(s) }
            else if let a = try? c.decode([SpecValue].self) { self = .list(a) }
            else { self = .map(try c.decode([String: SpecValue].self)) }
        }

        /// As the site gives values to templates: numbers as text (docs/site.md), null as no
        /// value at all (the specification has no null inside a list).
        func value(markup raw: Bool) -> TemplateValue? {
            switch self {
            case .null: nil
            case .flag(let b): .flag(b)
            case .number(let n): .text(n)
            case .text(let s): raw ? MustacheTests.markup(s) : .text(s)
            case .list(let a): .list(a.compactMap { $0.value(markup: raw) })
            case .map(let m): .map(TemplateMap(m.compactMap { name, v in v.value(markup: raw).map { (name, $0) } }))
            }
        }
    }

    struct DataIsNotAMap: Error { let example: String }

    static func specFile(_ file: String) throws -> SpecFile {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/mustache-spec/\(file).json")
        return try JSONDecoder().decode(SpecFile.self, from: Data(contentsOf: url))
    }

    /// The examples of one file that are run, expected outputs as the specification has them.
    static func spec(_ file: String) throws -> [Case] {
        try specFile(file).tests.filter { skipped["\(file): \($0.name)"] == nil }.map { t in
            guard case .map(let data)? = t.data.value(markup: rawData.contains("\(file): \(t.name)")) else {
                throw DataIsNotAMap(example: "\(file): \(t.name)")
            }
            return Case(name: t.name, template: t.template, data: data, partials: t.partials ?? [:], expected: t.expected)
        }
    }

    @Test(arguments: try spec("interpolation")) func interpolation(_ c: Case) throws { #expect(try Self.render(c) == c.expected) }
    @Test(arguments: try spec("sections")) func sections(_ c: Case) throws { #expect(try Self.render(c) == c.expected) }
    @Test(arguments: try spec("inverted")) func invertedSections(_ c: Case) throws { #expect(try Self.render(c) == c.expected) }
    @Test(arguments: try spec("comments")) func comments(_ c: Case) throws { #expect(try Self.render(c) == c.expected) }
    @Test(arguments: try spec("partials")) func partials(_ c: Case) throws { #expect(try Self.render(c) == c.expected) }
    @Test(arguments: try spec("delimiters")) func delimiters(_ c: Case) throws { #expect(try Self.render(c) == c.expected) }

    /// The fixture holds the six files whole, and the skip and markup lists name real examples.
    @Test func everyExampleIsRunOrSkippedByName() throws {
        var names = Set<String>()
        for (file, count) in Self.specFiles {
            let tests = try Self.specFile(file).tests
            #expect(tests.count == count, "\(file).json has \(tests.count) examples")
            names.formUnion(tests.map { "\(file): \($0.name)" })
        }
        #expect(Self.skipped.keys.allSatisfy(names.contains), "\(Set(Self.skipped.keys).subtracting(names))")
        #expect(Self.rawData.isSubset(of: names), "\(Self.rawData.subtracting(names))")
        let run = try Self.specFiles.keys.reduce(0) { $0 + (try Self.spec($1).count) }
        #expect(run + Self.skipped.count == names.count && names.count == 136, "\(run) run, \(Self.skipped.count) skipped, \(names.count) in all")
    }

    /// Choices where the specification leaves the host language to decide, as docs/site.md says.
    @Test func hostLanguageChoices() throws {
        // An empty text is false (as in JavaScript); `'` is escaped too, for single-quoted attributes.
        #expect(try Self.render(Case(name: "", template: "{{#s}}[{{s}}]{{/s}}{{^s}}none{{/s}}", data: ["s": ""], expected: "")) == "none")
        #expect(try Self.render(Case(name: "", template: "<a title='{{s}}'>", data: ["s": "l'Ấn"], expected: "")) == "<a title='l&#39;Ấn'>")
        // Vietnamese and CJK text passes through untouched, byte for byte.
        let text = "Lạng Sơn 谅山省 ランソン 랑선"
        #expect(try Self.render(Case(name: "", template: "{{s}}|{{{s}}}", data: ["s": .text(text)], expected: "")) == text + "|" + text)
        // The one departure: text is escaped even where `{{{x}}}` or `{{&x}}` asks for it raw;
        // only markup (`HTML`) goes out as it is there, and `{{x}}` escapes markup too.
        let hostile: TemplateMap = ["s": "<!--<script>\"'&", "h": Self.markup("<b>&amp;</b>")]
        #expect(try Self.render(Case(name: "", template: "{{{s}}}|{{&s}}|{{s}}", data: hostile, expected: ""))
                == "&lt;!--&lt;script&gt;&quot;&#39;&amp;|&lt;!--&lt;script&gt;&quot;&#39;&amp;|&lt;!--&lt;script&gt;&quot;&#39;&amp;")
        #expect(try Self.render(Case(name: "", template: "{{{h}}}|{{&h}}|{{h}}", data: hostile, expected: ""))
                == "<b>&amp;</b>|<b>&amp;</b>|&lt;b&gt;&amp;amp;&lt;/b&gt;")
        // A partial that calls itself without end stops at a bounded depth instead of overflowing the stack.
        let loop = try Self.render(Case(name: "", template: "{{>p}}", partials: ["p": "x{{>p}}"], expected: ""))
        #expect(loop.allSatisfy { $0 == "x" } && loop.count > 10)
    }

    @Test func syntaxErrorsNameTheLine() {
        func problem(_ template: String) -> TemplateSyntaxError? {
            do { _ = try CompiledTemplate(template); return nil } catch { return error }
        }
        #expect(problem("a\n{{#items}}\nb\n") == TemplateSyntaxError(problem: .unclosedSection("items"), line: 2))
        #expect(problem("{{#a}}\n{{#b}}\n{{/a}}") == TemplateSyntaxError(problem: .unexpectedClose("a", open: "b"), line: 3))
        #expect(problem("x\n\n{{/a}}") == TemplateSyntaxError(problem: .unexpectedClose("a", open: nil), line: 3))
        #expect(problem("x\n{{title") == TemplateSyntaxError(problem: .unclosedTag("{{"), line: 2))
        #expect(problem("{{= | =}}") == TemplateSyntaxError(problem: .badDelimiters("|"), line: 1))
        #expect(problem("{{#}}{{/}}") == TemplateSyntaxError(problem: .emptyName, line: 1))
        #expect(problem("{{#a}}{{b}}{{/a}}") == nil)
    }

    /// A broken template stops the build with its file and line.
    @Test func templatesFolderReportsFileAndLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qb-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("<ul>\n{{#items}}\n<li>{{name}}</li>\n</ul>\n".utf8).write(to: dir.appendingPathComponent("card.mustache"))
        do {
            _ = try Templates(folder: dir)
            Issue.record("a template with an unclosed section was accepted")
        } catch let error as QuangBaError {
            #expect(error.location.file == "site-templates/card.mustache" && error.location.line == 2)
            #expect(error.message.key == "site.template_unclosed_section" && error.message.args["name"] == "items")
        }
    }
}
