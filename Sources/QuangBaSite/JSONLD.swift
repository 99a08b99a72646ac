import QuangBaText

/// JSON-LD for a `<script>` element: keys in a fixed order (the build must be deterministic),
/// every string quoted by `JSONText` for a script (`<`, `>`, `&` as `\u003C`, `\u003E`,
/// `\u0026`), so no text can close the element or open a comment in it, and only finite numbers.
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
        case .string(let s): out += JSONText.quote(s, inScript: true)
        // JSON has no NaN or infinity.
        case .number(let d) where !d.isFinite: out += "null"
        case .number(let d): out += d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .array(let a):
            out += "["
            for (i, e) in a.enumerated() { if i > 0 { out += "," }; write(e, &out) }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (i, (k, e)) in pairs.enumerated() { if i > 0 { out += "," }; out += JSONText.quote(k, inScript: true) + ":"; write(e, &out) }
            out += "}"
        }
    }
}
