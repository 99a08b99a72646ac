import CICUBridge
import Foundation

/// A writing system, as ICU's script property names it (`Latin`, `Han`, `Hangul`, `Hiragana`…).
/// Which scripts a language uses comes from ICU too, so a language added to the configuration
/// (Lao, Khmer, Russian) needs no table here.
public struct Script: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// ICU's `UScriptCode`.
    public let code: Int32
    public init(code: Int32) { self.code = code }

    public static let latin = Script(code: 25)
    public static let han = Script(code: 17)
    public static let hangul = Script(code: 18)
    public static let hiragana = Script(code: 20)
    public static let katakana = Script(code: 22)
    public static let bopomofo = Script(code: 5)

    /// ICU's long name, the same in every language of the messages ("Latin", "Hangul").
    public var description: String { String(cString: qb_script_name(code)) }
    public static func < (a: Script, b: Script) -> Bool { a.code < b.code }

    /// The scripts a language is written in (`ja` → Katakana, Hiragana, Han; `zh-Hans` → Han;
    /// `ko` → Hangul, Han; `en`, `vi` → Latin); empty when ICU does not know the language.
    public static func scripts(ofLanguage tag: String) -> [Script] {
        var codes = [Int32](repeating: 0, count: 8)
        let n = qb_language_scripts(tag.replacingOccurrences(of: "-", with: "_"), &codes, 8)
        return n <= 0 ? [] : codes.prefix(Int(min(n, 8))).map(Script.init(code:))
    }

    /// The letters of `text` counted by script (punctuation, digits, symbols and marks are not
    /// letters; see `qb_count_letters_by_script` for letters shared between scripts).
    public static func letterCounts(_ text: String) -> [Script: Int] {
        var counts = [Int32](repeating: 0, count: 256)
        let letters = withUTF16(text) { s, n in counts.withUnsafeMutableBufferPointer { qb_count_letters_by_script(s, n, $0.baseAddress, 256) } }
        guard letters > 0 else { return [:] }
        var out: [Script: Int] = [:]
        for (code, n) in counts.enumerated() where n > 0 { out[Script(code: Int32(code))] = Int(n) }
        return out
    }
}
