import Foundation
public import QuangBaCore
import QuangBaText

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
