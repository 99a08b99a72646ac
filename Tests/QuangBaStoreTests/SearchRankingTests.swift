import Foundation
import Testing
import QuangBaContent
import QuangBaCore
import QuangBaText
@testable import QuangBaStore

/// A repository of a few short articles written for these tests, in place of the fixture's
/// content: what each text holds is known word by word.
final class SearchCorpus {
    let repo = try! IndexedRepo()

    init(_ articles: [(id: String, title: String, body: String, zh: (title: String, body: String)?)]) throws {
        let content = repo.root.appendingPathComponent("content")
        try FileManager.default.removeItem(at: content)
        for a in articles {
            let folder = content.appendingPathComponent("article/\(a.id)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try """
                kind: article
                source_language: vi
                created: 2026-11-22T00:06:25Z
                updated: 2026-11-22T00:06:26Z
                author: Nông Văn Minh
                state: published
                classification: public
                published: 2026-11-22T00:06:26Z
                unit: van-phong

                """.write(to: folder.appendingPathComponent("item.yaml"), atomically: true, encoding: .utf8)
            try "---\ntitle: \(a.title)\n---\n\n\(a.body)\n".write(to: folder.appendingPathComponent("vi.md"), atomically: true, encoding: .utf8)
            if let zh = a.zh {
                try "---\ntitle: \(zh.title)\nstatus: draft\n---\n\n\(zh.body)\n"
                    .write(to: folder.appendingPathComponent("zh-Hans.md"), atomically: true, encoding: .utf8)
            }
        }
    }

    func search(_ q: String, _ lang: String? = "vi") throws -> [SearchHit] {
        let index = try repo.index()
        try index.sync()
        return try index.search(q, language: lang.map(LanguageCode.init))
    }
}

@Suite struct SearchRankingTests {
    static func corpus() throws -> SearchCorpus {
        try SearchCorpus([
            // The mountain, by its name.
            ("nui", "Khu du lịch trên núi", "Khu du lịch Mẫu Sơn nằm ở độ cao hơn 1.500 mét, quanh năm mát mẻ.", nil),
            // "mẫu" (in mẫu đơn, a flower) and "Sơn" (in Lạng Sơn) far apart: both words as typed, not the name.
            ("hoa", "Vườn hoa mùa xuân", "Vườn hoa mẫu đơn nở rộ vào mùa xuân ở nhiều nơi trong vùng núi cao. Du khách đến Lạng Sơn thường ghé thăm.", nil),
            // "màu sơn" (paint colour): the same letters as the name without its diacritics, together.
            ("nha", "Nhà sàn mới", "Thợ chọn màu sơn cho ngôi nhà sàn mới của bản.", nil),
            // "màu" and "Sơn" apart.
            ("cho", "Sắc màu chợ phiên", "Chợ phiên vùng cao rực rỡ sắc màu từ sáng sớm. Người dân khắp Lạng Sơn mang hàng về chợ.", nil),
            ("pho", "Phở chua", "Món phở chua ăn nguội, không có nước dùng.", nil),
        ])
    }

    @Test func diacriticsAsTypedRankFirst() throws {
        let c = try Self.corpus()
        let hits = try c.search("Mẫu Sơn")
        // Found without diacritics: every text with both words, and only those.
        #expect(Set(hits.map(\.id)) == ["nui", "hoa", "nha", "cho"])
        // The name as typed, then both words as typed, then the phrase without its diacritics, then the rest.
        #expect(hits.map(\.id) == ["nui", "hoa", "nha", "cho"])
        #expect(hits[0].score.exactPhrase && !hits[1].score.exactPhrase && hits[1].score.exactWords)
        #expect(!hits[2].score.exactWords && hits[2].score.phrase)
    }

    @Test func quotedPhraseNeedsTheWordsTogetherAndInOrder() throws {
        let c = try Self.corpus()
        #expect(try c.search("\"Mẫu Sơn\"").map(\.id) == ["nui", "nha"])
        #expect(try c.search("“mẫu sơn”").map(\.id) == ["nui", "nha"])
        // In the other order the words are nowhere together.
        #expect(try c.search("\"Sơn Mẫu\"").isEmpty)
        // A phrase and a loose word together.
        #expect(try c.search("\"màu sơn\" bản").map(\.id) == ["nha"])
    }

    @Test func wordsTogetherRankAboveWordsApart() throws {
        let c = try Self.corpus()
        // Typed without diacritics: no version is preferred for its marks; the two with the words
        // together come before the two with them apart.
        let hits = try c.search("mau son")
        #expect(hits.count == 4)
        #expect(Set(hits.prefix(2).map(\.id)) == ["nui", "nha"])
        #expect(hits.prefix(2).allSatisfy { $0.score.phrase } && hits.suffix(2).allSatisfy { !$0.score.phrase })
    }

    @Test func snippetShowsTheMatchAsWritten() throws {
        let c = try Self.corpus()
        let hits = try c.search("Mẫu Sơn")
        let nui = try #require(hits.first { $0.id == "nui" })
        #expect(nui.snippet.plain == "Khu du lịch Mẫu Sơn nằm ở độ cao hơn 1.500 mét, quanh năm mát mẻ.")
        #expect(nui.snippet.matches == ["Mẫu", "Sơn"])
        // Words matched without their diacritics are marked too, as they are written.
        let cho = try #require(hits.first { $0.id == "cho" })
        #expect(cho.snippet.matches.contains("màu") && cho.snippet.matches.contains("Sơn"))
        #expect(nui.state == "published")
    }

    /// A long text is cut around the match, at word boundaries, with "…" where it is cut.
    @Test func longTextIsCutAroundTheMatch() throws {
        let filler = Array(repeating: "Đường lên núi quanh co qua nhiều bản làng người Dao.", count: 20).joined(separator: " ")
        let c = try SearchCorpus([("dai", "Một bài dài", filler + " Đỉnh Mẫu Sơn có nhiều biệt thự cổ. " + filler, nil)])
        let hit = try #require(try c.search("\"Mẫu Sơn\"").first)
        #expect(hit.snippet.plain.hasPrefix("…") && hit.snippet.plain.hasSuffix("…"))
        #expect(hit.snippet.plain.contains("Đỉnh Mẫu Sơn có nhiều biệt thự cổ"))
        #expect(hit.snippet.plain.count < 200)
        #expect(hit.snippet.matches == ["Mẫu", "Sơn"])
    }

    /// Chinese has no spaces: a run of characters must occur as written, not as pairs found apart.
    @Test func cjkRunMustOccurAsWritten() throws {
        let c = try SearchCorpus([
            ("tinh", "Tỉnh Lạng Sơn", "Giới thiệu tỉnh.", ("谅山省", "谅山省位于越南东北部。")),
            // Holds 谅山 and 山省 (in 高山省) but not 谅山省.
            ("thanh-pho", "Thành phố", "Giới thiệu thành phố.", ("谅山市", "谅山市与高山省不同。")),
        ])
        #expect(try c.search("谅山省", "zh-Hans").map(\.id) == ["tinh"])
        let both = try c.search("谅山", "zh-Hans")
        #expect(Set(both.map(\.id)) == ["tinh", "thanh-pho"])
        let tinh = try #require(try c.search("谅山省", "zh-Hans").first)
        #expect(tinh.snippet.matches.joined() == "谅山省")
        #expect(tinh.language == "zh-Hans")
    }
}
