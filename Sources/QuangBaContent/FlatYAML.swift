import Yams

/// The YAML that most language files' front matter is: one `name: value` per line, with plain
/// values and nothing else. Read directly into nodes; nil for anything else (quoted, multi-line
/// or empty values, lists, comments, indentation, …), which Yams reads. Indexing reads every
/// file, and libyaml's tokens and events for these few lines were most of a file's reading.
///
/// Nodes made here carry no line numbers: a reader that finds a problem in a file read this way
/// reads it again with Yams, to say on which line it is (`YAMLReader`).
enum FlatYAML {
    /// Made once: Yams' `Tag` initializer builds a new default constructor each time it is
    /// called. Never changed after, so sharing them between threads is safe.
    nonisolated(unsafe) private static let text = Tag(.str)
    nonisolated(unsafe) private static let mapping = Tag(.map)

    static func parse(_ text: String) -> Node? {
        var pairs: [(Node, Node)] = []
        var names: [String] = []
        var text = text
        return text.withUTF8 { bytes -> Node? in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                if end > start {
                    guard let (name, value) = pair(UnsafeBufferPointer(rebasing: bytes[start..<end])), !names.contains(name) else { return nil }
                    names.append(name)
                    pairs.append((Node.scalar(.init(name, Self.text, .plain)), Node.scalar(.init(value, Self.text, .plain))))
                }
                start = end + 1
            }
            return pairs.isEmpty ? nil : Node.mapping(.init(pairs, Self.mapping, .block))
        }
    }

    /// `name: value`: a lower-case ASCII name, a colon, spaces, and a value that YAML reads as
    /// the same plain text (nothing that starts another construct, ends in a colon, holds
    /// `: ` or ` #`, or a tab, carriage return or a character libyaml takes for a line break).
    private static func pair(_ line: UnsafeBufferPointer<UInt8>) -> (String, String)? {
        var i = 0
        while i < line.count, isNameByte(line[i], first: i == 0) { i += 1 }
        guard i > 0, i + 1 < line.count, line[i] == UInt8(ascii: ":"), line[i + 1] == UInt8(ascii: " ") else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: line[0..<i]), as: UTF8.self)
        var from = i + 1
        while from < line.count, line[from] == UInt8(ascii: " ") { from += 1 }
        var to = line.count
        while to > from, line[to - 1] == UInt8(ascii: " ") { to -= 1 }
        guard from < to, !startsConstruct(line[from]), line[to - 1] != UInt8(ascii: ":") else { return nil }
        var k = from
        while k < to {
            let b = line[k]
            switch b {
            case 0x09, 0x0D: return nil
            case UInt8(ascii: ":") where k + 1 < to && line[k + 1] == UInt8(ascii: " "): return nil
            case UInt8(ascii: "#") where line[k - 1] == UInt8(ascii: " "): return nil
            // U+0085 (C2 85), U+2028 and U+2029 (E2 80 A8/A9) are line breaks to libyaml; U+FEFF (EF BB BF) a byte-order mark.
            case 0xC2 where k + 1 < to && line[k + 1] == 0x85: return nil
            case 0xE2 where k + 2 < to && line[k + 1] == 0x80 && (line[k + 2] == 0xA8 || line[k + 2] == 0xA9): return nil
            case 0xEF where k + 2 < to && line[k + 1] == 0xBB && line[k + 2] == 0xBF: return nil
            default: break
            }
            k += 1
        }
        return (name, String(decoding: UnsafeBufferPointer(rebasing: line[from..<to]), as: UTF8.self))
    }

    private static func isNameByte(_ b: UInt8, first: Bool) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || b == UInt8(ascii: "_") || (!first && b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    /// Characters that make a value something other than plain text when they come first.
    private static func startsConstruct(_ b: UInt8) -> Bool {
        "-?:,[]{}#&*!|>'\"%@`".utf8.contains(b)
    }
}
