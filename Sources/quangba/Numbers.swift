import QuangBaCore
import QuangBaText

/// Numbers in what the CLI prints, in the UI language's style ("1.234 tệp", "0,15 giây";
/// "1,234 files", "0.15 s"), from the one ICU every user-visible number comes from.
extension Console {
    static func count(_ n: Int) -> String {
        LocaleFormat.number(Double(n), language: LanguageCode(language), maxFractionDigits: 0)
    }

    static func decimal(_ x: Double, digits: Int = 2) -> String {
        LocaleFormat.number(x, language: LanguageCode(language), maxFractionDigits: digits)
    }
}
