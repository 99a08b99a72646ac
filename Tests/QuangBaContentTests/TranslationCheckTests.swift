import Foundation
import Testing
@testable import QuangBaContent
import QuangBaCore
import QuangBaText

/// Real texts about the province in the five configured languages, and what editors really
/// paste into a language file.
enum Texts {
    static let vi = Translation(language: LanguageCode("vi"), fields: [
        "title": "Chợ Kỳ Lừa – phiên chợ trăm năm",
        "summary": "Hình thành từ thế kỷ XV, chợ Kỳ Lừa là khu chợ biên giới nổi tiếng của xứ Lạng.",
    ], body: """
    Nằm ở trung tâm thành phố Lạng Sơn, chợ Kỳ Lừa được lập từ thế kỷ XV để cư dân vùng biên có nơi buôn bán, trao đổi hàng hóa.

    ## Đặc sản xứ Lạng

    Du khách thường tìm đến đây để mua hoa hồi, măng khô, mộc nhĩ và các loại bánh truyền thống. Cách chợ không xa là chùa Tam Thanh, \
    ngôi chùa nằm trong hang động đá vôi nổi tiếng của tỉnh.
    """)

    static let en = Translation(language: LanguageCode("en"), fields: [
        "title": "Kỳ Lừa Market – a centuries-old market",
        "summary": "Founded in the 15th century, Kỳ Lừa is the best-known border market of Lạng Sơn.",
    ], body: """
    In the heart of Lạng Sơn city, Kỳ Lừa market was founded in the 15th century to give the people of the border a place to buy, sell and barter.

    ## Lạng Sơn specialities

    Visitors come here for star anise, dried bamboo shoots, wood ear mushrooms and traditional cakes. Not far from the market is \
    [Tam Thanh pagoda](https://langson.quangba.example/en/article/dong-tam-thanh-va-nhi-thanh/), set in one of the province's famous limestone caves.
    """, status: .draft)

    static let zh = Translation(language: LanguageCode("zh-Hans"), fields: [
        "title": "祈驴市场——百年集市",
        "summary": "祈驴市场形成于15世纪，是谅山最负盛名的边境集市。",
    ], body: """
    祈驴市场位于谅山市中心，始建于15世纪，为边境居民提供了买卖和交换货物的场所。

    ## 谅山特产

    游客常来这里购买八角、笋干、木耳和各种传统糕点。离市场不远就是三清寺，它坐落在本省著名的石灰岩溶洞之中。
    """, status: .draft)

    static let ja = Translation(language: LanguageCode("ja"), fields: [
        "title": "キールア市場――数百年の歴史をもつ市",
        "summary": "15世紀に始まったキールア市場は、ランソンで最も有名な国境の市場です。",
    ], body: """
    ランソン市の中心にあるキールア市場は、国境地域の住民が売り買いや物々交換をする場として15世紀に開かれました。

    ## ランソンの名産

    観光客は八角や干したタケノコ、キクラゲ、伝統的なお菓子を買いにここを訪れます。市場から遠くないところに、\
    省内で有名な石灰岩の洞窟の中にあるタムタイン寺があります。
    """, status: .draft)

    static let ko = Translation(language: LanguageCode("ko"), fields: [
        "title": "끼르어 시장, 수백 년 역사의 장터",
        "summary": "15세기에 형성된 끼르어 시장은 랑선에서 가장 유명한 국경 시장입니다.",
    ], body: """
    랑선시 중심에 있는 끼르어 시장은 국경 지역 주민들이 물건을 사고팔고 교환할 수 있도록 15세기에 열렸습니다.

    ## 랑선의 특산물

    여행객들은 팔각, 말린 죽순, 목이버섯과 전통 과자를 사러 이곳을 찾습니다. 시장에서 멀지 않은 곳에 이 지방의 유명한 \
    석회암 동굴 속에 자리한 땀타인 사원이 있습니다.
    """, status: .draft)

