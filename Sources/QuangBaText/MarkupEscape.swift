/// The escaping that HTML and XML share, over UTF-8 bytes: `HTMLText` and `XMLText` are its
/// faces. Working on bytes, never on Characters, means a combining mark after `<` or `"`
/// cannot hide it (as one Character, `"` + U+0301 equals no quote). The characters XML 1.0
/// forbids (C0 controls but tab, line feed and carriage return; U+FFFE and U+FFFF; Swift
/// strings hold no lone surrogates) become U+FFFD in both: validation refuses them in content
/// already, and an output must stay well-formed whatever reaches it.
enum MarkupEscape {
    enum Context {
        /// HTML element content and quoted attributes (double or single quotes).
        case html
        /// XML character data.
        case xmlText
        /// A double-quoted XML attribute: tab and line ends as references, which attribute-value
        /// normalization would otherwise turn into spaces.
        case xmlAttribute

        /// The bytes below 0x40 this context may replace, one bit each: most bytes of a text
        /// pass on this test alone (the site renders every value of every page through it).
        var attention: UInt64 {
            // C0 controls but tab, line feed, carriage return; `"`, `&`, `<`, `>`.
            let shared: UInt64 = 0xFFFF_FFFF & ~(1 << 0x09 | 1 << 0x0A | 1 << 0x0D) | 1 << 0x22 | 1 << 0x26 | 1 << 0x3C | 1 << 0x3E
            switch self {
            case .html: return shared | 1 << 0x27
            case .xmlText: return shared | 1 << 0x0D
            case .xmlAttribute: return shared | 1 << 0x09 | 1 << 0x0A | 1 << 0x0D
            }
        }
    }

    static func append(_ text: String, to out: inout [UInt8], _ context: Context) {
        let attention = context.attention
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                // U+FFFE and U+FFFF start with 0xEF.
                if b < 0x40 ? attention & 1 << b == 0 : b != 0xEF { i += 1; continue }
                let replacement: StaticString
                var length = 1
                switch b {
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x26: replacement = "&amp;"
                case 0x22: replacement = "&quot;"
                case 0x27 where context == .html: replacement = "&#39;"
                case 0x09 where context == .xmlAttribute: replacement = "&#9;"
                case 0x0A where context == .xmlAttribute: replacement = "&#10;"
                // A raw carriage return would come back from an XML parser as a line feed.
                case 0x0D where context != .html: replacement = "&#13;"
                case 0x09, 0x0A, 0x0D: i += 1; continue
                case ..<0x20: replacement = "\u{FFFD}"
                case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                    replacement = "\u{FFFD}"; length = 3
                default: i += 1; continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                i += length
                start = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    static func escape(_ text: String, _ context: Context) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        append(text, to: &out, context)
        return String(decoding: out, as: UTF8.self)
    }
}
