import Testing
@testable import QuangBaText
import QuangBaCore

@Suite struct NormalizationTests {
    @Test func decomposedInputBecomesNFC() {
        let nfd = "Ha\u{0300} Nô\u{0323}i"  // "Hà Nội" typed on a decomposing keyboard
        let nfc = Normalization.nfc(nfd)
        #expect(nfc.unicodeScalars.count == 6)
        #expect(Array(nfc.unicodeScalars) == Array("H\u{E0} N\u{1ED9}i".unicodeScalars))
        #expect(!Normalization.isNFC(nfd))
        #expect(Normalization.isNFC(nfc))
        #expect(Normalization.nfc("") == "")
    }

    /// The quick NFC check answers as ICU does for every character of the BMP on its own, after
    /// a letter, before a combining mark, after a leading jamo (a vowel jamo composes with it),
    /// before a trailing jamo, and beside a character outside the BMP.
    @Test func quickNFCCheckAgreesWithICU() {
        for v in 0..<0x10000 {
            guard let c = Unicode.Scalar(v) else { continue }
            let ch = String(c)
            for text in [ch, "a" + ch, ch + "\u{0301}", "\u{1100}" + ch, "\u{AC00}" + ch, ch + "\u{11A8}", ch + "𠀀", "Lạng Sơn " + ch] {
                if Normalization.isNFC(text) != Normalization.isNFCThroughICU(text) {
                    Issue.record("U+\(String(v, radix: 16)) in \(text.unicodeScalars.map { String($0.value, radix: 16) })")
                }
            }
        }
        #expect(Normalization.isNFC(""))
        #expect(!Normalization.isNFC("\u{212B}"))  // ANGSTROM SIGN: NFC makes it Å
        #expect(!Normalization.isNFC("\u{1100}\u{1161}"))  // ᄀ + ᅡ compose to 가
    }

    @Test func foldingRemovesDiacriticsCaseAndDStroke() {
        #expect(Normalization.fold("Đà Nẵng") == "da nang")
        #expect(Normalization.fold("THÁI BÌNH") == "thai binh")
        #expect(Normalization.fold("Lạng Sơn") == "lang son")
        #expect(Normalization.fold("谅山") == "谅山")
        #expect(Normalization.fold("สวัสดี") == "สวัสดี")  // Thai vowel signs are letters, not accents
        #expect(Normalization.fold("ສະບາຍດີ") == "ສະບາຍດີ")
    }

    /// qb_fold's fast path (ASCII, precomposed Latin letters, Han, Hangul, kana, punctuation
    /// taken one character at a time) must give what ICU gives for the whole string.
    @Test func fastFoldingAgreesWithICU() {
        var ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0xA0...0x24F, 0x1E00...0x1EFF, 0x2000...0x206F, 0x3000...0x30FF, 0xAC00...0xD7A3]
        ranges.append(0x4E00...0x4E40)
        var failures: [String] = []
        for range in ranges {
            for v in range {
                guard let c = Unicode.Scalar(v) else { continue }
                let s = String(c) + "A" + String(c)
                if Normalization.fold(s) != Normalization.foldThroughICU(s) { failures.append(String(v, radix: 16)) }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20))")
        // Mixed strings, including what sends them down the ICU path: combining marks (NFD
        // input), fullwidth letters, ligatures, other scripts, astral characters.
        let pool = Array("aZ Đđ ẮặƯơ ÀÉÎõü ß Æ ﬁ ＡＢｃ 谅山 랑선 りょう ガ ゔ – “” … e\u{301} a\u{323} สวัสดี Ωσ 𠀀 ſ K Å".unicodeScalars)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...12, using: &generator) { s.append(pool.randomElement(using: &generator)!) }
            let text = String(s)
            #expect(Normalization.fold(text) == Normalization.foldThroughICU(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(Normalization.fold("Hữu Nghị border gate, Lạng Sơn – 谅山 랑선") == "huu nghi border gate, lang son – 谅山 랑선")
    }
}

@Suite struct SlugTests {
    @Test(arguments: [
        ("Chợ Kỳ Lừa", "cho-ky-lua"),
        ("Đồng Đăng – Lạng Sơn: cửa ngõ giao thương", "dong-dang-lang-son-cua-ngo-giao-thuong"),
        ("谅山省", "liang-shan-sheng"),
        ("ランソン", "ranson"),
        ("서울", "seoul"),
        ("  --Hello, World!--  ", "hello-world"),
    ])
    func slug(title: String, expected: String) {
        #expect(Slug.make(title) == expected)
    }