    /// The Vietnamese text as pasted into another language's file.
    static func pasted(into lang: String, from source: Translation = vi) -> Translation {
        Translation(language: LanguageCode(lang), fields: source.fields, body: source.body, status: .draft)
    }
}

@Suite struct TranslationCheckTests {
    let source = Texts.vi

    @Test func realTranslationsPass() {
        for t in [Texts.en, Texts.zh, Texts.ja, Texts.ko] {
            #expect(TranslationCheck.problems(t, source: source, kind: .article).isEmpty, "\(t.language)")
        }
    }

    @Test func anUntouchedCopyOfTheSourceIsRefused() {
        for lang in ["en", "zh-Hans", "ja", "ko", "fr"] {
            #expect(TranslationCheck.problems(Texts.pasted(into: lang), source: source, kind: .article) == [.sameAsSource], "\(lang)")
        }
        // Spaces around the text and decomposed letters do not make it a translation.
        var spaced = Texts.pasted(into: "en")
        spaced.fields["title"] = "  " + Normalization.nfd(source.title) + "\n"
        spaced.body = "\n" + source.body + "\n\n"
        #expect(TranslationCheck.problems(spaced, source: source, kind: .article) == [.sameAsSource])
    }

    @Test func aTitleThatKeepsTheSourceNameIsNotACopy() {
        // A name may stay as it is: the whole text is judged, not the title.
        let name = Translation(language: LanguageCode("vi"), fields: ["title": "Ải Chi Lăng"], body: "Ải Chi Lăng là cửa ải hiểm yếu trên đường từ biên giới về Thăng Long.")
        var en = Translation(language: LanguageCode("en"), fields: ["title": "Ải Chi Lăng"], body: "Chi Lăng is a narrow pass on the old road from the border to Thăng Long.", status: .approved)
        #expect(TranslationCheck.problems(en, source: name, kind: .media).isEmpty)
        // A source that is one short name, kept whole, is not refused as a copy.
        let titleOnly = Translation(language: LanguageCode("vi"), fields: ["title": "Ải Chi Lăng"])
        en = Translation(language: LanguageCode("en"), fields: ["title": "Ải Chi Lăng"], status: .approved)
        #expect(TranslationCheck.problems(en, source: titleOnly, kind: .media).isEmpty)
    }

    @Test func vietnamesePastedIntoAnotherLanguageIsRefused() {
        // Made different from the source, so that it is the language that is judged, not the copy.
        var edited = source
        edited.fields["title"] = "Chợ Kỳ Lừa"
        for lang in ["zh-Hans", "ja", "ko", "en", "fr"] {
            let problems = TranslationCheck.problems(Texts.pasted(into: lang, from: edited), source: source, kind: .article)
            #expect(problems.count == 1, "\(lang): \(problems)")
            guard case .vietnamese(let percent)? = problems.first else { Issue.record("\(lang): \(problems)"); continue }
            #expect(percent >= 40, "\(lang)")
        }
    }

    @Test func latinTextInAKoreanFileIsRefused() {
        var t = Texts.en
        t.language = LanguageCode("ko")
        #expect(TranslationCheck.problems(t, source: source, kind: .article) == [.wrongScript(found: .latin, expected: [.hangul, .han], percent: 0)])
        // Half Korean, half English: still not Korean.
        var half = Texts.ko
        half.body = Texts.ko.body + "\n\n" + Texts.en.body
        guard case .wrongScript(.latin, _, let percent)? = TranslationCheck.problems(half, source: source, kind: .article).first else {
            Issue.record("half English ko.md passed"); return
        }
        #expect(percent < 50)
    }

    @Test func chineseInAJapaneseOrKoreanFileIsRefused() {
        var t = Texts.zh
        t.language = LanguageCode("ja")
        #expect(TranslationCheck.problems(t, source: source, kind: .article) == [.missingScript([.katakana, .hiragana])])
        t.language = LanguageCode("ko")
        #expect(TranslationCheck.problems(t, source: source, kind: .article) == [.missingScript([.hangul])])
        // A short Japanese title in kanji only is Japanese enough.
        let shortJa = Translation(language: LanguageCode("ja"), fields: ["title": "友誼関"], status: .draft)
        #expect(TranslationCheck.problems(shortJa, source: Translation(language: LanguageCode("vi"), fields: ["title": "Cửa khẩu Hữu Nghị"]), kind: .media).isEmpty)
    }

