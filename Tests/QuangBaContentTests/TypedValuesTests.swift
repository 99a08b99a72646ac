import Foundation
import Testing
@testable import QuangBaContent
import QuangBaCore

/// The parsers of typed values (docs/content-format.md, "Numbers and dates"). Every expected
/// value is worked out by hand from what the editor meant: 2.900 tỷ = 2 900 × 10^9.
@Suite struct MoneyTextTests {
    static let accepted: [(String, Int64, Money.Currency)] = [
        // Whole amounts without a scale word, in hundredths.
        ("2900000000000 VND", 2_900_000_000_000_00, .VND),
        ("2.900.000.000.000 VND", 2_900_000_000_000_00, .VND),
        ("2 900 000 000 000 VND", 2_900_000_000_000_00, .VND),
        ("2\u{00A0}900\u{202F}000 VND", 2_900_000_00, .VND),
        ("2_900_000_000_000 vnd", 2_900_000_000_000_00, .VND),
        ("1,200,000 USD", 1_200_000_00, .USD),
        ("US$ 1,200,000", 1_200_000_00, .USD),
        ("2900000₫", 2_900_000_00, .VND),
        ("2.900.000đ", 2_900_000_00, .VND),
        ("25 000 000 dollars", 25_000_000_00, .USD),
        ("3 đô la Mỹ", 3_00, .USD),
        ("25_000_000 usd", 25_000_000_00, .USD),
        // Vietnamese scale words: "." groups, "," marks decimals.
        ("2.900 tỷ đồng", 2_900_000_000_000_00, .VND),
        ("2,9 nghìn tỷ đồng", 2_900_000_000_000_00, .VND),
        ("2,9 NGÀN TỶ VNĐ", 2_900_000_000_000_00, .VND),
        ("500 tỉ đồng", 500_000_000_000_00, .VND),
        ("120 triệu USD", 120_000_000_00, .USD),
        ("1,5 triệu USD", 1_500_000_00, .USD),
        ("0,125 tỷ đồng", 125_000_000_00, .VND),
        ("1.200,5 tỷ đồng", 1_200_500_000_000_00, .VND),
        ("1,23456789 triệu USD", 1_234_567_89, .USD),
        ("750 nghìn đồng", 750_000_00, .VND),
        // English scale words: "," groups, "." marks decimals.
        ("VND 2.9 trillion", 2_900_000_000_000_00, .VND),
        ("USD 1.5 million", 1_500_000_00, .USD),
        ("USD 1,200 million", 1_200_000_000_00, .USD),
        ("$2.5 million", 2_500_000_00, .USD),
        ("12.75 thousand USD", 12_750_00, .USD),
    ]

    @Test(arguments: accepted) func readsExactly(_ text: String, _ hundredths: Int64, _ currency: Money.Currency) throws {
        let p = try MoneyText.parse(text, field: "capital")
        #expect(p.hundredths == hundredths, "\(text)")
        #expect(p.money.currency == currency)
        // The stored number is the one meant, digit for digit.
        let whole = String(hundredths / 100), cents = hundredths % 100
        let expected = cents == 0 ? whole : whole + "." + (cents % 10 == 0 ? String(cents / 10) : (cents < 10 ? "0\(cents)" : "\(cents)"))
        #expect(DecimalRule.format(p.money.amount) == expected, "\(text)")
    }

    static let refused: [(String, String)] = [
        ("2.5 USD", "value.money_ambiguous"), ("12,5 USD", "value.money_ambiguous"), ("2.900 VND", "value.money_ambiguous"),
        ("1,200 USD", "value.money_ambiguous"), ("2.5 triệu USD", "value.money_ambiguous"), ("2,900 tỷ đồng", "value.money_ambiguous"),
        ("USD 1.250 million", "value.money_ambiguous"),
        ("1,200.50 USD", "value.money_mixed"), ("1.200,50 VND", "value.money_mixed"),
        ("2900000000000", "value.money_no_currency"), ("2,9 nghìn tỷ", "value.money_no_currency"),
        ("12 EUR", "value.money_unreadable"), ("1e300 VND", "value.money_unreadable"), ("-5 VND", "value.money_unreadable"),
        ("2 VND USD", "value.money_unreadable"), ("١٢ VND", "value.money_unreadable"), ("", "value.money_unreadable"),
        ("2.900 tỷ đồng.", "value.money_unreadable"),
        ("1,20,000 USD", "value.money_bad_grouping"), ("1 2 VND", "value.money_bad_grouping"), ("2.50.000 triệu đồng", "value.money_bad_grouping"),
        ("0 VND", "value.money_out_of_range"), ("1.000.000 tỷ đồng", "value.money_out_of_range"), ("10000000000000000 VND", "value.money_out_of_range"),
        ("1.000.000.000.000 nghìn USD", "value.money_out_of_range"),
        // 999 999 999 999 999.99 has 17 digits: a double would round it.
        ("999.999.999.999,99999 nghìn USD", "value.money_out_of_range"),
        ("1,234567891 triệu đồng", "value.money_too_precise"),
    ]

