import Foundation
import Testing
import QuangBaCore
@testable import QuangBaSite

/// Issue 16: a foreign page says who made a picture in its own language (or marks the
/// Vietnamese as Vietnamese), never puts © beside an open licence, and every download link
/// says which language its file is in.
@Suite(.serialized) struct LanguageOfCreditsAndFilesTests {
    static let foreign = ["en", "zh-Hans", "ja", "ko"].map(LanguageCode.init)
    /// The sample credit line as content/media/*/item.yaml gives it, per language.
    static let credit: [String: String] = [
        "vi": "Dữ liệu mẫu QuangBa (minh họa)", "en": "QuangBa sample data (illustration)",
        "zh-Hans": "QuangBa示例数据（插画）", "ja": "QuangBaサンプルデータ（イラスト）", "ko": "QuangBa 샘플 데이터(일러스트)",
    ]

    func itemPage(_ r: SampleRepo, _ kind: ItemKind, _ id: String, _ l: String) -> String {
        r.read(SitePaths.file(for: SitePaths.item(kind, ItemID(id)!, LanguageCode(l))))
    }

    /// The `<a … download>` elements of a page: their attributes as written and their text.
    func downloads(_ html: String) -> [(tag: String, text: String)] {
        let pattern = try! NSRegularExpression(pattern: "(<a [^>]*\\bdownload>)([^<]*)</a>")
        let ns = html as NSString
        return pattern.matches(in: html, range: NSRange(location: 0, length: ns.length)).map {
            (ns.substring(with: $0.range(at: 1)), ns.substring(with: $0.range(at: 2)))
        }
    }

    /// The part of `html` from `start` to the first `end` after it ("" when absent): the page's
    /// own content, not the header and footer other parts of the site may change.
    func part(_ html: String, _ start: String, _ end: String) -> String {
        guard let a = html.range(of: start), let b = html.range(of: end, range: a.upperBound..<html.endIndex) else { return "" }
        return String(html[a.lowerBound..<b.upperBound])
    }

    @Test func foreignMediaPagesAndTheGalleryGiveTheCreditInTheirLanguageWithoutCopyrightSign() throws {
        let r = try SampleRepo()
        try r.build()
        for l in Self.foreign {
            let page = part(itemPage(r, .media, "chua-tam-thanh", l.rawValue), "<article", "</article>")
            #expect(page.contains("<dd>\(Self.credit[l.rawValue]!)</dd>"), "\(l)")
            #expect(!page.contains("Dữ liệu mẫu"), "\(l)")
            // CC0 waives copyright: no © anywhere near it.
            #expect(page.contains("<a rel=\"license\" href=\"https://creativecommons.org/publicdomain/zero/1.0/\">CC0 1.0</a>"), "\(l)")
            #expect(!page.contains("©"), "\(l)")
            let gallery = part(r.read(SitePaths.file(for: SitePaths.listing(.media, l))), "<ul class=\"gallery\">", "</ul>")
            #expect(gallery.contains("<span class=\"credit\">\(Self.credit[l.rawValue]!)</span>"), "\(l)")
            #expect(!gallery.contains("Dữ liệu mẫu") && !gallery.contains("©"), "\(l)")
        }
        // The source language's page keeps its own credit, unmarked.
        #expect(itemPage(r, .media, "chua-tam-thanh", "vi").contains("<dd>Dữ liệu mẫu QuangBa (minh họa)</dd>"))
    }

    @Test func aKnownHolderIsNamedInThePageLanguage() throws {
        let r = try SampleRepo()
        try r.build()
        // ban-do-khu-kinh-te: all rights reserved, held by the province's people's committee
        // (quangba.yaml `holders: ubnd-tinh-lang-son`).
        // (The Vietnamese name inside the English one is marked as such, as every Vietnamese word on a foreign page.)
        let names = ["en": "<span lang=\"vi\">Lạng Sơn</span> Provincial People's Committee", "zh-Hans": "谅山省人民委员会", "ja": "ランソン省人民委員会", "ko": "랑선성 인민위원회"]
        for (l, name) in names {
            let page = part(itemPage(r, .media, "ban-do-khu-kinh-te", l), "<article", "</article>")
            let escaped = name.replacingOccurrences(of: "'", with: "&#39;")
            #expect([name, escaped, name.replacingOccurrences(of: "'", with: "&#x27;")].contains { page.contains("<span class=\"holder\">\($0)</span>") }, "\(l)")
            #expect(!page.contains("UBND") && !page.contains("Ủy ban"), "\(l)")
        }
    }