    @Test func shortTextsAreJudgedWithCare() {
        let photo = Translation(language: LanguageCode("vi"), fields: ["title": "Quỷ Môn Quan", "alt": "Cổng đá Quỷ Môn Quan"])
        // Korean alt text, all Hangul; a title with a Latin name in it.
        let ko = Translation(language: LanguageCode("ko"), fields: ["title": "ASEAN 포럼", "alt": "구이 마이 관문"], status: .approved)
        #expect(TranslationCheck.problems(ko, source: photo, kind: .media).isEmpty)
        // An English title that keeps a Vietnamese name.
        let en = Translation(language: LanguageCode("en"), fields: ["title": "Kỳ Lừa Market", "alt": "The gate of Quỷ Môn Quan"], status: .approved)
        #expect(TranslationCheck.problems(en, source: photo, kind: .media).isEmpty)
        // But a short Korean file with no Hangul at all is not Korean.
        let latin = Translation(language: LanguageCode("ko"), fields: ["title": "Quy Mon Quan", "alt": "Stone gate"], status: .approved)
        #expect(TranslationCheck.problems(latin, source: photo, kind: .media) == [.wrongScript(found: .latin, expected: [.hangul, .han], percent: 0)])
    }

    @Test func addressesAndMarkdownAreNotLetters() {
        // A Korean text with several links and an image: the addresses are Latin but not text.
        var t = Texts.ko
        t.body = """
        [끼르어 시장](https://langson.quangba.example/ko/article/cho-ky-lua-phien-cho-tram-nam/)과 \
        [땀타인 사원](https://langson.quangba.example/ko/article/dong-tam-thanh-va-nhi-thanh/), <https://www.vietnam.travel/things-to-do/lang-son> 참조.

        ![랑선 풍경](https://langson.quangba.example/media/dinh-nui-mau-son/dinh-nui-mau-son.jpg)

        ```
        curl https://langson.quangba.example/oai?verb=Identify
        ```
        """
        #expect(TranslationCheck.problems(t, source: source, kind: .article).isEmpty)
    }

    @Test func aStartedTranslationIsNotTranslated() {
        let started = Translation(language: LanguageCode("en"), status: .draft, translator: "Trần Thu Hà", sourceHash: source.contentHash(kind: .article))
        #expect(TranslationCheck.problems(started, source: source, kind: .article) == [.notTranslated(parts: ["title", "body"])])
        // Title written, body not yet.
        var half = started
        half.fields["title"] = Texts.en.title
        #expect(TranslationCheck.problems(half, source: source, kind: .article) == [.notTranslated(parts: ["body"])])
    }

    /// Languages are configuration: Lao, Khmer and Russian are judged by the scripts ICU gives.
    @Test func languagesAddedLaterAreChecked() {
        let lo = Translation(language: LanguageCode("lo"), fields: ["title": "ຕະຫຼາດກີ່ລື້ອ"], body: "ຕະຫຼາດກີ່ລື້ອ ຕັ້ງຢູ່ໃຈກາງເມືອງລາງເຊີນ ແລະ ມີມາແຕ່ສະຕະວັດທີ 15.", status: .draft)
        let km = Translation(language: LanguageCode("km"), fields: ["title": "ផ្សារគីលឺ"], body: "ផ្សារគីលឺ ស្ថិតនៅកណ្តាលក្រុងឡាងសើន ហើយមានតាំងពីសតវត្សទី១៥។", status: .draft)
        let ru = Translation(language: LanguageCode("ru"), fields: ["title": "Рынок Килыа"], body: "Рынок Килыа находится в центре города Лангшон и существует с XV века.", status: .draft)
        for t in [lo, km, ru] {
            #expect(TranslationCheck.problems(t, source: source, kind: .article).isEmpty, "\(t.language)")
        }
        var wrong = Texts.en
        wrong.language = LanguageCode("ru")
        #expect(TranslationCheck.problems(wrong, source: source, kind: .article).first == .wrongScript(found: .latin, expected: Script.scripts(ofLanguage: "ru"), percent: 0))
        wrong.language = LanguageCode("lo")
        guard case .wrongScript(.latin, _, 0)? = TranslationCheck.problems(wrong, source: source, kind: .article).first else { Issue.record("English in lo.md passed"); return }
    }

