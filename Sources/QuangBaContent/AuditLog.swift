import Foundation
import QuangBaCore

/// `audit/log.jsonl`: one JSON object per workflow action, appended, never rewritten.
public enum AuditLog {
    public static func encode(_ e: AuditEntry) -> String {
        var o: [(String, String)] = [("at", e.at.description), ("by", e.by), ("action", e.action), ("item", e.item.rawValue)]
        if let f = e.from { o.append(("from", f.rawValue)) }
        if let t = e.to { o.append(("to", t.rawValue)) }
        if let n = e.note { o.append(("note", n)) }
        if let s = e.statement { o.append(("statement", s)) }
        return "{" + o.map { "\(JSONText.quote($0.0)):\(JSONText.quote($0.1))" }.joined(separator: ",") + "}"
    }

    public static func decode(_ text: String, file: String) throws -> [AuditEntry] {
        var out: [AuditEntry] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String],
                  let at = obj["at"].flatMap({ Timestamp(parsing: $0) }), let by = obj["by"], let action = obj["action"],
                  let item = obj["item"].flatMap(ItemID.init) else {
                throw QuangBaError(Message("audit.bad_line"), at: Location(file: file, line: i + 1))
            }
            out.append(AuditEntry(at: at, by: by, action: action, item: item, from: obj["from"].flatMap(ItemState.init),
                                  to: obj["to"].flatMap(ItemState.init), note: obj["note"], statement: obj["statement"]))
        }
        return out
    }
}

/// JSON string quoting for the audit log, also used for YAML double-quoted scalars. Beyond what
/// JSON requires it escapes C1 controls, BOM and line/paragraph separators, which YAML may not
/// keep verbatim.
public enum JSONText {
    public static func quote(_ s: String) -> String {
        // Most text needs no escape: looked for in the UTF-8 bytes (every page's JSON-LD
        // quotes a few dozen strings).
        var s = s
        if !s.withUTF8(needsEscape) { return "\"" + s + "\"" }
        var out = "\""
        for sc in s.unicodeScalars {
            switch sc {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if sc.value < 0x20 || (0x7F...0x9F).contains(sc.value) || [0xFEFF, 0x2028, 0x2029].contains(sc.value) {
                    out += String(format: "\\u%04x", sc.value)
                }
                else { out.unicodeScalars.append(sc) }
            }
        }
        return out + "\""
    }

    /// Whether the text holds a character that `quote` escapes: a control character, `"`,
    /// `\\`, DEL, U+0080–U+009F, U+2028, U+2029 or U+FEFF.
    private static func needsEscape(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count {
            let c = b[i]
            if c < 0x20 || c == 0x22 || c == 0x5C || c == 0x7F { return true }
            if c == 0xC2, i + 1 < b.count, b[i + 1] < 0xA0 { return true }
            if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 { return true }
            if c == 0xEF, i + 2 < b.count, b[i + 1] == 0xBB, b[i + 2] == 0xBF { return true }
            i += 1
        }
        return false
    }
}
