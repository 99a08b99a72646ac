import Foundation
import Testing
import QuangBaCore
@testable import QuangBaSite

/// The site's amounts and counts in the five languages, with the real locale files: what a
/// reader of each language expects to read (written by hand).
@Suite struct MoneyAndCountTests {
    static let languages = ["vi", "en", "zh-Hans", "ja", "ko"].map { LanguageCode($0) }
    static let strings = try! UIStrings.load(folder: SampleRepo.package.appendingPathComponent("locales"), languages: languages, templateKeys: [])

    func money(_ language: String) -> (Double, Money.Currency) -> String {
        let fmt = Formats(strings: Self.strings[LanguageCode(language)]!)
        return { fmt.money(Money(amount: $0, currency: $1)) }
    }

    /// 3.4 and 2.1 trillion đồng, exact trillions, a few hundred billion, an uneven amount,
    /// below one tỷ; 50 and 120 million, 1.5 billion and 500,000 dollars.
    @Test func amountsInEveryLanguage() {
        let cases: [(Double, Money.Currency, vi: String, en: String, zh: String, ja: String, ko: String)] = [
            (3_400_000_000_000, .VND, "3.400 tỷ đồng", "VND 3.4 trillion", "3.4万亿越南盾", "3兆4,000億ドン", "3조 4,000억 동"),
            (2_100_000_000_000, .VND, "2.100 tỷ đồng", "VND 2.1 trillion", "2.1万亿越南盾", "2兆1,000億ドン", "2조 1,000억 동"),
            (1_000_000_000_000, .VND, "1.000 tỷ đồng", "VND 1 trillion", "1万亿越南盾", "1兆ドン", "1조 동"),
            (5_000_000_000_000, .VND, "5.000 tỷ đồng", "VND 5 trillion", "5万亿越南盾", "5兆ドン", "5조 동"),
            (300_000_000_000, .VND, "300 tỷ đồng", "VND 300 billion", "3,000亿越南盾", "3,000億ドン", "3,000억 동"),
            (290_000_000_000, .VND, "290 tỷ đồng", "VND 290 billion", "2,900亿越南盾", "2,900億ドン", "2,900억 동"),
            (1_234_500_000_000, .VND, "1.234,5 tỷ đồng", "VND 1,234.5 billion", "1.23万亿越南盾", "1兆2,345億ドン", "1조 2,345억 동"),
            (8_500_000_000, .VND, "8,5 tỷ đồng", "VND 8.5 billion", "85亿越南盾", "85億ドン", "85억 동"),
            (500_000_000, .VND, "500 triệu đồng", "VND 500 million", "5亿越南盾", "5億ドン", "5억 동"),
            (50_000_000, .USD, "50 triệu USD", "USD 50 million", "5,000万美元", "5,000万ドル", "5,000만 달러"),
            (120_000_000, .USD, "120 triệu USD", "USD 120 million", "1.2亿美元", "1億2,000万ドル", "1억 2,000만 달러"),
            (25_000_000, .USD, "25 triệu USD", "USD 25 million", "2,500万美元", "2,500万ドル", "2,500만 달러"),
            (1_500_000_000, .USD, "1,5 tỷ USD", "USD 1.5 billion", "15亿美元", "15億ドル", "15억 달러"),
            (500_000, .USD, "500.000 USD", "USD 500,000", "50万美元", "50万ドル", "50만 달러"),
        ]
        let (vi, en, zh, ja, ko) = (money("vi"), money("en"), money("zh-Hans"), money("ja"), money("ko"))
        for c in cases {
            #expect(vi(c.0, c.1) == c.vi)
            #expect(en(c.0, c.1) == c.en)
            #expect(zh(c.0, c.1) == c.zh)
            #expect(ja(c.0, c.1) == c.ja)
            #expect(ko(c.0, c.1) == c.ko)
        }
    }

    @Test func countsTakeThePluralFormOfTheLanguage() {
        let en = Self.strings[LanguageCode("en")]!, ja = Self.strings[LanguageCode("ja")]!, vi = Self.strings[LanguageCode("vi")]!
        #expect(en.format("items_count", count: 1) == "1 item")
        #expect(en.format("items_count", count: 0) == "0 items")
        #expect(en.format("items_count", count: 2) == "2 items")
        #expect(en.format("items_count", count: 1_200) == "1,200 items")
        #expect(en.format("filter_count", count: 1, ["total": "8"]) == "1 project of 8 shown")
        #expect(en.format("filter_count", count: 3, ["total": "8"]) == "3 projects of 8 shown")
        #expect(ja.format("items_count", count: 1) == "1件")
        #expect(vi.format("items_count", count: 1_200) == "1.200 mục")
        #expect(en.pluralForms("items_count").map(\.text) == ["{n} item", "{n} items"])
        #expect(ja.pluralForms("items_count").map(\.text) == ["{n}件"])
    }

