import Testing
import QuangBaCore
import QuangBaText

/// Language names come from ICU's CLDR data, in the language of the page that shows them.
@Suite struct LanguageNamesTests {
    @Test(arguments: [
        ("vi", "en", "Vietnamese"), ("en", "en", "English"), ("zh-Hans", "en", "Simplified Chinese"),
        ("vi", "zh-Hans", "越南语"), ("en", "zh-Hans", "英语"),
        ("vi", "ja", "ベトナム語"), ("en", "ja", "英語"), ("ko", "ja", "韓国語"),
        ("vi", "ko", "베트남어"), ("en", "ko", "영어"), ("ja", "ko", "일본어"),
        ("en", "vi", "Tiếng Anh"), ("vi", "vi", "Tiếng Việt"),
    ])
    func aLanguageIsNamedInTheDisplayLanguage(language: String, display: String, name: String) {
        #expect(LanguageNames.name(of: LanguageCode(language), in: LanguageCode(display)) == name)
    }

    @Test func aLanguageICUDoesNotKnowIsGivenByItsCode() {
        #expect(LanguageNames.name(of: LanguageCode("qaa"), in: LanguageCode("en")) == "qaa")
    }
}