    @Test(arguments: refused) func refusesWhatCouldBeGuessed(_ text: String, _ key: String) {
        do {
            let p = try MoneyText.parse(text, field: "capital")
            Issue.record("\(text) read as \(p.hundredths)")
        } catch let e as QuangBaError {
            #expect(e.message.key == key, "\(text): \(e.message)")
            #expect(e.message.args["forms"]?.contains("2.900 tỷ đồng = 2 900 000 000 000 VND") == true)
        } catch { Issue.record("\(error)") }
    }

    @Test func ambiguityShowsBothReadings() throws {
        do { _ = try MoneyText.parse("2.5 triệu USD", field: "capital"); Issue.record("accepted") } catch let e as QuangBaError {
            #expect(e.message.args["whole"] == "25 000 000 USD")
            #expect(e.message.args["decimal"] == "2 500 000 USD")
        }
    }

    @Test func readsBackInTheEditorsLanguage() {
        let m = Money(amount: 2_900_000_000_000, currency: .VND)
        #expect(MoneyText.readBack(m, language: LanguageCode("vi")) == "2 900 000 000 000 VND (2.900 tỷ đồng)")
        #expect(MoneyText.readBack(m, language: LanguageCode("en")) == "2 900 000 000 000 VND (VND 2.9 trillion)")
        #expect(MoneyText.readBack(Money(amount: 1_500_000, currency: .USD), language: LanguageCode("vi")) == "1 500 000 USD (1,5 triệu USD)")
        // 1,234 tỷ would be refused as ambiguous: the read-back takes triệu instead.
        #expect(MoneyText.readBack(Money(amount: 1_234_000_000, currency: .VND), language: LanguageCode("vi")) == "1 234 000 000 VND (1.234 triệu đồng)")
        #expect(MoneyText.readBack(Money(amount: 950, currency: .USD), language: LanguageCode("en")) == "950 USD")
    }

    /// Whatever the amount, the scaled read-back is a form the parser reads as the same amount.
    @Test func readBackParsesToTheSameAmount() throws {
        var x: UInt64 = 0x9E3779B97F4A7C15
        for i in 0..<3000 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            let digits = 1 + Int(x >> 60) % 15
            var hundredths = Int64((x >> 8) % UInt64(pow(10, Double(digits))))
            if i % 3 == 0 { hundredths -= hundredths % 100 }
            guard hundredths > 0, hundredths < 100_000_000_000_000_000 else { continue }
            let text = String(hundredths / 100) + (hundredths % 100 == 0 ? "" : "." + String(format: "%02d", hundredths % 100))
            guard let amount = DecimalRule.amount.accept(text) else { continue }
            for lang in ["vi", "en"] {
                for currency in Money.Currency.allCases {
                    let shown = MoneyText.readBack(Money(amount: amount, currency: currency), language: LanguageCode(lang))
                    guard let open = shown.firstIndex(of: "(") else { continue }
                    let scaled = String(shown[shown.index(after: open)..<shown.index(before: shown.endIndex)])
                    let p = try MoneyText.parse(scaled, field: "capital")
                    #expect(p.hundredths == hundredths && p.money.currency == currency, "\(shown)")
                }
            }
        }
    }
}

