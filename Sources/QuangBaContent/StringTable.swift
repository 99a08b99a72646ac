import Foundation
public import QuangBaCore
public import QuangBaText
import Yams

/// A file of named strings (`key: text` lines), such as the public site's UI strings in
/// `locales/<lang>.yaml`. Reading it reports every problem with its line.
///
/// A string that says a count has one form per CLDR plural category of the language, as a
/// mapping (`items_count: {one: "{n} item", other: "{n} items"}`); `other` is always required.
/// Which categories a language needs is for the reader that knows the language (`PluralRules`).
public enum StringTable {
    /// The strings of `text`, its plural strings, and the problems found; `file` names the file
    /// in diagnostics.
    public static func parse(_ text: String, file: String)
        -> (strings: [String: String], plurals: [String: [PluralCategory: String]], diagnostics: [Diagnostic])
    {
        var reader = YAMLReader(file: file)
        guard let node = reader.compose(text) else { return ([:], [:], reader.diagnostics) }
        guard case .mapping(let m) = node else {
            reader.error(node, "yaml.not_mapping", ["field": file])
            return ([:], [:], reader.diagnostics)
        }
        var out: [String: String] = [:]
        var plurals: [String: [PluralCategory: String]] = [:]
        for (k, v) in m {
            guard case .scalar(let key) = k else { reader.error(k, "yaml.wrong_type", ["field": file, "expected": "a name"]); continue }
            switch v {
            case .scalar(let value):
                reader.checkText(value.string, field: key.string, node: v)
                out[key.string] = value.string
            case .mapping(let forms):
                var entry: [PluralCategory: String] = [:]
                for (ck, cv) in forms {
                    guard case .scalar(let name) = ck, let category = PluralCategory(rawValue: name.string) else {
                        reader.error(ck, "yaml.unknown_field", ["field": ck.scalar?.string ?? "", "allowed": PluralCategory.allCases.map(\.rawValue).joined(separator: ", ")])
                        continue
                    }
                    guard case .scalar(let value) = cv else {
                        reader.error(cv, "yaml.wrong_type", ["field": "\(key.string): \(name.string)", "expected": "text"])
                        continue
                    }
                    reader.checkText(value.string, field: key.string, node: cv)
                    entry[category] = value.string
                }
                if entry[.other] == nil { reader.error(v, "yaml.missing_field", ["field": "\(key.string): other"]) }
                plurals[key.string] = entry
            default:
                reader.error(v, "yaml.wrong_type", ["field": key.string, "expected": "text"])
            }
        }
        return (out, plurals, reader.diagnostics)
    }
}
