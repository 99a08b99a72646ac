import Foundation
public import QuangBaCore
import Yams

/// A file of named strings (`key: text` lines), such as the public site's UI strings in
/// `locales/<lang>.yaml`. Reading it reports every problem with its line.
public enum StringTable {
    /// The strings of `text` and the problems found; `file` names the file in diagnostics.
    public static func parse(_ text: String, file: String) -> (strings: [String: String], diagnostics: [Diagnostic]) {
        var reader = YAMLReader(file: file)
        guard let node = reader.compose(text) else { return ([:], reader.diagnostics) }
        guard case .mapping(let m) = node else {
            reader.error(node, "yaml.not_mapping", ["field": file])
            return ([:], reader.diagnostics)
        }
        var out: [String: String] = [:]
        for (k, v) in m {
            guard case .scalar(let key) = k else { reader.error(k, "yaml.wrong_type", ["field": file, "expected": "a name"]); continue }
            guard case .scalar(let value) = v else {
                reader.error(v, "yaml.wrong_type", ["field": key.string, "expected": "text"])
                continue
            }
            reader.checkText(value.string, field: key.string, node: v)
            out[key.string] = value.string
        }
        return (out, reader.diagnostics)
    }
}