@Suite struct TypedValueTests {
    @Test func decimalsTakeEitherMark() throws {
        for (text, value) in [("46,5", 46.5), ("46.5", 46.5), ("1 234,5", 1234.5), ("1_234.5", 1234.5), ("0,125", 0.125), ("1234", 1234.0),
                              ("1,2340", 1.234), ("1.2340", 1.234), ("  7,25 ", 7.25)] {
            #expect(try TypedValue.decimal(text, .areaHa, field: "area_ha") == value, "\(text)")
        }
        for (text, key) in [("1.234", "value.decimal_ambiguous"), ("1,234", "value.decimal_ambiguous"), ("46,55555", "value.bad_decimal"),
                            ("1,5,6", "value.bad_decimal"), ("1.234,5", "value.bad_decimal"), ("1e3", "value.bad_decimal"), ("-3", "value.bad_decimal"),
                            ("10000000", "value.bad_decimal"), ("0", "value.bad_decimal"), ("", "value.bad_decimal"), ("12 34", "value.bad_decimal"),
                            ("inf", "value.bad_decimal"), ("0x1p3", "value.bad_decimal"), ("46,", "value.bad_decimal")] {
            #expect(throws: QuangBaError.self, "\(text)") { try TypedValue.decimal(text, .areaHa, field: "area_ha") }
            do { _ = try TypedValue.decimal(text, .areaHa, field: "area_ha") } catch let e as QuangBaError { #expect(e.message.key == key, "\(text)") }
        }
        // In item.yaml "." is the decimal point QuangBa writes: 1.234 there is one and a bit.
        #expect(try TypedValue.storedDecimal("1.234", .areaHa, field: "area_ha") == 1.234)
        #expect(try TypedValue.storedDecimal("46,5", .areaHa, field: "area_ha") == 46.5)
    }

    @Test func instantsWithAnOffsetAreStoredInUTC() throws {
        for (text, utc) in [("2026-05-01T08:30:00+07:00", "2026-05-01T01:30:00Z"), ("2026-05-01T08:30+07:00", "2026-05-01T01:30:00Z"),
                            ("2026-05-01 08:30 +0700", "2026-05-01T01:30:00Z"), ("2026-05-01T08:30:00+07", "2026-05-01T01:30:00Z"),
                            ("2026-05-01T01:30:00Z", "2026-05-01T01:30:00Z"), ("2026-05-01t01:30z", "2026-05-01T01:30:00Z"),
                            ("2026-05-01", "2026-05-01T00:00:00Z"), ("01/05/2026", "2026-05-01T00:00:00Z"),
                            ("2026-05-01T00:30:00+07:00", "2026-04-30T17:30:00Z"), ("2026-01-01T05:00:00+07:00", "2025-12-31T22:00:00Z"),
                            ("2026-05-01T08:30:00-05:00", "2026-05-01T13:30:00Z"), ("ngày 10 tháng 6 năm 2025 08:30 +07:00", "2025-06-10T01:30:00Z"),
                            ("29/02/2024", "2024-02-29T00:00:00Z")] {
            #expect(try TypedValue.instant(text, field: "taken").description == utc, "\(text)")
        }
        for (text, key) in [("2026-05-01 08:30", "value.time_needs_offset"), ("10/06/2025 08:30", "value.time_needs_offset"),
                            ("31/02/2026", "value.no_such_day"), ("2026-02-29", "value.no_such_day"), ("2026-13-01", "value.no_such_day"),
                            ("06/31/2025", "value.no_such_day"), ("0000-01-01", "value.no_such_day"), ("2026-05-01T24:00:00Z", "value.bad_time"),
                            ("2026-05-01T08:30:00.5Z", "value.bad_time"), ("2026-05-01T08:30+15:00", "value.bad_time"), ("mai", "value.bad_time"),
                            ("2200-01-01", "yaml.time_out_of_range")] {
            do { let t = try TypedValue.instant(text, field: "taken"); Issue.record("\(text) read as \(t)") } catch let e as QuangBaError {
                #expect(e.message.key == key, "\(text): \(e.message)")
            }
        }
        // 1799-12-31T23:00-02:00 is 1800-01-01T01:00Z: inside the range, so accepted.
        #expect(try TypedValue.instant("1799-12-31T23:00:00-02:00", field: "taken").description == "1800-01-01T01:00:00Z")
        #expect(throws: QuangBaError.self) { try TypedValue.instant("1800-01-01T01:00:00+02:00", field: "taken") }
    }

    @Test func daysAreDayFirst() throws {
        for text in ["10/06/2025", "10-06-2025", "10.06.2025", "ngày 10 tháng 6 năm 2025", "Ngày 10 Tháng 06 Năm 2025", "2025-06-10"] {
            #expect(try TypedValue.day(text, field: "decision_date") == "2025-06-10", "\(text)")
        }
        #expect(try TypedValue.day("1/6/2025", field: "decision_date") == "2025-06-01")
        for (text, key) in [("2025-06-10T08:00:00Z", "value.bad_day"), ("31/02/2026", "value.no_such_day"), ("1799-12-31", "yaml.time_out_of_range"),
                            ("10/06/25", "value.bad_day"), ("10/06-2025", "value.bad_day")] {
            do { _ = try TypedValue.day(text, field: "decision_date"); Issue.record("\(text) accepted") } catch let e as QuangBaError {
                #expect(e.message.key == key, "\(text): \(e.message)")
            }
        }
    }

    static let config = RepositoryConfig.parse("""
        province: {vi: {name: Lạng Sơn}}
        base_url: https://example.gov.vn/
        languages:
          - {code: vi, name: Tiếng Việt, source: true}
          - {code: en, name: English}
        units:
          so-vhttdl: {vi: "Sở Văn hóa, Thể thao và Du lịch", en: "Department of Culture, Sports and Tourism"}
        topics:
          van-hoa: {vi: Văn hóa, en: Culture}
          fdi: {vi: Đầu tư nước ngoài, en: FDI}
        localities:
          cao-loc: {vi: Cao Lộc, en: Cao Loc District}
          tt-cao-loc: {vi: Thị trấn Cao Lộc, en: Cao Lộc}
          dong-dang: Đồng Đăng
        """).0

    @Test func codesByNameInAnyLanguage() throws {
        let c = Self.config
        for (text, list, code) in [("VĂN HOÁ", c.topics, "van-hoa"), ("văn hóa", c.topics, "van-hoa"), ("van hoa", c.topics, "van-hoa"),
                                   ("Culture", c.topics, "van-hoa"), ("FDI", c.topics, "fdi"), ("đầu tư nước ngoài", c.topics, "fdi"),
                                   ("sở văn hoá, thể thao và du lịch", c.units, "so-vhttdl"), ("SO-VHTTDL", c.units, "so-vhttdl"),
                                   ("Đồng   Đăng", c.localities, "dong-dang"), ("dong dang", c.localities, "dong-dang"),
                                   ("thị trấn cao lộc", c.localities, "tt-cao-loc"), ("Cao Loc District", c.localities, "cao-loc")] {
            #expect(try TypedValue.code(text, in: list, field: "f") == code, "\(text)")
        }
        // "Cao Lộc" is the district's Vietnamese name and the town's English one: refused, both named.
        do { _ = try TypedValue.code("Cao Lộc", in: c.localities, field: "locality"); Issue.record("accepted") } catch let e as QuangBaError {
            #expect(e.message.key == "value.code_ambiguous")
            #expect(e.message.args["codes"]?.contains("cao-loc") == true && e.message.args["codes"]?.contains("tt-cao-loc") == true)
        }
        do { _ = try TypedValue.code("Lộc Bình", in: c.localities, field: "locality"); Issue.record("accepted") } catch let e as QuangBaError {
            #expect(e.message.key == "yaml.unknown_code")
            #expect(e.message.args["known"]?.contains("dong-dang (Đồng Đăng)") == true)
        }
    }

    @Test func choicesByCodeOrName() throws {
        #expect(try TypedValue.choice("FDI", InvestmentForm.self, field: "form") == .fdi)
        #expect(try TypedValue.choice("Joint Venture", InvestmentForm.self, field: "form") == .jointVenture)
        #expect(try TypedValue.choice("joint_venture", InvestmentForm.self, field: "form") == .jointVenture)
        let names = ["joint-venture": ["Liên doanh", "Joint venture"], "fdi": ["Đầu tư trực tiếp nước ngoài"]]
        #expect(try TypedValue.choice("liên doanh", InvestmentForm.self, names: names, field: "form") == .jointVenture)
        #expect(try TypedValue.choice("ĐẦU TƯ TRỰC TIẾP NƯỚC NGOÀI", InvestmentForm.self, names: names, field: "form") == .fdi)
        #expect(throws: QuangBaError.self) { try TypedValue.choice("liên doanh", InvestmentForm.self, field: "form") }
        #expect(try TypedValue.choice("PUBLIC", Classification.self, field: "classification") == .public)
    }
}