    @Test func longTitlesAreCutAtAWordBoundary() {
        let s = Slug.make(String(repeating: "Lạng Sơn ", count: 20))
        #expect(s.utf8.count <= 80)
        #expect(!s.hasSuffix("-"))
        #expect(s.hasSuffix("son"))
        #expect(ItemID.isValid(s))
    }
}

@Suite struct CollationTests {
    // The Vietnamese alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
    @Test func vietnameseAlphabetOrder() {
        let alphabet = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n",
                        "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"]
        #expect(Collation.forLanguage("vi").sorted(alphabet.reversed()) == alphabet)
    }

    @Test func vietnameseWords() {
        let vi = Collation.forLanguage("vi")
        #expect(vi.sorted(["Đồng Đăng", "Dương", "Ân", "Ăn", "An", "Ưu", "Uyên", "Vân"]) ==
                ["An", "Ăn", "Ân", "Dương", "Đồng Đăng", "Uyên", "Ưu", "Vân"])
        #expect(vi.compare("đ", "e") < 0 && vi.compare("d", "đ") < 0)
    }

    @Test func sortKeysOrderLikeCompare() {
        let vi = Collation.forLanguage("vi")
        let words = ["Lạng Sơn", "Lang Chánh", "Lâm Đồng", "Long An", "Lào Cai"]
        let byKey = words.sorted { vi.sortKey($0).lexicographicallyPrecedes(vi.sortKey($1)) }
        let byCompare = words.sorted { vi.compare($0, $1) < 0 }
        #expect(byKey == byCompare)
    }
}

@Suite struct SearchTokenizerTests {
    let t = SearchTokenizer()

    @Test func vietnameseWithoutDiacritics() {
        #expect(t.indexText("Đà Nẵng và Thái Bình", language: "vi") == "da nang va thai binh")
        #expect(t.matchExpression("da nang", language: "vi") == "\"da\" AND \"nang\"")
    }

    @Test func cjkRunsBecomeBigrams() {
        #expect(t.indexText("谅山省", language: "zh-Hans") == "谅山 山省 省")
        #expect(t.matchExpression("谅山", language: "zh-Hans") == "\"谅山\"")
        #expect(t.matchExpression("山", language: "zh-Hans") == "\"山\"*")
        #expect(t.indexText("랑선성은", language: "ko").split(separator: " ").contains("랑선"))
    }

    /// Thai is written without spaces: ICU's dictionary puts the word boundaries in.
    @Test func scriptsWithoutSpacesAreSegmented() {
        #expect(t.indexText("สวัสดีครับ", language: "th") == "สวัสดี ครับ")
        #expect(t.matchExpression("สวัสดีครับ", language: "th") == "\"สวัสดี\" AND \"ครับ\"")
    }

    @Test func emptyQueryHasNoExpression() {
        #expect(t.matchExpression("  ,;  ", language: "vi") == nil)
    }
}

@Suite struct SecrecyStampTests {
    static let stamps = ["MẬT", "mật", "Mật", "TỐI MẬT", "TUYỆT MẬT", "tuyet mat", "MAT", "**MẬT**", "# TỐI MẬT",
                         "Độ mật: Tối mật", "ĐỘ MẬT: MẬT", "[TUYỆT MẬT]", "Tài liệu (MẬT) gửi các sở", "M\u{1EAC}T",
                         "MA\u{0323}\u{0302}T", "  > Mật  ", "2MẬT", "MẬT2", "«MẬT»", "“TỐI MẬT”", "【MẬT】"]

    @Test(arguments: stamps)
    func stampsAreFound(text: String) {
        #expect(SecrecyStamp.isStamped(text))
        // The byte prefilter in front of the full check lets every stamp through.
        #expect(SecrecyStamp.lines(in: "Tiêu đề\n" + text + "\nnội dung") == [2])
    }

