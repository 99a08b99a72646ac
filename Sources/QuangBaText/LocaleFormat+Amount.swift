public import QuangBaCore

/// Large amounts (capital of projects: billions of đồng, millions of dollars) written with the
/// scale words of the language, as its financial writing does: ICU writes the digits and
/// separators; the words are CLDR's (its compact decimal formats): 10³ steps in English
/// (million, billion, trillion), Vietnamese counting in tỷ (10⁹) and triệu (10⁶) as its
/// official documents do ("2.900 tỷ"), and the myriads (10⁴ steps) of Chinese, Japanese and
/// Korean: 万/亿/万亿, 万/億/兆, 만/억/조.
///
/// Chinese, English and Vietnamese use one unit with a decimal ("3.4万亿", "3.4 trillion"):
/// the largest unit the amount reaches in which it is exact with at most two decimals and
/// at most four digits before them ("VND 1,234.5 billion", "2,900亿"), else the largest one,
/// rounded to two decimals ("1.23万亿"). Japanese and Korean write every myriad, exactly
/// ("2兆1,000億", "2조 1,000억"; Korean spaces between them, 한글 맞춤법 제44항).
/// Below the smallest unit, and in languages without a table here, the plain number.
extension LocaleFormat {
    /// `amount` with its scale words, without the currency: "3.4万亿", "2兆1,000億",
    /// "2조 1,000억", "2.900 tỷ", "3.4 trillion", "500,000".
    public static func amount(_ amount: Double, language: LanguageCode) -> String {
        guard amount.isFinite, amount >= 0, let scale = AmountScale.of(language) else {
            return number(amount, language: language, maxFractionDigits: 2)
        }
        return scale.mixed ? mixed(amount, scale, language) : single(amount, scale, language)
    }

    private static func single(_ amount: Double, _ scale: AmountScale, _ language: LanguageCode) -> String {
        let reached = scale.units.filter { amount >= $0.size }
        guard let largest = reached.first else { return number(amount, language: language, maxFractionDigits: 2) }
        let unit = reached.first { isExact(amount / $0.size) && amount / $0.size < 10_000 } ?? largest
        return number(amount / unit.size, language: language, maxFractionDigits: 2) + scale.beforeWord + unit.word
    }

    /// Whether `v` has at most two decimals (within what a Double of an amount can hold).
    private static func isExact(_ v: Double) -> Bool {
        let hundredths = v * 100
        return abs(hundredths - hundredths.rounded()) <= 1e-9 * max(1, hundredths)
    }

    private static func mixed(_ amount: Double, _ scale: AmountScale, _ language: LanguageCode) -> String {
        guard amount < 1e18 else { return number(amount, language: language, maxFractionDigits: 2) }
        var whole = Int64(amount.rounded(.down))
        let fraction = amount - Double(whole)
        var parts: [String] = []
        for unit in scale.units {
            let size = Int64(unit.size)
            let count = whole / size
            whole %= size
            if count > 0 { parts.append(number(Double(count), language: language, maxFractionDigits: 0) + scale.beforeWord + unit.word) }
        }
        let rest = Double(whole) + fraction
        if rest > 0 || parts.isEmpty { parts.append(number(rest, language: language, maxFractionDigits: 2)) }
        return parts.joined(separator: scale.betweenParts)
    }
}

/// The scale words of one language, largest first.
struct AmountScale: Sendable {
    let units: [(size: Double, word: String)]
    /// Every myriad written ("2兆1,000億") rather than one unit with a decimal.
    let mixed: Bool
    var beforeWord = ""
    var betweenParts = ""

    static func of(_ language: LanguageCode) -> AmountScale? {
        let tags = language.rawValue.lowercased().split(separator: "-")
        switch tags.first {
        case "vi": return AmountScale(units: [(1e9, "tỷ"), (1e6, "triệu")], mixed: false, beforeWord: " ")
        case "en": return AmountScale(units: [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")], mixed: false, beforeWord: " ")
        case "zh" where tags.contains("hant") || tags.contains("tw") || tags.contains("hk"):
            return AmountScale(units: [(1e12, "兆"), (1e8, "億"), (1e4, "萬")], mixed: false)
        case "zh": return AmountScale(units: [(1e12, "万亿"), (1e8, "亿"), (1e4, "万")], mixed: false)
        case "ja": return AmountScale(units: [(1e12, "兆"), (1e8, "億"), (1e4, "万")], mixed: true)
        case "ko": return AmountScale(units: [(1e12, "조"), (1e8, "억"), (1e4, "만")], mixed: true, betweenParts: " ")
        default: return nil
        }
    }
}