    /// A label's colon: full-width and unspaced after Chinese and Japanese.
    @Test func labelColonPerLanguage() {
        #expect(Self.strings[LanguageCode("zh-Hans")]!["label_colon"] == "：")
        #expect(Self.strings[LanguageCode("ja")]!["label_colon"] == "：")
        #expect(Self.strings[LanguageCode("en")]!["label_colon"] == ": ")
        #expect(Self.strings[LanguageCode("ko")]!["label_colon"] == ": ")
    }

    /// A count needs exactly the forms the language has: English without `one` and Japanese
    /// with a `one` it never uses are both refused, each named with its file.
    @Test func pluralFormsAreCheckedAgainstTheLanguage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qb-plurals-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: SampleRepo.package.appendingPathComponent("locales"), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let edit = { (file: String, change: (String) -> String) in
            let url = folder.appendingPathComponent(file)
            try Data(change(try String(contentsOf: url, encoding: .utf8)).utf8).write(to: url)
        }
        try edit("en.yaml") { $0.replacingOccurrences(of: "  one: \"{n} item\"\n", with: "") }
        try edit("ja.yaml") { $0.replacingOccurrences(of: "  other: \"{n}件\"\n", with: "  one: \"{n}件\"\n  other: \"{n}件\"\n") }
        do {
            _ = try UIStrings.load(folder: folder, languages: Self.languages, templateKeys: [])
            Issue.record("the plural forms should have been refused")
        } catch let e as QuangBaError {
            #expect(e.diagnostics.contains { $0.location.file == "locales/en.yaml" && $0.message.args["key"] == "items_count: one" })
            #expect(e.diagnostics.contains { $0.location.file == "locales/ja.yaml" && $0.message.args["field"] == "items_count: one" })
            #expect(e.diagnostics.count == 2, "\(e.diagnostics)")
        }
    }

    /// A form under a name that is no CLDR category, or no `other`, is refused with its line.
    @Test func pluralFormsNeedKnownCategoriesAndOther() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qb-plurals-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: SampleRepo.package.appendingPathComponent("locales"), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("ko.yaml")
        let ko = try String(contentsOf: url, encoding: .utf8)
        try Data(ko.replacingOccurrences(of: "  other: \"{n}건\"\n", with: "  lots: \"{n}건\"\n").utf8).write(to: url)
        do {
            _ = try UIStrings.load(folder: folder, languages: Self.languages, templateKeys: [])
            Issue.record("the plural forms should have been refused")
        } catch let e as QuangBaError {
            let ko = e.diagnostics.filter { $0.location.file == "locales/ko.yaml" }
            #expect(ko.contains { $0.message.key == "yaml.unknown_field" && $0.message.args["field"] == "lots" && $0.location.line != nil })
            #expect(ko.contains { $0.message.key == "yaml.missing_field" && $0.message.args["field"] == "items_count: other" })
        }
    }
}

/// The built project listing: the filter's capital ranges in each language's units, and the
/// forms of its live count for the page's script.
@Suite(.serialized) struct ProjectListingNumberTests {
    @Test func capitalRangesAndCountForms() throws {
        let r = try SampleRepo()
        try r.build()
        let ja = r.read("ja/projects/index.html"), zh = r.read("zh-hans/projects/index.html"), ko = r.read("ko/projects/index.html")
        let en = r.read("en/projects/index.html"), vi = r.read("vi/projects/index.html")
        // The wind farm (3.4 trillion đồng) has no Japanese or Korean text: no "3兆ドン以上" there.
        for label in ["1兆ドン未満", "1兆ドン〜3兆ドン", "5,000万ドル未満", "2兆8,000億ドン", "2兆1,000億ドン", "9,500億ドン", "4,000万ドル"] {
            #expect(ja.contains(label), "\(label)")
        }
        for label in ["低于1万亿越南盾", "1万亿越南盾至3万亿越南盾", "3万亿越南盾及以上", "低于5,000万美元", "3.4万亿越南盾", "2.8万亿越南盾", "9,500亿越南盾", "2,500万美元"] {
            #expect(zh.contains(label), "\(label)")
        }
        for label in ["1조 동 미만", "1조 동~3조 동", "5,000만 달러 미만", "2조 8,000억 동", "1조 2,000억 동", "2,500억 동"] {
            #expect(ko.contains(label), "\(label)")
        }
        for label in ["under VND 1 trillion", "VND 1 trillion to VND 3 trillion", "VND 3 trillion or more", "under USD 50 million", "VND 950 billion"] {
            #expect(en.contains(label), "\(label)")
        }
        #expect(vi.contains("dưới 1.000 tỷ đồng") && vi.contains("3.400 tỷ đồng") && vi.contains("40 triệu USD"))
        #expect(!ja.contains("10,000億") && !zh.contains("34,000亿") && !ko.contains("21,000억"))
        #expect(en.contains(#"data-count-one="{n} project of {total} shown" data-count-other="{n} projects of {total} shown""#))
        #expect(ja.contains(#"data-count-other="全{total}件中{n}件を表示""#) && !ja.contains("data-count-one"))
    }
}
