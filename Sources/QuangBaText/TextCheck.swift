/// Checks raw file content before anything else reads it: valid UTF-8 and no character that
/// XML 1.0 forbids, each failure with the 1-based line where it occurs.
public enum TextCheck {
    public enum Problem: Error, Equatable, Sendable {
        case invalidUTF8(line: Int)
        case forbiddenCharacter(line: Int, scalar: UInt32)
    }

    /// Decodes strict UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
    public static func decode(_ bytes: [UInt8]) -> Result<String, Problem> {
        var line = 1
        var i = 0
        let n = bytes.count
        var start = 0
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3; i = 3 }  // a BOM is dropped
        // Valid text (nearly always) is validated once, by the standard library; the line of a
        // broken sequence is looked for only when there is one.
        if let text = String(validating: bytes[start...], as: UTF8.self) { return .success(text) }
        while i < n {
            let b = bytes[i]
            if b < 0x80 { if b == 0x0A { line += 1 }; i += 1; continue }
            let len: Int, min: UInt32
            var cp: UInt32
            switch b {
            case 0xC2...0xDF: len = 2; cp = UInt32(b & 0x1F); min = 0x80
            case 0xE0...0xEF: len = 3; cp = UInt32(b & 0x0F); min = 0x800
            case 0xF0...0xF4: len = 4; cp = UInt32(b & 0x07); min = 0x10000
            default: return .failure(.invalidUTF8(line: line))
            }
            guard i + len <= n else { return .failure(.invalidUTF8(line: line)) }
            for k in 1..<len {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return .failure(.invalidUTF8(line: line)) }
                cp = cp << 6 | UInt32(c & 0x3F)
            }
            guard cp >= min, cp <= 0x10FFFF, !(0xD800...0xDFFF).contains(cp) else { return .failure(.invalidUTF8(line: line)) }
            i += len
        }
        return .success(String(decoding: bytes[start...], as: UTF8.self))
    }

    /// The first character XML 1.0 does not allow (C0 controls other than tab, LF, CR; U+FFFE; U+FFFF).
    /// Looked for in the UTF-8 bytes (every text the index reads comes here): the C0 controls
    /// are single bytes, U+FFFE and U+FFFF are EF BF BE and EF BF BF.
    public static func firstForbiddenCharacter(_ s: String) -> Problem? {
        var s = s
        return s.withUTF8 { b in
            var line = 1
            var i = 0
            while i < b.count {
                let c = b[i]
                if c < 0x20 {
                    if c == 0x0A { line += 1 } else if c != 0x09 && c != 0x0D { return .forbiddenCharacter(line: line, scalar: UInt32(c)) }
                } else if c == 0xEF, i + 2 < b.count, b[i + 1] == 0xBF, b[i + 2] == 0xBE || b[i + 2] == 0xBF {
                    return .forbiddenCharacter(line: line, scalar: b[i + 2] == 0xBE ? 0xFFFE : 0xFFFF)
                }
                i += 1
            }
            return nil
        }
    }

    /// Whether XML 1.0 allows this scalar value (Swift strings hold no surrogates).
    public static func isXMLAllowed(_ v: UInt32) -> Bool {
        !((v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF)
    }

    /// True when `s` may appear in XML 1.0 (used to check values before they are written).
    public static func isXMLSafe(_ s: String) -> Bool { firstForbiddenCharacter(s) == nil }
}