    @Test func refusalSaysWhichFileWhatAndWhatToDo() throws {
        var t = Texts.en
        t.language = LanguageCode("ko")
        let id = ItemID("cho-ky-lua")!
        let e = try #require(TranslationCheck.refusal(for: t, source: source, kind: .article, id: id))
        #expect(e.message == Message("workflow.not_a_translation", ["lang": "ko", "id": "cho-ky-lua"]))
        #expect(e.location.file == "content/article/cho-ky-lua/ko.md")
        #expect(e.diagnostics.map(\.message.key) == ["translation.wrong_script"])
        #expect(e.diagnostics.first?.message.args["found"] == "Latin" && e.diagnostics.first?.message.args["expected"] == "Hangul, Han")
        #expect(TranslationCheck.refusal(for: Texts.ko, source: source, kind: .article, id: id) == nil)
    }
}

/// Every approved translation of the sample repository and of the test fixture passes, through
/// the check itself and through the reader that `validate`, the index and every output use.
@Suite struct SampleTranslationsTests {
    @Test(arguments: ["content", "fixture"]) func everyApprovedTranslationPasses(_ which: String) throws {
        let root = which == "content" ? TempRepo.fixtures.deletingLastPathComponent().deletingLastPathComponent() : TempRepo.fixtures.appendingPathComponent("repo")
        let repo = try Repository(root: root)
        var checked = 0
        for l in repo.loadAll() {
            let item = try #require(l.item, "\(l.folder)")
            let source = try #require(l.translation(item.sourceLanguage))
            for t in l.translations where t.language != item.sourceLanguage && t.status == .approved {
                #expect(TranslationCheck.problems(t, source: source, kind: item.kind).isEmpty, "\(l.folder)/\(t.language).md")
                checked += 1
            }
            #expect(!l.diagnostics.contains { $0.message.key.hasPrefix("translation.") }, "\(l.folder): \(l.diagnostics)")
        }
        #expect(checked >= (which == "content" ? 100 : 3))
    }
}

@Suite struct TranslationFileTests {
    static let article = "content/article/an-toan-giao-thong-dip-le-hoi"
    static let id = ItemID("an-toan-giao-thong-dip-le-hoi")!

    /// `validate`: a warning on a draft, an error once approved, on the file and the line.
    @Test func readerReportsOnTheFileAndLine() throws {
        let t = try TempRepo()
        let path = "\(Self.article)/en.md"
        let vietnamese = "Dịp lễ hội mùa xuân, lượng khách tới Lạng Sơn tăng mạnh. Du khách nên đi đúng làn đường và đội mũ bảo hiểm."
        for status in ["draft", "approved"] {
            try t.replaceLine(path, startingWith: "status:", with: "status: \(status)")
            try t.replace(path, "Please keep to your lane.", "Please keep to your lane.\n\n\(vietnamese)\n\n\(vietnamese)")
            let found = try t.repository.load(Self.id).diagnostics.filter { $0.message.key.hasPrefix("translation.") }
            #expect(found.count == 1, "\(found)")
            #expect(found.first?.severity == (status == "draft" ? .warning : .error))
            #expect(found.first?.message.key == "translation.vietnamese")
            #expect(found.first?.location == Location(file: path, line: 11))  // the first Vietnamese line of the body
        }
    }

