import Foundation
import QuangBaCore

/// What `--format json` prints: sorted keys, so that scripts and diffs see stable output. The
/// shape of each command's object is in docs/cli-schemas/ (checked by the tests).
enum JSONOutput {
    static func string(_ object: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// One problem, as `validate`, `show` and errors give it.
    static func diagnostic(_ d: Diagnostic) -> [String: Any] {
        var o: [String: Any] = ["severity": d.severity.rawValue, "code": d.message.key, "message": Console.text(d.message)]
        if let f = d.location.file { o["file"] = f }
        if let l = d.location.line { o["line"] = l }
        if let i = d.location.item { o["item"] = i.rawValue }
        return o
    }
}
