import CICUBridge
public import QuangBaCore

/// A CLDR plural category: the form of a word that goes with a count ("1 item", "2 items").
/// English has `one` and `other`; Vietnamese, Chinese, Japanese and Korean only `other`.
public enum PluralCategory: String, CaseIterable, Comparable, Sendable {
    case zero, one, two, few, many, other

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// The language's plural rules, from ICU (CLDR data).
public enum PluralRules {
    /// The category `count` takes in `language` (`one` for 1 in English, `other` for 1 in Japanese).
    public static func category(of count: Double, language: LanguageCode) -> PluralCategory {
        var buf = [CChar](repeating: 0, count: 16)
        let n = qb_plural_select(language.icuLocale, count, &buf, 16)
        guard n > 0, n < 16 else { return .other }
        return PluralCategory(rawValue: String(decoding: buf.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)) ?? .other
    }

    /// Every category the language uses, in CLDR's order (`other` always among them).
    public static func categories(of language: LanguageCode) -> [PluralCategory] {
        if let known = cache.with({ $0[language] }) { return known }
        var capacity = 64
        var found: [PluralCategory] = [.other]
        while true {
            var buf = [CChar](repeating: 0, count: capacity)
            let n = qb_plural_categories(language.icuLocale, &buf, Int32(capacity))
            if n < 0 { break }
            if Int(n) >= capacity { capacity = Int(n) + 1; continue }
            let words = String(decoding: buf.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self).split(separator: " ")
            found = Set(words.compactMap { PluralCategory(rawValue: String($0)) }).union([.other]).sorted()
            break
        }
        cache.with { $0[language] = found }
        return found
    }

    private static let cache = Locked<[LanguageCode: [PluralCategory]]>([:])
}
