import Testing
@testable import QuangBaContent
import QuangBaCore

/// The YAML mistakes editors make, each read by libyaml (through Yams) and reported with its
/// own message, at the line and column of the construct to fix.
@Suite struct YAMLErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let key: String
        let line: Int
        let column: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unclosed double quote", text: "kind: article\nauthor: \"Nông Văn Minh\nstate: draft\n", key: "yaml.syntax_quote", line: 2, column: "9"),
        Case(name: "unclosed quote before another quoted value", text: "kind: article\nbase_url: \"https://example.gov.vn/\nadmin_email: \"\"\n",
             key: "yaml.syntax_quote", line: 2, column: "11"),
        Case(name: "unclosed quote, quoted values after", text: "kind: article\nbase_url: \"https://example.gov.vn/\nadmin_email: \"\"\nname: \"Lạng Sơn\"\n  vi: x\n",
             key: "yaml.syntax_quote", line: 2, column: "11"),
        Case(name: "unclosed single quote", text: "kind: article\nauthor: 'Nông Văn Minh\n", key: "yaml.syntax_quote", line: 2, column: "9"),
        Case(name: "unknown escape", text: "title: \"C:\\qb\"\n", key: "yaml.syntax_escape", line: 1, column: "8"),
        Case(name: "colon in a value", text: "kind: article\ntitle: Lạng Sơn: miền biên viễn\n", key: "yaml.syntax_colon", line: 2, column: "16"),
        Case(name: "tab indentation", text: "project:\n\tsector: logistics\n", key: "yaml.syntax_tab", line: 2, column: "1"),
        Case(name: "unclosed list", text: "topics: [tourism, culture\nstate: draft\n", key: "yaml.syntax_bracket", line: 1, column: "9"),
        Case(name: "unclosed mapping", text: "capital: {amount: 5, currency: VND\nstate: draft\n", key: "yaml.syntax_brace", line: 1, column: "10"),
        Case(name: "a value starting with @", text: "author: @minh\n", key: "yaml.syntax_character", line: 1, column: "9"),
        Case(name: "wrong indentation", text: "project:\n  sector: logistics\n    form: fdi\n", key: "yaml.syntax_indent", line: 3, column: "5"),
        Case(name: "less indented field", text: "project:\n    sector: logistics\n  form: fdi\n", key: "yaml.syntax_indent", line: 3, column: "3"),
    ]

    @Test(arguments: cases) func reportsTheMistakeInWords(_ c: Case) {
        let d = StringTable.parse(c.text, file: "x.yaml").diagnostics
        #expect(d.count == 1)
        let m = d.first
        #expect(m?.message.key == c.key, "\(String(describing: m?.message))")
        #expect(m?.location.line == c.line, "\(String(describing: m))")
        #expect(m?.message.args["column"] == c.column, "\(String(describing: m?.message))")
    }

    /// A problem libyaml may word otherwise one day still gets a message with its column.
    @Test func anUnknownProblemIsStillNamedWithItsColumn() {
        let m = YAMLReader.syntaxMessage(context: "while doing something new", problem: "found something odd", column: 4, character: "x")
        #expect(m.key == "yaml.syntax" && m.args["column"] == "4" && m.args["problem"]?.contains("found something odd") == true)
    }
}