    @Test(arguments: ["mật ong rừng", "Bí mật của ẩm thực xứ Lạng", "Mật độ dân số", "Mát", "Mất", "Mắt",
                      "Mạt", "Thảm (mat) tre", "mật độ: 96 người/km²", "Tối", "TỐI", "Bí mật", "Thời tiết mát mẻ"])
    func ordinaryWordsAreNot(text: String) {
        #expect(!SecrecyStamp.isStamped(text))
    }

    @Test func linesAreNumbered() {
        #expect(SecrecyStamp.lines(in: "Tiêu đề\n\nTỐI MẬT\nnội dung") == [3])
        #expect(SecrecyStamp.lines(in: "Information on the format of automatic matter\nMẬT\n") == [2])
    }
}

@Suite struct TextCheckTests {
    @Test func invalidUTF8NamesTheLine() {
        let bytes = Array("dòng một\ndòng hai\n".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        #expect(TextCheck.decode(bytes) == .failure(.invalidUTF8(line: 3)))
        #expect(TextCheck.decode([0xED, 0xA0, 0x80]) == .failure(.invalidUTF8(line: 1)))  // an encoded surrogate
        #expect(TextCheck.decode([0xC0, 0xAF]) == .failure(.invalidUTF8(line: 1)))  // overlong
        #expect(TextCheck.decode(Array("Lạng Sơn 谅山".utf8)) == .success("Lạng Sơn 谅山"))
    }

    @Test func xmlForbiddenCharacters() {
        #expect(TextCheck.firstForbiddenCharacter("a\nb\u{0B}c") == .forbiddenCharacter(line: 2, scalar: 0x0B))
        #expect(TextCheck.firstForbiddenCharacter("tab\tand\r\nnewline") == nil)
        #expect(TextCheck.firstForbiddenCharacter("x\u{FFFF}") == .forbiddenCharacter(line: 1, scalar: 0xFFFF))
        #expect(TextCheck.firstForbiddenCharacter("Lạng Sơn\n谅山\n\u{FFFE}") == .forbiddenCharacter(line: 3, scalar: 0xFFFE))
        // Their neighbours in UTF-8 pass: U+FFFD is EF BF BD, U+FFEF is EF BF AF.
        #expect(TextCheck.firstForbiddenCharacter("\u{FFFD} 랑선 \u{FFEF}\u{1F600}") == nil)
        #expect(TextCheck.firstForbiddenCharacter("\u{7F}\u{85}") == nil)  // DEL and NEL are allowed in XML 1.0
    }
}

@Suite struct LocaleFormatTests {
    @Test func numbersUseEachLanguagesSeparators() {
        #expect(LocaleFormat.number(2_900_000, language: LanguageCode("vi")) == "2.900.000")
        #expect(LocaleFormat.number(2_900_000, language: LanguageCode("en")) == "2,900,000")
        #expect(LocaleFormat.number(46.5, language: LanguageCode("vi")) == "46,5")
    }

    /// CLDR: the đồng has no minor unit; Vietnamese puts the symbol after the amount.
    @Test func currencies() {
        #expect(LocaleFormat.currency(Money(amount: 2_900_000_000_000, currency: .VND), language: LanguageCode("vi")) == "2.900.000.000.000\u{A0}₫")
        #expect(LocaleFormat.currency(Money(amount: 25_000_000, currency: .USD), language: LanguageCode("en")) == "$25,000,000.00")
    }

    @Test func datesAreLocalToTheProvince() {
        // 2025-03-13T20:00:00Z is already 14 March in Việt Nam (UTC+7).
        let t = Timestamp(parsing: "2025-03-13T20:00:00Z")!
        #expect(LocaleFormat.date(t, language: LanguageCode("en")) == "March 14, 2025")
        #expect(LocaleFormat.date(t, language: LanguageCode("ja")) == "2025年3月14日")
        #expect(LocaleFormat.date(t, language: LanguageCode("zh-Hans")) == "2025年3月14日")
        #expect(LocaleFormat.date(t, language: LanguageCode("ko")).hasPrefix("2025년 3월 14일"))
    }

