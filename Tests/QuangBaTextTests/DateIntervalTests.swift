import Testing
import QuangBaCore
@testable import QuangBaText

/// Ranges of dates and hours as the five languages write them (ICU date-interval formatting),
/// and local times with the province's offset.
@Suite struct DateIntervalTests {
    static func t(_ s: String) -> Timestamp { Timestamp(parsing: s)! }

    /// Days within one month: the month and year once, the days joined the language's way.
    /// English and Vietnamese put thin spaces (U+2009) around the en dash: CLDR's data since
    /// version 42 (ICU 72) does so in ranges of days, a typographer's choice, not an error;
    /// Chinese writes 至 ("to"), Japanese a full-width wave dash ～, Korean a plain tilde.
    @Test func daysOfOneMonth() {
        let from = Self.t("2027-01-08T01:00:00Z"), to = Self.t("2027-01-14T10:00:00Z")
        let expected: [String: String] = [
            "vi": "8\u{2009}–\u{2009}14 tháng 1, 2027",
            "en": "January 8\u{2009}–\u{2009}14, 2027",
            "zh-Hans": "2027年1月8日至14日",
            "ja": "2027年1月8日～14日",
            "ko": "2027년 1월 8일~14일",
        ]
        for (code, text) in expected {
            #expect(LocaleFormat.interval(from, to, language: LanguageCode(code), skeleton: "yMMMMd") == text, "\(code)")
        }
    }

    /// One day with its hours (08:00–16:30 in Lạng Sơn, from 01:00 and 09:30 UTC): the day once.
    /// English says "AM"/"PM" after a narrow no-break space (U+202F, CLDR 42); Korean 오전/오후
    /// ("morning"/"afternoon") before the hour; Japanese, in CLDR's pattern for a range of hours,
    /// 8時00分 ("8 o'clock 00 minutes") where everyday writing would also accept 8:00.
    @Test func hoursOfOneDay() {
        let from = Self.t("2026-12-09T01:00:00Z"), to = Self.t("2026-12-09T09:30:00Z")
        let expected: [String: String] = [
            "vi": "08:00–16:30, 9 tháng 12, 2026",
            "en": "December 9, 2026, 8:00\u{202F}AM\u{2009}–\u{2009}4:30\u{202F}PM",
            "zh-Hans": "2026年12月9日 08:00–16:30",
            "ja": "2026年12月9日 8時00分～16時30分",
            "ko": "2026년 12월 9일 오전 8:00 ~ 오후 4:30",
        ]
        for (code, text) in expected {
            #expect(LocaleFormat.interval(from, to, language: LanguageCode(code), skeleton: "yMMMMdjjmm") == text, "\(code)")
        }
    }

    /// A range within one day at day precision is that day, written as a single date.
    @Test func oneDayIsOneDate() {
        let day = Self.t("2026-12-09T01:00:00Z")
        #expect(LocaleFormat.interval(day, Self.t("2026-12-09T09:30:00Z"), language: LanguageCode("en")) == "December 9, 2026")
        #expect(LocaleFormat.interval(day, day, language: LanguageCode("ko")) == "2026년 12월 9일")
    }

    /// Local times with the zone's offset, from the time-zone database: UTC+7 today, but
    /// Saigon time was UTC+8 from 1960 until June 1975.
    @Test func localTimesCarryTheOffset() {
        #expect(LocaleFormat.localISO8601(Self.t("2026-12-09T01:00:00Z")) == "2026-12-09T08:00:00+07:00")
        #expect(LocaleFormat.localISO8601(Self.t("2026-12-31T17:30:00Z")) == "2027-01-01T00:30:00+07:00")
        #expect(LocaleFormat.zoneOffset(at: Self.t("1970-01-01T00:00:00Z")) == 8 * 3600)
        #expect(LocaleFormat.localDay(Self.t("2026-12-31T17:30:00Z")) == "2027-01-01")
    }
}
