import CICUBridge
public import QuangBaCore

/// Every user-visible date and number goes through here, so all of them come from one ICU.
public enum LocaleFormat {
    /// The province's time zone: dates shown to people are local dates.
    public static let timeZone = "Asia/Ho_Chi_Minh"

    /// A date (or date and time) in the language's own style; `skeleton` is an ICU skeleton
    /// such as `yMMMMd` ("14 tháng 3, 2025", "March 14, 2025", "2025年3月14日").
    public static func date(_ t: Timestamp, language: LanguageCode, skeleton: String = "yMMMMd") -> String {
        // A site shows tens of thousands of dates and few distinct days: a date without a
        // time of day is formatted once per day. Since 1976 the zone is UTC+7 all year
        // (tz database), so the local day is plain arithmetic; other times go to ICU each time.
        guard t.secondsSince1970 >= sinceFixedOffset, !skeleton.contains(where: { "hHkKjJmsSaBb".contains($0) }) else {
            return dateThroughICU(t, language: language, skeleton: skeleton)
        }
        let key = DayKey(language: language.rawValue, skeleton: skeleton, day: (t.secondsSince1970 + 7 * 3600) / 86_400)
        if let hit = days.with({ $0[key] }) { return hit }
        let text = dateThroughICU(t, language: language, skeleton: skeleton)
        days.with { $0[key] = text }
        return text
    }

    /// `date` without the cache of days (tests compare both).
    static func dateThroughICU(_ t: Timestamp, language: LanguageCode, skeleton: String) -> String {
        icuFormat { qb_format_date(language.icuLocale, skeleton, Double(t.secondsSince1970) * 1000, timeZone, $0, $1) } ?? t.description
    }

    /// 1976-01-01T00:00:00+07:00.
    private static let sinceFixedOffset: Int64 = 189_277_200
    private struct DayKey: Hashable { var language: String; var skeleton: String; var day: Int64 }
    private static let days = Locked<[DayKey: String]>([:])

    public static func number(_ value: Double, language: LanguageCode, maxFractionDigits: Int = 2) -> String {
        icuFormat { qb_format_number(language.icuLocale, value, Int32(maxFractionDigits), $0, $1) } ?? String(value)
    }

    public static func currency(_ money: Money, language: LanguageCode) -> String {
        icuFormat { qb_format_currency(language.icuLocale, money.amount, money.currency.rawValue, $0, $1) } ?? "\(money.amount) \(money.currency.rawValue)"
    }
}

extension LanguageCode {
    /// The language with its most likely country, as OpenGraph's `og:locale` wants it
    /// (`vi_VN`, `zh_CN`, `ko_KR`); nil when ICU knows no likely country.
    public var likelyRegionLocale: String? {
        var buf = [CChar](repeating: 0, count: 64)
        let n = qb_likely_region_locale(icuLocale, &buf, 64)
        guard n > 0 else { return nil }
        return String(decoding: buf.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