    /// Dates are formatted once per local day: the cached text is ICU's for every moment of
    /// the day, on both sides of local midnight (17:00 UTC), from 1976 on, and before it.
    @Test func cachedDaysAgreeWithICU() {
        var moments: [Int64] = [0, 189_277_199, 189_277_200, 189_277_201]
        let midnight: Int64 = 1_741_885_200  // 2025-03-14T00:00:00+07:00
        for d in stride(from: Int64(-3), through: 3, by: 1) {
            for offset: Int64 in [-3601, -1, 0, 1, 3600, 43_200] { moments.append(midnight + d * 86_400 + offset) }
        }
        var seed: UInt64 = 42
        for _ in 0..<300 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            moments.append(189_277_200 + Int64(seed >> 33) % 2_900_000_000)
        }
        for language in ["vi", "en", "zh-Hans", "ja", "ko"].map(LanguageCode.init) {
            for m in moments {
                let t = Timestamp(secondsSince1970: m)
                for skeleton in ["yMMMMd", "yMMMd", "yMMMMdjm"] {
                    #expect(LocaleFormat.date(t, language: language, skeleton: skeleton)
                            == LocaleFormat.dateThroughICU(t, language: language, skeleton: skeleton), "\(language.rawValue) \(m) \(skeleton)")
                }
            }
        }
    }
}

@Suite struct UTF16BridgeTests {
    /// The hand-written UTF-8 → UTF-16 transcoding that every ICU call goes through agrees with
    /// Swift's own, for every length of UTF-8 sequence and for surrogate pairs.
    @Test(arguments: ["", "Lạng Sơn", "A", "é", "谅山省", "랑선성", "ランソン", "𠀀𪚥 emoji 🇻🇳👩‍👩‍👧", "a\u{0}b", "\u{FFFF}\u{10FFFF}", "Đồng Đăng – 友谊关"])
    func matchesSwiftsUTF16(text: String) {
        let mine = withUTF16(text) { p, n in Array(UnsafeBufferPointer(start: p, count: Int(n))) }
        #expect(mine == Array(text.utf16))
        #expect(withUTF16(text) { p, n in p[Int(n)] } == 0)
    }
}

/// Vietnamese words in a page of another language are marked lang="vi"; nothing else changes.
@Suite struct VietnameseSpansTests {
    func marked(_ html: String) -> String { String(decoding: VietnameseSpans.mark(Array(html.utf8)), as: UTF8.self) }

    @Test(arguments: [
        ("<p>From roast pork with mắc mật leaves and khâu nhục.</p>",
         "<p>From roast pork with <span lang=\"vi\">mắc mật</span> leaves and <span lang=\"vi\">khâu nhục</span>.</p>"),
        ("<h1>下田节（Lồng Tồng）</h1>", "<h1>下田节（<span lang=\"vi\">Lồng Tồng</span>）</h1>"),
        ("<td>第1452/QĐ-UBND号决定</td>", "<td>第1452/<span lang=\"vi\">QĐ</span>-UBND号决定</td>"),
        ("<p>Lạng Sơn Province, Việt Nam</p>", "<p><span lang=\"vi\">Lạng Sơn</span> Province, <span lang=\"vi\">Việt</span> Nam</p>"),
        // Decomposed marks count too (content is NFC, but the rule is about letters).
        ("<p>pho\u{31B}\u{309}</p>", "<p><span lang=\"vi\">pho\u{31B}\u{309}</span></p>"),
    ])
    func wordsAreMarked(html: String, expected: String) {
        #expect(marked(html) == expected)
    }

    @Test(arguments: [
        "<p>Plain English, 漢字, かな, 한국어.</p>",
        "<p lang=\"vi\">Lạng Sơn <b>Mẫu Sơn</b></p>",                      // already Vietnamese
        "<div lang=\"vi-VN\"><p>Đồng Đăng</p></div>",
        "<head><title>Lạng Sơn</title><meta content=\"Lạng Sơn\"></head>",  // head and attributes
        "<select><option>Hữu Lũng</option></select>",                    // option holds only text
        "<script type=\"application/ld+json\">{\"name\":\"Lạng Sơn\"}</script>",
        "<img alt=\"Đồng Đăng > gate\" src=\"x\"><!-- Lạng Sơn -->",
    ])
    func otherTextIsLeftAsItIs(html: String) {
        #expect(marked(html) == html)
    }

    @Test func textAfterAVietnameseElementIsMarkedAgain() {
        #expect(marked("<p><span lang=\"vi\">Lạng</span> and Sơn</p>") == "<p><span lang=\"vi\">Lạng</span> and <span lang=\"vi\">Sơn</span></p>")
    }
}
