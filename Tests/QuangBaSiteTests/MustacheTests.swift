import Foundation
import Testing
import QuangBaCore
@testable import QuangBaSite

/// The site's Mustache engine against the Mustache specification (v1.4: interpolation,
/// sections, inverted sections, comments, partials, set delimiters). Each case is one of the
/// specification's own examples: its template, data, partials and expected output.
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

    static let interpolationCases: [Case] = [
        Case(name: "No Interpolation", template: "Hello from {Mustache}!\n", expected: "Hello from {Mustache}!\n"),
        Case(name: "Basic Interpolation", template: "Hello, {{subject}}!\n", data: ["subject": "world"], expected: "Hello, world!\n"),
        Case(name: "HTML Escaping", template: "These characters should be HTML escaped: {{forbidden}}\n",
             data: ["forbidden": "& \" < >"], expected: "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n"),
        Case(name: "Triple Mustache", template: "These characters should not be HTML escaped: {{{forbidden}}}\n",
             data: ["forbidden": markup("& \" < >")], expected: "These characters should not be HTML escaped: & \" < >\n"),
        Case(name: "Ampersand", template: "These characters should not be HTML escaped: {{&forbidden}}\n",
             data: ["forbidden": markup("& \" < >")], expected: "These characters should not be HTML escaped: & \" < >\n"),
        Case(name: "Dotted Names - Basic Interpolation", template: "\"{{person.name}}\" == \"{{#person}}{{name}}{{/person}}\"",
             data: ["person": ["name": "Joe"]], expected: "\"Joe\" == \"Joe\""),
        Case(name: "Dotted Names - Broken Chains", template: "\"{{a.b.c}}\" == \"\"", data: ["a": [:]], expected: "\"\" == \"\""),
        Case(name: "Dotted Names - Broken Chain Resolution", template: "\"{{a.b.c.name}}\" == \"\"",
             data: ["a": ["b": [:]], "c": ["name": "Jim"]], expected: "\"\" == \"\""),
        Case(name: "Dotted Names - Initial Resolution", template: "\"{{#a}}{{b.c.d.e.name}}{{/a}}\" == \"Phil\"",
             data: ["a": ["b": ["c": ["d": ["e": ["name": "Phil"]]]]], "b": ["c": ["d": ["e": ["name": "Wrong"]]]]],
             expected: "\"Phil\" == \"Phil\""),
        Case(name: "Context Misses", template: "I ({{cannot}}) be seen!", expected: "I () be seen!"),
        Case(name: "Implicit Iterator", template: "{{#list}}({{.}}){{/list}}", data: ["list": ["a", "b", "c"]], expected: "(a)(b)(c)"),
        Case(name: "Interpolation - Surrounding Whitespace", template: "| {{string}} |", data: ["string": "---"], expected: "| --- |"),
        Case(name: "Interpolation - Standalone", template: "  {{string}}\n", data: ["string": "---"], expected: "  ---\n"),
        Case(name: "Interpolation With Padding", template: "|{{ string }}|", data: ["string": "---"], expected: "|---|"),
        Case(name: "Triple Mustache With Padding", template: "|{{{ string }}}|", data: ["string": "---"], expected: "|---|"),
    ]

    static let sectionsCases: [Case] = [
        Case(name: "Truthy", template: "\"{{#boolean}}This should be rendered.{{/boolean}}\"", data: ["boolean": true],
             expected: "\"This should be rendered.\""),
        Case(name: "Falsey", template: "\"{{#boolean}}This should not be rendered.{{/boolean}}\"", data: ["boolean": false], expected: "\"\""),
        Case(name: "Context", template: "\"{{#context}}Hi {{name}}.{{/context}}\"", data: ["context": ["name": "Joe"]], expected: "\"Hi Joe.\""),
        Case(name: "List", template: "\"{{#list}}{{item}}{{/list}}\"", data: ["list": [["item": "1"], ["item": "2"], ["item": "3"]]],
             expected: "\"123\""),
        Case(name: "Empty List", template: "\"{{#list}}Yay lists!{{/list}}\"", data: ["list": []], expected: "\"\""),
        Case(name: "Doubled", template: "{{#bool}}\n* first\n{{/bool}}\n* {{two}}\n{{#bool}}\n* third\n{{/bool}}\n",
             data: ["bool": true, "two": "second"], expected: "* first\n* second\n* third\n"),
        Case(name: "Nested (Truthy)", template: "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", data: ["bool": true],
             expected: "| A B C D E |"),
        Case(name: "Nested (Falsey)", template: "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", data: ["bool": false],
             expected: "| A  E |"),
        Case(name: "Context Misses", template: "[{{#missing}}Found key 'missing'!{{/missing}}]", expected: "[]"),
        Case(name: "Dotted Names - Truthy", template: "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"Here\"", data: ["a": ["b": ["c": true]]],
             expected: "\"Here\" == \"Here\""),
        Case(name: "Dotted Names - Broken Chains", template: "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"", data: ["a": [:]],
             expected: "\"\" == \"\""),
        Case(name: "Surrounding Whitespace", template: " | {{#boolean}}\t|\t{{/boolean}} | \n", data: ["boolean": true],
             expected: " | \t|\t | \n"),
        Case(name: "Internal Whitespace", template: " | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
             data: ["boolean": true], expected: " |  \n  | \n"),
        Case(name: "Indented Inline Sections", template: " {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n",
             data: ["boolean": true], expected: " YES\n GOOD\n"),
        Case(name: "Standalone Lines", template: "| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n", data: ["boolean": true],
             expected: "| This Is\n|\n| A Line\n"),
        Case(name: "Indented Standalone Lines", template: "| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n",
             data: ["boolean": true], expected: "| This Is\n|\n| A Line\n"),
        Case(name: "Standalone Line Endings", template: "|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|", data: ["boolean": true],
             expected: "|\r\n|"),
        Case(name: "Standalone Without Previous Line", template: "  {{#boolean}}\n#{{/boolean}}\n/", data: ["boolean": true],
             expected: "#\n/"),
        Case(name: "Standalone Without Newline", template: "#{{#boolean}}\n/\n  {{/boolean}}", data: ["boolean": true],
             expected: "#\n/\n"),
        Case(name: "Padding", template: "|{{# boolean }}={{/ boolean }}|", data: ["boolean": true], expected: "|=|"),
    ]

    static let invertedCases: [Case] = [
        Case(name: "Falsey", template: "\"{{^boolean}}This should be rendered.{{/boolean}}\"", data: ["boolean": false],
             expected: "\"This should be rendered.\""),
        Case(name: "Truthy", template: "\"{{^boolean}}This should not be rendered.{{/boolean}}\"", data: ["boolean": true], expected: "\"\""),
        Case(name: "List", template: "\"{{^list}}{{n}}{{/list}}\"", data: ["list": [["n": "1"]]], expected: "\"\""),
        Case(name: "Empty List", template: "\"{{^list}}Yay lists!{{/list}}\"", data: ["list": []], expected: "\"Yay lists!\""),
        Case(name: "Context Misses", template: "[{{^missing}}Found key 'missing'!{{/missing}}]", expected: "[Found key 'missing'!]"),
        Case(name: "Standalone Lines", template: "| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n", data: ["boolean": false],
             expected: "| This Is\n|\n| A Line\n"),
    ]

    static let commentsCases: [Case] = [
        Case(name: "Inline", template: "12345{{! Comment Block! }}67890", expected: "1234567890"),
        Case(name: "Multiline", template: "12345{{!\n  This is a\n  multi-line comment...\n}}67890\n", expected: "1234567890\n"),
        Case(name: "Standalone", template: "Begin.\n{{! Comment Block! }}\nEnd.\n", expected: "Begin.\nEnd.\n"),
        Case(name: "Indented Standalone", template: "Begin.\n  {{! Indented Comment Block! }}\nEnd.\n", expected: "Begin.\nEnd.\n"),
        Case(name: "Indented Inline", template: "  12 {{! 34 }}\n", expected: "  12 \n"),
    ]

    static let partialsCases: [Case] = [
        Case(name: "Basic Behavior", template: "\"{{>text}}\"", partials: ["text": "from partial"], expected: "\"from partial\""),
        Case(name: "Failed Lookup", template: "\"{{>text}}\"", expected: "\"\""),
        Case(name: "Context", template: "\"{{>partial}}\"", data: ["text": "content"], partials: ["partial": "*{{text}}*"],
             expected: "\"*content*\""),
        Case(name: "Recursion", template: "{{>node}}",
             data: ["content": "X", "nodes": [["content": "Y", "nodes": []]]],
             partials: ["node": "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>"], expected: "X<Y<>>"),
        Case(name: "Surrounding Whitespace", template: "| {{>partial}} |", partials: ["partial": "\t|\t"], expected: "| \t|\t |"),
        Case(name: "Inline Indentation", template: "  {{data}}  {{> partial}}\n", data: ["data": "|"], partials: ["partial": ">\n>"],
             expected: "  |  >\n>\n"),
        Case(name: "Standalone Line Endings", template: "|\r\n{{>partial}}\r\n|", partials: ["partial": ">"], expected: "|\r\n>|"),
        Case(name: "Standalone Without Previous Line", template: "  {{>partial}}\n>", partials: ["partial": ">\n>"],
             expected: "  >\n  >>"),
        Case(name: "Standalone Without Newline", template: ">\n  {{>partial}}", partials: ["partial": ">\n>"], expected: ">\n  >\n  >"),
        Case(name: "Standalone Indentation", template: "\\\n {{>partial}}\n/\n", data: ["content": markup("<\n->")],
             partials: ["partial": "|\n{{{content}}}\n|\n"], expected: "\\\n |\n <\n->\n |\n/\n"),
        Case(name: "Padding Whitespace", template: "|{{> partial }}|", data: ["boolean": true], partials: ["partial": "[]"], expected: "|[]|"),
    ]

    static let delimitersCases: [Case] = [
        Case(name: "Pair Behavior", template: "{{=<% %>=}}(<%text%>)", data: ["text": "Hey!"], expected: "(Hey!)"),
        Case(name: "Special Characters", template: "({{=[ ]=}}[text])", data: ["text": "It worked!"], expected: "(It worked!)"),
        Case(name: "Sections", template: "[\n{{#section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|#section|\n  {{data}}\n  |data|\n|/section|\n]\n",
             data: ["section": true, "data": "I got interpolated."],
             expected: "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n"),
        Case(name: "Post-Partial Behavior", template: "[ {{>include}} ]\n[ .{{value}}.  .|value|. ]\n", data: ["value": "yes"],
             partials: ["include": ".{{value}}. {{= | | =}} .|value|."], expected: "[ .yes.  .yes. ]\n[ .yes.  .|value|. ]\n"),
        Case(name: "Standalone Tag", template: "Begin.\n{{=@ @=}}\nEnd.\n", expected: "Begin.\nEnd.\n"),
        Case(name: "Outlying Whitespace (Inline)", template: " | {{=@ @=}}\n", expected: " | \n"),
    ]

    @Test(arguments: interpolationCases) func interpolation(_ c: Case) throws { #expect(try Self.render(c) == c.expected) }
    @Test(arguments: sectionsCases) func sections(_ c: Case) throws { #expect(try Self.render(c) == c.expected) }
    @Test(arguments: invertedCases) func invertedSections(_ c: Case) throws { #expect(try Self.render(c) == c.expected) }
    @Test(arguments: commentsCases) func comments(_ c: Case) throws { #expect(try Self.render(c) == c.expected) }
    @Test(arguments: partialsCases) func partials(_ c: Case) throws { #expect(try Self.render(c) == c.expected) }
    @Test(arguments: delimitersCases) func delimiters(_ c: Case) throws { #expect(try Self.render(c) == c.expected) }

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
