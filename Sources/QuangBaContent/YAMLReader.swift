import QuangBaCore
import QuangBaText
import Yams

/// Reads a YAML document into typed values, recording a `path:line` diagnostic for every
/// problem instead of stopping at the first, so `validate` can list them all.
struct YAMLReader {
    let file: String
    /// Added to Yams' line numbers (front matter starts on line 2 of a .md file).
    let lineOffset: Int
    var diagnostics: [Diagnostic] = []

    init(file: String, lineOffset: Int = 0) { self.file = file; self.lineOffset = lineOffset }

    typealias Fields = [String: (key: Node, value: Node)]

    func line(_ node: Node?) -> Int? { node?.mark.map { $0.line + lineOffset } }

    mutating func error(_ node: Node?, _ key: String, _ args: [String: String] = [:], line: Int? = nil) {
        diagnostics.append(Diagnostic(.error, Location(file: file, line: line ?? self.line(node)), Message(key, args)))
    }

    mutating func warning(_ node: Node?, _ key: String, _ args: [String: String] = [:]) {
        diagnostics.append(Diagnostic(.warning, Location(file: file, line: line(node)), Message(key, args)))
    }

    /// Whether `compose` may read flat front matter itself (`FlatYAML`), and whether it did:
    /// such nodes have no line numbers, so a caller that found a problem reads the text again
    /// without. Only language files ask for it (`ItemReader.parseTranslation`).
    var flatAllowed = false
    private(set) var readFlat = false