    @Test func aCreditOnlyInVietnameseIsMarkedAsVietnamese() throws {
        let r = try SampleRepo()
        for name in ["item.yaml", "item.approved.yaml"] {
            let path = "content/media/chua-tam-thanh/\(name)"
            let yaml = r.read(path, in: r.root)
            let start = try #require(yaml.range(of: "  credit:\n"))
            let end = try #require(yaml.range(of: "  licence:", range: start.upperBound..<yaml.endIndex))
            try r.write(path, yaml.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "  credit: Ảnh của Nông Văn Dũng\n"))
        }
        try r.build()
        for l in Self.foreign {
            #expect(itemPage(r, .media, "chua-tam-thanh", l.rawValue).contains("<dd lang=\"vi\">Ảnh của Nông Văn Dũng</dd>"), "\(l)")
            #expect(r.read(SitePaths.file(for: SitePaths.listing(.media, l))).contains("<span class=\"credit\" lang=\"vi\">Ảnh của Nông Văn Dũng</span>"), "\(l)")
        }
        #expect(itemPage(r, .media, "chua-tam-thanh", "vi").contains("<dd>Ảnh của Nông Văn Dũng</dd>"))
    }

    @Test func aPublicationOffersItsPageLanguageFileFirstAndNamesEveryFileLanguage() throws {
        let r = try SampleRepo()
        try r.build()
        let id = "cam-nang-dau-tu-tinh-lang-son-2026"
        let vi = "../../../files/\(id)/cam-nang-dau-tu-tinh-lang-son-2026.pdf"
        let en = "../../../files/\(id)/lang-son-investment-handbook-2026-en.pdf"
        // 89,022 bytes (Vietnamese, 7 pages) and 49,589 bytes (English, 3 pages).
        let expected: [String: [(href: String, lang: String, text: String)]] = [
            "en": [(en, "en", "Download (PDF, 50 kB, in English)"), (vi, "vi", "Download (PDF, 89 kB, in Vietnamese)")],
            "vi": [(vi, "vi", "Tải về (PDF, 89 kB, ngôn ngữ: Tiếng Việt)"), (en, "en", "Tải về (PDF, 50 kB, ngôn ngữ: Tiếng Anh)")],
            "ja": [(vi, "vi", "ダウンロード（PDF、89kB、ベトナム語）"), (en, "en", "ダウンロード（PDF、50kB、英語）")],
            "zh-Hans": [(vi, "vi", "下载（PDF，89kB，越南语）"), (en, "en", "下载（PDF，50kB，英语）")],
            "ko": [(vi, "vi", "다운로드 (PDF, 89 kB, 베트남어)"), (en, "en", "다운로드 (PDF, 50 kB, 영어)")],
        ]
        for (l, links) in expected {
            let page = itemPage(r, .publication, id, l)
            let found = downloads(page)
            #expect(found.count == links.count, "\(l): \(found)")
            for (f, e) in zip(found, links) {
                #expect(f.tag.contains("href=\"\(e.href)\"") && f.tag.contains("hreflang=\"\(e.lang)\"") && f.tag.contains("type=\"application/pdf\""), "\(l): \(f.tag)")
                #expect(f.text == e.text, "\(l): \(f.text)")
            }
        }
        // The English page's page count is its own document's.
        #expect(itemPage(r, .publication, id, "en").contains("<dd>3</dd>"))
        #expect(itemPage(r, .publication, id, "ja").contains("<dd>7</dd>"))
        // An item that attaches the handbook offers each reader the document in their language
        // if there is one, else the source language's, saying which.
        let event = "hoi-nghi-xuc-tien-dau-tu-tinh-lang-son-nam-2026"
        let attached = ["en": ("lang-son-investment-handbook-2026-en.pdf", "en", "Download (PDF, 50 kB, in English)"),
                        "ko": ("cam-nang-dau-tu-tinh-lang-son-2026.pdf", "vi", "다운로드 (PDF, 89 kB, 베트남어)")]
        for (l, (name, lang, label)) in attached {
            let found = downloads(part(itemPage(r, .event, event, l), "<section class=\"item-attachments\"", "</section>"))
            #expect(found.count == 1 && found[0].tag.contains("/\(name)\"") && found[0].tag.contains("hreflang=\"\(lang)\"") && found[0].text == label, "\(l): \(found)")
        }
        // Both documents are on the site, as they are in the item's folder.
        for name in ["cam-nang-dau-tu-tinh-lang-son-2026.pdf", "lang-son-investment-handbook-2026-en.pdf"] {
            let built = try Data(contentsOf: r.out.appendingPathComponent("files/\(id)/\(name)"))
            #expect(built == (try Data(contentsOf: r.root.appendingPathComponent("content/publication/\(id)/\(name)"))))
        }
    }

    @Test func aSingleFilePublicationStillBuildsAndSaysItsLanguage() throws {
        let r = try SampleRepo()
        let folder = "content/publication/cam-nang-dau-tu-tinh-lang-son-2026"
        for name in ["item.yaml", "item.approved.yaml"] {
            let yaml = r.read("\(folder)/\(name)", in: r.root)
            let start = try #require(yaml.range(of: "  files:\n"))
            try r.write("\(folder)/\(name)", String(yaml[..<start.lowerBound]))
        }
        try FileManager.default.removeItem(at: r.root.appendingPathComponent("\(folder)/lang-son-investment-handbook-2026-en.pdf"))
        try r.build()
        let found = downloads(itemPage(r, .publication, "cam-nang-dau-tu-tinh-lang-son-2026", "en"))
        #expect(found.count == 1)
        #expect(found.first?.tag.contains("hreflang=\"vi\"") == true && found.first?.text == "Download (PDF, 89 kB, in Vietnamese)")
        #expect(!FileManager.default.fileExists(atPath: r.out.appendingPathComponent("files/cam-nang-dau-tu-tinh-lang-son-2026/lang-son-investment-handbook-2026-en.pdf").path))
    }
}
