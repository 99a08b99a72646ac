import Testing
@testable import QuangBaText

@Suite struct ScriptTests {
    /// Which scripts a language is written in comes from ICU, for the configured languages and
    /// for ones a province may add (Lao, Khmer, Russian, French) alike.
    @Test func languagesAndTheirScripts() {
        #expect(Script.scripts(ofLanguage: "vi") == [.latin])
        #expect(Script.scripts(ofLanguage: "en") == [.latin])
        #expect(Script.scripts(ofLanguage: "fr") == [.latin])
        #expect(Script.scripts(ofLanguage: "zh-Hans") == [.han])
        #expect(Set(Script.scripts(ofLanguage: "ja")) == [.han, .hiragana, .katakana])
        #expect(Set(Script.scripts(ofLanguage: "ko")) == [.hangul, .han])
        #expect(Script.scripts(ofLanguage: "ru").map(\.description) == ["Cyrillic"])
        #expect(Script.scripts(ofLanguage: "lo").map(\.description) == ["Lao"])
        #expect(Script.scripts(ofLanguage: "km").map(\.description) == ["Khmer"])
        #expect(Script.hangul.description == "Hangul" && Script.latin.description == "Latin")
    }

    @Test func lettersAreCountedByScript() {
        #expect(Script.letterCounts("구이 마이 관문") == [.hangul: 6])
        #expect(Script.letterCounts("Kỳ Lừa Market") == [.latin: 11])
        // Digits, punctuation and spaces are not letters; the long-vowel mark ー (script Common)
        // counts for the kana it belongs to.
        #expect(Script.letterCounts("15世紀に、キールア市場。") == [.han: 4, .hiragana: 2, .katakana: 3])
        #expect(Script.letterCounts("谅山省 (2026)") == [.han: 3])
        #expect(Script.letterCounts("Лангшон") == [Script(code: 8): 7])  // Cyrillic
        #expect(Script.letterCounts("— 100 % …").isEmpty)
        #expect(Script.letterCounts("").isEmpty)
    }

    @Test func vietnameseOnlyLettersInLowercaseWords() {
        // Names are capitalised: only "market" is judged, and it is English.
        #expect(VietnameseWords.count("Kỳ Lừa market") == VietnameseWords.Count(lowercase: 1, marked: 0))
        // được, họp, từ, thế, kỷ carry ư ợ, ọ, ừ, ế, ỷ; "vào", "các", "ngày" have marks French has too.
        #expect(VietnameseWords.count("Chợ được họp từ thế kỷ XV vào các ngày") == VietnameseWords.Count(lowercase: 8, marked: 5))
        // French, Portuguese, Spanish and German letters are not Vietnamese-only.
        #expect(VietnameseWords.count("le marché où l'été commence, ação, niño, schön").marked == 0)
        #expect(VietnameseWords.isVietnameseOnly("đ") && VietnameseWords.isVietnameseOnly("Ư") && VietnameseWords.isVietnameseOnly("ặ"))
        #expect(!VietnameseWords.isVietnameseOnly("é") && !VietnameseWords.isVietnameseOnly("ã") && !VietnameseWords.isVietnameseOnly("ê"))
    }
}
