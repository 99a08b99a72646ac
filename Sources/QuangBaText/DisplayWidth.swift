import CICUBridge

/// Terminal column arithmetic: CJK characters take two columns, combining marks none.
public enum DisplayWidth {
    public static func of(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + (($1.value < 0x300 && $1.value >= 0x20) ? 1 : Int(qb_display_width($1.value))) }
    }

    /// `s` padded with spaces, or cut with "…", to exactly `width` columns.
    public static func fit(_ s: String, _ width: Int) -> String {
        var out = "", w = 0
        let total = of(s)
        for ch in s {
            let cw = of(String(ch))
            if total > width, w + cw > width - 1 { out += "…"; w += 1; break }
            if w + cw > width { break }
            out.append(ch); w += cw
        }
        return out + String(repeating: " ", count: max(0, width - w))
    }
}