    /// Parses text into a node tree; nil (with a diagnostic) when it is not YAML.
    mutating func compose(_ text: String) -> Node? {
        if flatAllowed, let node = FlatYAML.parse(text) {
            readFlat = true
            return node
        }
        do {
            // The basic resolver leaves every scalar a string (the reader types them itself) and
            // avoids Yams' per-scalar regular expressions, which serialize parallel reads.
            return try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let e as YamlError {
            switch e {
            case .scanner(let context, let p, let mark, _), .parser(let context, let p, let mark, _), .composer(let context, let p, let mark, _):
                // libyaml notices a problem where the next token starts; the context says where
                // the broken construct itself began, which is the place to fix, except for
                // indentation: the line out of step is the one to fix.
                var line = (context?.mark ?? mark).line
                var message = Self.syntaxMessage(context: context?.text, problem: p, column: (context?.mark ?? mark).column,
                                                 character: Self.character(text, line: mark.line, column: mark.column))
                if p.contains("mapping values are not allowed"), let column = Self.overIndentedKey(text, line: mark.line, column: mark.column) {
                    message = Message("yaml.syntax_indent", ["problem": p, "column": "\(column)"])
                } else if message.key == "yaml.syntax_indent" || message.key == "yaml.syntax_quote",
                          let quote = Self.unclosedQuote(text, before: message.key == "yaml.syntax_quote" ? line : mark.line) {
                    // A quote left open runs to the next quote, lines further on: what libyaml
                    // then finds out of place is only a consequence.
                    line = quote.line
                    message = Message("yaml.syntax_quote", ["problem": p, "column": "\(quote.column)"])
                } else if message.key == "yaml.syntax_indent" {
                    line = mark.line
                    message = Message("yaml.syntax_indent", ["problem": p, "column": "\(mark.column)"])
                }
                diagnostics.append(Diagnostic(.error, Location(file: file, line: line + lineOffset), message))
            case .duplicatedKeysInMapping(let duplicates, let context):
                diagnostics.append(Diagnostic(.error, Location(file: file, line: context.mark.line + lineOffset),
                                              Message("yaml.duplicate_key", ["field": duplicates.joined(separator: ", ")])))
            default:
                diagnostics.append(Diagnostic(.error, Location(file: file), Message("yaml.unreadable", ["problem": "\(e)"])))
            }
            return nil
        } catch {
            diagnostics.append(Diagnostic(.error, Location(file: file), Message("yaml.unreadable", ["problem": "\(error)"])))
            return nil
        }
    }

    /// libyaml's problem in words an editor can act on, in the UI language: the kinds editors
    /// meet are recognised by libyaml's own wording (YAMLErrorTests holds one of each) and get
    /// their own message; anything else is `yaml.syntax`, which keeps libyaml's text for the
    /// English reader. Every one says the column.
    static func syntaxMessage(context: String?, problem: String, column: Int, character: Character?) -> Message {
        var args = ["problem": context.map { "\($0): \(problem)" } ?? problem, "column": "\(column)"]
        let c = context ?? ""
        let key: String
        if c.contains("quoted scalar") {
            key = problem.contains("escape") ? "yaml.syntax_escape" : "yaml.syntax_quote"
        } else if problem.contains("mapping values are not allowed") {
            key = "yaml.syntax_colon"
        } else if c.contains("simple key") || problem.contains("expected ':'") {
            key = "yaml.syntax_no_colon"
        } else if problem.contains("tab character") || (problem.contains("cannot start any token") && character == "\t") {
            key = "yaml.syntax_tab"
        } else if problem.contains("',' or ']'") || c.contains("flow sequence") {
            key = "yaml.syntax_bracket"
        } else if problem.contains("',' or '}'") || c.contains("flow mapping") {
            key = "yaml.syntax_brace"
        } else if problem.contains("cannot start any token") {
            key = "yaml.syntax_character"
            args["char"] = character.map(String.init) ?? "?"
        } else if c.contains("block mapping") || c.contains("block collection") || problem.contains("expected key")
                    || problem.contains("'-' indicator") || problem.contains("not allowed in this context") {
            key = "yaml.syntax_indent"
        } else {
            key = "yaml.syntax"
        }
        return Message(key, args)
    }

    /// The column of a `name` that starts a line indented deeper than the line above, where
    /// libyaml found the colon after it (it reads the line as the previous value going on):
    /// "  sector: logistics" then "    form: fdi". Nil when the line is something else.
    static func overIndentedKey(_ text: String, line: Int, column: Int) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        guard line >= 2, line <= lines.count, column >= 1, column <= lines[line - 1].count + 1 else { return nil }
        let before = lines[line - 1].prefix(column - 1)
        let indent = before.prefix { $0 == " " }.count
        let name = before.dropFirst(indent)
        guard !name.isEmpty, name.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "-" }) else { return nil }
        guard let above = lines[..<(line - 1)].last(where: { !$0.allSatisfy { $0 == " " } }) else { return nil }
        return indent > above.prefix(while: { $0 == " " }).count ? indent + 1 : nil
    }

    /// The last line before `line` with an odd number of double quotes, and the column of its
    /// first: a quoted value left open there. Comment lines are left out.
    static func unclosedQuote(_ text: String, before line: Int) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for n in stride(from: min(line - 1, lines.count), through: 1, by: -1) {
            let scalars = Array(lines[n - 1].unicodeScalars)
            if scalars.first(where: { $0 != " " }) == "#" { continue }
            var count = 0
            for (i, c) in scalars.enumerated() where c == "\"" && (i == 0 || scalars[i - 1] != "\\") { count += 1 }
            if count % 2 == 1, let first = scalars.firstIndex(of: "\"") { return (n, first + 1) }
        }
        return nil
    }

    /// The character at a 1-based line and column (counted in Unicode scalars, as libyaml does).
    static func character(_ text: String, line: Int, column: Int) -> Character? {
        guard line >= 1, column >= 1 else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line <= lines.count else { return nil }
        let scalars = lines[line - 1].unicodeScalars
        guard column <= scalars.count else { return nil }
        return Character(scalars[scalars.index(scalars.startIndex, offsetBy: column - 1)])
    }

    /// The pairs of a mapping; unknown keys are reported with the list of allowed ones.
    mutating func mapping(_ node: Node?, allowed: [String], context: String) -> Fields {
        guard let node else { return [:] }
        guard case .mapping(let m) = node else {
            error(node, "yaml.not_mapping", ["field": context])
            return [:]
        }
        var out: Fields = [:]
        for (k, v) in m {
            guard case .scalar(let s) = k else { error(k, "yaml.wrong_type", ["field": context, "expected": "mapping"]); continue }
            if !allowed.contains(s.string) {
                error(k, "yaml.unknown_field", ["field": qualified(context, s.string), "allowed": allowed.joined(separator: ", ")])
                continue
            }
            out[s.string] = (k, v)
        }
        return out
    }

    func qualified(_ context: String, _ key: String) -> String { context.isEmpty ? key : context + "." + key }

    /// A scalar's text, or nil when absent or `null`/`~`.
    mutating func scalar(_ f: Fields, _ key: String, context: String = "", required: Bool = false, at parent: Node? = nil) -> String? {
        guard let (k, v) = f[key] else {
            if required { error(parent, "yaml.missing_field", ["field": qualified(context, key)]) }
            return nil
        }
        guard case .scalar(let s) = v else {
            error(v, "yaml.wrong_type", ["field": qualified(context, key), "expected": "text"])
            return nil
        }
        if s.style == .plain, ["", "~", "null", "Null", "NULL"].contains(s.string) {
            if required { error(k, "yaml.missing_field", ["field": qualified(context, key)]) }
            return nil
        }
        return s.string
    }

    mutating func text(_ f: Fields, _ key: String, context: String = "", required: Bool = false, at parent: Node? = nil) -> String? {
        guard let s = scalar(f, key, context: context, required: required, at: parent) else { return nil }
        checkText(s, field: qualified(context, key), node: f[key]?.value)
        return s
    }

    /// Text rules that apply to every value: XML-safe, NFC, no secrecy stamp.
    mutating func checkText(_ s: String, field: String, node: Node?) {
        if case .forbiddenCharacter(_, let scalar)? = TextCheck.firstForbiddenCharacter(s) {
            error(node, "text.forbidden_char", ["codepoint": String(format: "U+%04X", scalar), "field": field])
        }
        if !Normalization.isNFC(s) { error(node, "text.not_nfc", ["field": field]) }
        if !SecrecyStamp.lines(in: s).isEmpty { error(node, "text.secrecy_stamp", ["field": field]) }
    }

    /// An address content links to (`WebAddress`: http, https or mailto only).
    mutating func webAddress(_ f: Fields, _ key: String, context: String = "") -> WebAddress? {
        guard let s = scalar(f, key, context: context) else { return nil }
        guard let address = WebAddress(s) else {
            error(f[key]?.value, "yaml.bad_address", ["field": qualified(context, key), "value": Self.visible(s)])
            return nil
        }
        checkText(s, field: qualified(context, key), node: f[key]?.value)
        return address
    }

    /// A value as it can be shown in a message: control and invisible characters written as
    /// U+XXXX, so a refused value cannot hide what is wrong with it, or act on the terminal.
    static func visible(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            let c = scalar.properties.generalCategory
            if scalar.value < 0x20 || scalar.value == 0x7F || c == .control || c == .format || c == .lineSeparator || c == .paragraphSeparator {
                out += String(format: "<U+%04X>", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The value `parse` reads (one of `TypedValue`'s parsers), or nil after recording its refusal.
    mutating func typed<T>(_ node: Node?, _ parse: () throws -> T) -> T? {
        do { return try parse() } catch let e as QuangBaError {
            error(node, e.message.key, e.message.args)
        } catch {
            self.error(node, "yaml.syntax", ["problem": "\(error)"])
        }
        return nil
    }

    /// An instant: the form QuangBa writes (`YYYY-MM-DDTHH:MM:SSZ`) at once, else the forms an
    /// editor types (`TypedValue.instant`: an offset, a day…), the same as `quangba set` reads.
    mutating func timestamp(_ f: Fields, _ key: String, context: String = "", required: Bool = false, at parent: Node? = nil) -> Timestamp? {
        guard let s = scalar(f, key, context: context, required: required, at: parent) else { return nil }
        if let t = Timestamp(parsing: s), Timestamp.contentRange.contains(t) { return t }
        let field = qualified(context, key)
        return typed(f[key]?.value) { try TypedValue.instant(s, field: field) }
    }

    /// A day, `YYYY-MM-DD` as QuangBa writes it, else as `TypedValue.day` reads it (day first).
    mutating func date(_ f: Fields, _ key: String, context: String = "") -> String? {
        guard let s = scalar(f, key, context: context) else { return nil }
        if s.count == 10, let t = Timestamp(parsing: s, allowDate: true), Timestamp.contentRange.contains(t) { return s }
        let field = qualified(context, key)
        return typed(f[key]?.value) { try TypedValue.day(s, field: field) }
    }

    mutating func integer(_ f: Fields, _ key: String, context: String = "", required: Bool = false, at parent: Node? = nil, range: ClosedRange<Int>? = nil) -> Int? {
        guard let s = scalar(f, key, context: context, required: required, at: parent) else { return nil }
        guard let v = Int(s), range.map({ $0.contains(v) }) ?? true else {
            error(f[key]?.value, "yaml.wrong_type", ["field": qualified(context, key), "expected": range.map { "whole number \($0.lowerBound)–\($0.upperBound)" } ?? "whole number", "value": s])
            return nil
        }
        return v
    }

    /// A number in plain decimal notation that `rule` accepts (its range, its digits); with
    /// `editorForms`, also as `TypedValue.decimal` reads it ("46,5").
    mutating func decimal(_ f: Fields, _ key: String, _ rule: DecimalRule, context: String = "", required: Bool = false, at parent: Node? = nil,
                          editorForms: Bool = false) -> Double? {
        guard let s = scalar(f, key, context: context, required: required, at: parent) else { return nil }
        if editorForms {
            let field = qualified(context, key)
            return typed(f[key]?.value) { try TypedValue.storedDecimal(s, rule, field: field) }
        }
        guard let v = rule.accept(s) else {
            error(f[key]?.value, "yaml.bad_decimal", rule.messageArguments(field: qualified(context, key), value: s))
            return nil
        }
        return v
    }

    mutating func bool(_ f: Fields, _ key: String, context: String = "") -> Bool? {
        guard let s = scalar(f, key, context: context) else { return nil }
        switch s.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            error(f[key]?.value, "yaml.wrong_type", ["field": qualified(context, key), "expected": "true/false", "value": s])
            return nil
        }
    }

    /// A value from a fixed list (an enum), with the allowed values in the message. With
    /// `editorForms`, read as `quangba set` reads it (`TypedValue.choice`: "FDI" is `fdi`).
    mutating func choice<T: RawRepresentable & CaseIterable>(_ f: Fields, _ key: String, _ type: T.Type, context: String = "", required: Bool = false, at parent: Node? = nil,
                                                             editorForms: Bool = false) -> T? where T.RawValue == String {
        guard let s = scalar(f, key, context: context, required: required, at: parent) else { return nil }
        if editorForms {
            let field = qualified(context, key)
            return typed(f[key]?.value) { try TypedValue.choice(s, T.self, field: field) }
        }
        guard let v = T(rawValue: s) else {
            error(f[key]?.value, "yaml.bad_value", ["field": qualified(context, key), "value": s, "allowed": T.allCases.map(\.rawValue).joined(separator: ", ")])
            return nil
        }
        return v
    }

    /// A code from a list in quangba.yaml (units, topics, …), written as the code or, as
    /// `quangba set` reads it, as a name (`TypedValue.code`); the code either way.
    mutating func code(_ f: Fields, _ key: String, in list: CodeList, context: String = "", required: Bool = false, at parent: Node? = nil) -> String? {
        guard let s = scalar(f, key, context: context, required: required, at: parent) else { return nil }
        return checkCode(s, in: list, field: qualified(context, key), node: f[key]?.value) ?? s
    }

    /// The code `s` stands for, or nil after the refusal.
    @discardableResult
    mutating func checkCode(_ s: String, in list: CodeList, field: String, node: Node?) -> String? {
        if list[s] != nil { return s }
        return typed(node) { try TypedValue.code(s, in: list, field: field) }
    }

    mutating func list(_ f: Fields, _ key: String, context: String = "") -> [(String, Node)] {
        guard let (_, v) = f[key] else { return [] }
        if case .scalar(let s) = v, s.style == .plain, ["", "~", "null"].contains(s.string) { return [] }
        guard case .sequence(let seq) = v else {
            error(v, "yaml.wrong_type", ["field": qualified(context, key), "expected": "list"])
            return []
        }
        var out: [(String, Node)] = []
        for n in seq {
            guard case .scalar(let s) = n else { error(n, "yaml.wrong_type", ["field": qualified(context, key), "expected": "list of text"]); continue }
            out.append((s.string, n))
        }
        return out
    }

    mutating func ids(_ f: Fields, _ key: String, context: String) -> [ItemID] {
        list(f, key, context: context).compactMap { s, n in
            guard let id = ItemID(s) else { error(n, "item.bad_id", ["id": s]); return nil }
            return id
        }
    }

    mutating func geo(_ f: Fields, _ key: String, context: String) -> GeoPoint? {
        guard let (_, v) = f[key] else { return nil }
        let ctx = qualified(context, key)
        let g = mapping(v, allowed: ["lat", "lon"], context: ctx)
        guard let lat = decimal(g, "lat", .latitude, context: ctx, required: true, at: v),
              let lon = decimal(g, "lon", .longitude, context: ctx, required: true, at: v) else { return nil }
        return GeoPoint(lat: lat, lon: lon)
    }
}

import Foundation
