import QuangBaContent

/// JSON-LD for a `<script>` element: keys in a fixed order (the build must be deterministic)
/// and `</` escaped so the text can never close the element.
enum JSONLD {
    indirect enum Value {
        case string(String)
        case number(Double)
        case object([(String, Value)])
        case array([Value])
    }

    static func encode(_ v: Value) -> String {
        var out = ""
        write(v, &out)
        return out
    }

    private static func write(_ v: Value, _ out: inout String) {
        switch v {
        case .string(let s):
            // `<` appears only inside strings; most have none, so look at bytes before replacing.
            let quoted = JSONText.quote(s)
            out += quoted.utf8.contains(0x3C) ? quoted.replacingOccurrences(of: "</", with: "<\\/") : quoted
        case .number(let d): out += d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .array(let a):
            out += "["
            for (i, e) in a.enumerated() { if i > 0 { out += "," }; write(e, &out) }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (i, (k, e)) in pairs.enumerated() { if i > 0 { out += "," }; out += JSONText.quote(k) + ":"; write(e, &out) }
            out += "}"
        }
    }
}
