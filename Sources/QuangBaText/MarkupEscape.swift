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
    }

    static func append(_ text: String, to out: inout [UInt8], _ context: Context) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
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