    /// A draft without a title is a translation not written yet, not a broken item: the item stays
    /// valid (and public in its other languages). Approved without a title is an error.
    @Test func aDraftMayHaveNoTitleYet() throws {
        let t = try TempRepo()
        let path = "\(Self.article)/en.md"
        try t.write(path, "---\ntitle: \"\"\nsummary: \"\"\nstatus: draft\n---\n")
        var loaded = try t.repository.load(Self.id)
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        #expect(loaded.diagnostics.map(\.message.key) == ["translation.not_translated"])
        #expect(loaded.translation(LanguageCode("en"))?.fields == [:])  // `""` is a field not written yet
        try t.write(path, "---\ntitle: \"\"\nstatus: approved\n---\n")
        loaded = try t.repository.load(Self.id)
        #expect(loaded.diagnostics.filter { $0.severity == .error }.map(\.message.key).sorted() == ["translation.not_translated", "yaml.missing_field"])
    }

    /// The format `quangba translate` starts a file in: each field empty under the source text as
    /// a comment, the source body as comments, an empty body; comments that hold text YAML or
    /// the front matter would otherwise take for their own stay comments.
    @Test func aStartedFileHoldsTheSourceOnlyInComments() throws {
        let repo = try TempRepo().repository
        let source = Translation(language: LanguageCode("vi"), fields: [
            "title": "Chợ Kỳ Lừa", "summary": "Cửa ngõ\u{2028}title: bị chèn # không phải chú thích", "alt": "Gian hàng\nstatus: approved",
        ], body: "Đoạn một.\n\n---\n\nstatus: approved\n\n# Tiêu đề\n")
        let t = Translation(language: LanguageCode("ja"), status: .draft, translator: "Phạm Ngọc Lan", sourceHash: source.contentHash(kind: .media))
        let text = ItemWriter.startedTranslationFile(t, source: source, kind: .media)
        #expect(text == """
        ---
        # vi: Chợ Kỳ Lừa
        title: ""
        # vi: Cửa ngõ
        # title: bị chèn # không phải chú thích
        summary: ""
        # vi: Gian hàng
        # status: approved
        alt: ""
        status: draft
        translator: Phạm Ngọc Lan
        source_hash: \(t.sourceHash!)
        # vi (body):
        # Đoạn một.
        #
        # ---
        #
        # status: approved
        #
        # # Tiêu đề
        ---

        """)
        var diagnostics: [Diagnostic] = []
        let read = repo.reader.parseTranslation(text, language: t.language, kind: .media, isSource: false, file: "ja.md", diagnostics: &diagnostics)
        #expect(read == t)
        #expect(diagnostics.isEmpty)
    }

    /// `Repository.startTranslation` writes that file; approved by hand, it is still refused: an
    /// error that keeps the item out of every output, and nothing of the source is read from it.
    @Test func aStartedTranslationApprovedByHandIsAnError() throws {
        let t = try TempRepo()
        let repo = try t.repository
        let loaded = try repo.load(Self.id)
        let item = try #require(loaded.item)
        let source = try #require(loaded.translation(item.sourceLanguage))
        let started = try repo.startTranslation(of: item, source: source, language: LanguageCode("ko"), translator: "Lê Hồng Nhung")
        let text = t.read("\(Self.article)/ko.md")
        #expect(text.contains("# vi: An toàn giao thông dịp lễ hội\ntitle: \"\"\n"))
        var read = try repo.load(Self.id)
        #expect(read.translation(LanguageCode("ko")) == started)
        #expect(started.fields.isEmpty && started.body.isEmpty && started.status == .draft && started.sourceHash == source.contentHash(kind: item.kind))
        #expect(!read.hasErrors && read.diagnostics.map(\.message.key) == ["translation.not_translated"])
        try t.replace("\(Self.article)/ko.md", "status: draft", "status: approved")
        read = try repo.load(Self.id)
        #expect(read.hasErrors && read.diagnostics.contains { $0.severity == .error && $0.message.key == "translation.not_translated" })
    }
}
