import QuangBaCore
import Testing
@testable import QuangBaText

/// Large amounts with each language's scale words, as a speaker writes them (expected values
/// written by hand, not printed by the code): Chinese one myriad unit with a decimal, Japanese
/// and Korean every myriad, Vietnamese in tỷ and triệu, English in thousands-steps.
@Suite struct AmountTests {
    func amounts(_ language: String) -> (Double) -> String {
        { LocaleFormat.amount($0, language: LanguageCode(language)) }
    }

    @Test func chineseUsesOneMyriadUnitWithADecimal() {
        let zh = amounts("zh-Hans")
        #expect(zh(3_400_000_000_000) == "3.4万亿")
        #expect(zh(2_100_000_000_000) == "2.1万亿")
        #expect(zh(1_000_000_000_000) == "1万亿")
        #expect(zh(290_000_000_000) == "2,900亿")
        #expect(zh(120_000_000) == "1.2亿")
        #expect(zh(8_500_000_000) == "85亿")
        #expect(zh(50_000_000) == "5,000万")
        #expect(zh(500_000) == "50万")
        #expect(zh(123_456) == "12.35万")
        #expect(zh(1_234_567_890_000) == "1.23万亿")
        #expect(zh(5_000) == "5,000")
        #expect(zh(0) == "0")
        // Traditional Chinese writes 萬 and, in Taiwan, 兆 for 10¹².
        #expect(LocaleFormat.amount(3_400_000_000_000, language: LanguageCode("zh-Hant")) == "3.4兆")
    }

    @Test func japaneseWritesEveryMyriad() {
        let ja = amounts("ja")
        #expect(ja(3_400_000_000_000) == "3兆4,000億")
        #expect(ja(2_100_000_000_000) == "2兆1,000億")
        #expect(ja(5_000_000_000_000) == "5兆")
        #expect(ja(300_000_000_000) == "3,000億")
        #expect(ja(120_000_000) == "1億2,000万")
        #expect(ja(50_000_000) == "5,000万")
        #expect(ja(1_234_567_890_000) == "1兆2,345億6,789万")
        #expect(ja(123_456) == "12万3,456")
        #expect(ja(100_000_005) == "1億5")
        #expect(ja(9_999) == "9,999")
        #expect(ja(1_500.5) == "1,500.5")
    }

    @Test func koreanWritesEveryMyriadWithASpaceBetween() {
        let ko = amounts("ko")
        #expect(ko(3_400_000_000_000) == "3조 4,000억")
        #expect(ko(2_100_000_000_000) == "2조 1,000억")
        #expect(ko(5_000_000_000_000) == "5조")
        #expect(ko(290_000_000_000) == "2,900억")
        #expect(ko(120_000_000) == "1억 2,000만")
        #expect(ko(50_000_000) == "5,000만")
        #expect(ko(1_234_567_890_000) == "1조 2,345억 6,789만")
        #expect(ko(123_456) == "12만 3,456")
        #expect(ko(10_000) == "1만")
        #expect(ko(800) == "800")
    }

    @Test func vietnameseCountsInTyAndTrieu() {
        let vi = amounts("vi")
        #expect(vi(3_400_000_000_000) == "3.400 tỷ")
        #expect(vi(1_000_000_000_000) == "1.000 tỷ")
        #expect(vi(290_000_000_000) == "290 tỷ")
        #expect(vi(1_234_500_000_000) == "1.234,5 tỷ")
        #expect(vi(1_234_567_890_000) == "1.234,57 tỷ")
        #expect(vi(8_500_000_000) == "8,5 tỷ")
        #expect(vi(1_500_000_000) == "1,5 tỷ")
        #expect(vi(500_000_000) == "500 triệu")
        #expect(vi(25_000_000) == "25 triệu")
        #expect(vi(500_000) == "500.000")
    }

    @Test func englishUsesMillionBillionTrillion() {
        let en = amounts("en")
        #expect(en(3_400_000_000_000) == "3.4 trillion")
        #expect(en(1_000_000_000_000) == "1 trillion")
        #expect(en(290_000_000_000) == "290 billion")
        #expect(en(1_234_500_000_000) == "1,234.5 billion")
        #expect(en(1_234_567_890_000) == "1.23 trillion")
        #expect(en(8_500_000_000) == "8.5 billion")
        #expect(en(1_500_000_000) == "1.5 billion")
        #expect(en(120_000_000) == "120 million")
        #expect(en(25_000_000) == "25 million")
        #expect(en(500_000) == "500,000")
    }

    /// A language without scale words here gets the whole number, which is never wrong.
    @Test func otherLanguagesGetThePlainNumber() {
        #expect(LocaleFormat.amount(3_400_000_000_000, language: LanguageCode("de")) == "3.400.000.000.000")
        #expect(LocaleFormat.amount(3_400_000_000_000, language: LanguageCode("fr")) == "3\u{202F}400\u{202F}000\u{202F}000\u{202F}000")
    }
}

/// CLDR plural categories through ICU.
@Suite struct PluralRulesTests {
    @Test func englishHasOneAndOther() {
        let en = LanguageCode("en")
        #expect(PluralRules.categories(of: en) == [.one, .other])
        #expect(PluralRules.category(of: 1, language: en) == .one)
        #expect(PluralRules.category(of: 0, language: en) == .other)
        #expect(PluralRules.category(of: 2, language: en) == .other)
        #expect(PluralRules.category(of: 21, language: en) == .other)
    }

    @Test func vietnameseChineseJapaneseKoreanHaveOnlyOther() {
        for l in ["vi", "zh-Hans", "ja", "ko"] {
            #expect(PluralRules.categories(of: LanguageCode(l)) == [.other], "\(l)")
            #expect(PluralRules.category(of: 1, language: LanguageCode(l)) == .other, "\(l)")
        }
    }

    /// Languages with more forms: Russian (1, 21 one; 2–4 few; 5–20 many) and Arabic (all six).
    @Test func languagesWithMoreFormsAreNotFlattened() {
        let ru = LanguageCode("ru")
        #expect(PluralRules.categories(of: ru) == [.one, .few, .many, .other])
        #expect(PluralRules.category(of: 21, language: ru) == .one)
        #expect(PluralRules.category(of: 3, language: ru) == .few)
        #expect(PluralRules.category(of: 11, language: ru) == .many)
        let ar = LanguageCode("ar")
        #expect(PluralRules.categories(of: ar) == PluralCategory.allCases)
        #expect(PluralRules.category(of: 0, language: ar) == .zero)
        #expect(PluralRules.category(of: 2, language: ar) == .two)
        #expect(PluralRules.category(of: 3, language: ar) == .few)
        #expect(PluralRules.category(of: 11, language: ar) == .many)
        #expect(PluralRules.category(of: 100, language: ar) == .other)
    }
}
