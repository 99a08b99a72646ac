/// JSON string quoting: the one JSON string escaper. The audit log and YAML double-quoted
/// scalars take the plain form; JSON that goes inside an HTML `<script>` element (the site's
/// JSON-LD) takes `inScript`, which also writes `<`, `>` and `&` as `\u003C`, `\u003E` and
/// `\u0026`, so no text can close the element, open a comment in it or start a character
/// reference, whatever the text is.
///
/// Beyond what JSON requires it escapes DEL, C1 controls, BOM and U+2028/U+2029, which YAML may
/// not keep verbatim and which JavaScript before ES2019 took for line ends.
public enum JSONText {
    public static func quote(_ s: String, inScript: Bool = false) -> String {
        // Most text needs no escape: looked for in the UTF-8 bytes (every page's JSON-LD
        // quotes a few dozen strings).
        var s = s
        if !s.withUTF8({ needsEscape($0, inScript: inScript) }) { return "\"" + s + "\"" }
        var out = "\""
        for sc in s.unicodeScalars {
            switch sc {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<" where inScript, ">" where inScript, "&" where inScript: appendEscape(sc.value, &out)
            default:
                if sc.value < 0x20 || (0x7F...0x9F).contains(sc.value) || sc.value == 0xFEFF || sc.value == 0x2028 || sc.value == 0x2029 {
                    appendEscape(sc.value, &out)
                } else {
                    out.unicodeScalars.append(sc)
                }
            }
        }
        return out + "\""
    }

    /// `\u` and four upper-case hex digits (every value escaped here is below U+10000).
    private static func appendEscape(_ v: UInt32, _ out: inout String) {
        out += "\\u"
        for shift in stride(from: 12, through: 0, by: -4) { out.unicodeScalars.append(hexDigits[Int(v >> UInt32(shift) & 0xF)]) }
    }

    private static let hexDigits = Array("0123456789ABCDEF".unicodeScalars)

    /// Whether the text holds a character that `quote` escapes: a control character, `"`,
    /// `\\`, DEL, U+0080–U+009F, U+2028, U+2029 or U+FEFF; in a script also `<`, `>`, `&`.
    private static func needsEscape(_ b: UnsafeBufferPointer<UInt8>, inScript: Bool) -> Bool {
        var i = 0
        while i < b.count {
            let c = b[i]
            if c < 0x20 || c == 0x22 || c == 0x5C || c == 0x7F { return true }
            if inScript, c == 0x3C || c == 0x3E || c == 0x26 { return true }
            if c == 0xC2, i + 1 < b.count, b[i + 1] < 0xA0 { return true }
            if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 { return true }
            if c == 0xEF, i + 2 < b.count, b[i + 1] == 0xBB, b[i + 2] == 0xBF { return true }
            i += 1
        }
        return false
    }
}
