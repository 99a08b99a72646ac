import Testing
@testable import QuangBaText

@Suite struct SearchQueryTests {
    let t = SearchTokenizer()

    @Test func quotedPhraseBecomesOneFTSPhrase() {
        #expect(t.matchExpression("\"Mẫu Sơn\"", language: "vi") == "\"mau son\"")
        #expect(t.matchExpression("“Mẫu Sơn” Lạng", language: "vi") == "\"mau son\" AND \"lang\"")
        // An unclosed quotation runs to the end of the query.
        #expect(t.matchExpression("đền \"Bắc Lệ", language: "vi") == "\"den\" AND \"bac le\"")
        #expect(t.matchExpression("\"\"", language: "vi") == nil)
    }

    /// A CJK run is a phrase of its pairs, as the index stores them: 谅山 then 山省, adjacent.
    @Test func cjkRunIsAPhraseOfPairs() {
        #expect(t.matchExpression("谅山省", language: "zh-Hans") == "\"谅山 山省\"")
        // Inside a quoted phrase, the run's last character stays when the phrase goes on after it.
        #expect(t.matchExpression("\"谅山 tỉnh\"", language: "zh-Hans") == "\"谅山 山 tinh\"")
        #expect(t.matchExpression("\"tỉnh 谅\"", language: "zh-Hans") == "\"tinh 谅\"*")
    }

    @Test func queryGroupsKeepTheTypedMarks() {
        let q = SearchQuery("Mẫu son \"Lạng Sơn\" 谅山")
        #expect(q.groups.map { $0.map(\.folded) } == [["mau"], ["son"], ["lang", "son"], ["谅", "山"]])
        #expect(q.groups[0][0].marks != nil)
        #expect(q.groups[1][0].marks == nil)  // typed without marks: any marks match
        // Đ is a letter of its own: typed, it asks for đ.
        #expect(SearchQuery("Đa").groups[0][0].marks != nil && SearchQuery("Da").groups[0][0].marks == nil)
    }
}

@Suite struct SearchRankerTests {
    let r = SearchRanker()

    @Test func typedDiacriticsBeatPhraseWithoutThem() {
        let q = SearchQuery("Mẫu Sơn")
        let name = r.evaluate(q, title: "", text: "Khu du lịch Mẫu Sơn.").score
        let apart = r.evaluate(q, title: "", text: "Hoa mẫu đơn nở rộ khắp các bản làng vùng cao xứ Lạng Sơn.").score
        let paint = r.evaluate(q, title: "", text: "Thợ chọn màu sơn cho nhà.").score
        let neither = r.evaluate(q, title: "", text: "Sắc màu khắp các chợ phiên vùng cao xứ Lạng Sơn.").score
        #expect(name < apart && apart < paint && paint < neither)
        #expect(name.exactPhrase && apart.exactWords && !apart.phrase && paint.phrase && !paint.exactWords)
        // Letter case is not a diacritic.
        #expect(r.evaluate(q, title: "", text: "MẪU SƠN").score.exactPhrase)
    }

    @Test func closeWordsBeatFarWords() {
        let q = SearchQuery("chợ phiên")
        let close = r.evaluate(q, title: "", text: "Phiên chợ vùng cao.").score
        let far = r.evaluate(q, title: "", text: "Chợ Đông Kinh mở cửa cả ngày; ở các huyện vùng cao có phiên họp.").score
        #expect(close < far)
        #expect(close.near && !far.near)
    }

    @Test func titleMatchCounts() {
        let q = SearchQuery("phở chua")
        let inTitle = r.evaluate(q, title: "Phở chua", text: "Món ăn nguội: phở chua.").score
        let notInTitle = r.evaluate(q, title: "Ẩm thực", text: "Món ăn nguội: phở chua.").score
        #expect(inTitle < notInTitle && inTitle.inTitle && !notInTitle.inTitle)
    }

    @Test func snippetMarksMatchesAndCutsAtWords() {
        let q = SearchQuery("\"Lạng Sơn\"")
        let text = "Mở đầu. " + String(repeating: "Một câu khá dài để lấp chỗ trống. ", count: 10) + "Tỉnh Lạng Sơn giáp Trung Quốc. "
            + String(repeating: "Câu sau cũng dài như vậy. ", count: 10)
        let s = r.evaluate(q, title: "", text: text, snippetWidth: 80).snippet
        #expect(s.matches == ["Lạng", "Sơn"])
        #expect(s.plain.hasPrefix("…") && s.plain.hasSuffix("…"))
        #expect(s.plain.contains("Tỉnh Lạng Sơn giáp Trung Quốc."))
        // No match in the text (only in the title): the text's beginning.
        let start = r.evaluate(q, title: "Lạng Sơn", text: "Giới thiệu chung.").snippet
        #expect(start.plain == "Giới thiệu chung." && start.matches.isEmpty)
    }
}
