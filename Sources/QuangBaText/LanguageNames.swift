import CICUBridge
public import QuangBaCore

/// Names of languages in other languages ("Vietnamese", "越南语", "tiếng Việt"), from ICU's
/// CLDR data, so a new configured language is named everywhere with no string to add.
public enum LanguageNames {
    /// The name of `language` as written mid-sentence in `displayLanguage`; the code itself when
    /// ICU has no name for it.
    public static func name(of language: LanguageCode, in displayLanguage: LanguageCode) -> String {
        let key = "\(language.rawValue)|\(displayLanguage.rawValue)"
        if let hit = cache.with({ $0[key] }) { return hit }
        let name = icuFormat { qb_language_display_name(language.rawValue, displayLanguage.icuLocale, $0, $1) } ?? language.rawValue
        cache.with { $0[key] = name }
        return name
    }

    private static let cache = Locked<[String: String]>([:])
}
