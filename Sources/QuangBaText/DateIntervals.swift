import CICUBridge
public import QuangBaCore

/// Ranges of dates and local times in the province's zone, as each language writes them
/// (ICU date-interval formatting), and the machine forms (ISO 8601 with the zone's offset)
/// that go beside them in `<time datetime>` and JSON-LD.
extension LocaleFormat {
    /// The range from `from` to `to` in the language's own way, with the fields of `skeleton`:
    /// "January 8 – 14, 2027", "2027年1月8日～14日", "2027년 1월 8일~14일" for `yMMMMd`;
    /// "08:00–16:30, 9 tháng 12, 2026" for `yMMMMdjjmm` within one day. Fields both ends
    /// share are written once; a range within one day (for `yMMMMd`) is a single date.
    public static func interval(_ from: Timestamp, _ to: Timestamp, language: LanguageCode, skeleton: String = "yMMMMd") -> String {
        icuFormat {
            qb_format_date_interval(language.icuLocale, skeleton, Double(from.secondsSince1970) * 1000, Double(to.secondsSince1970) * 1000, timeZone, $0, $1)
        } ?? from.description + "/" + to.description
    }

    /// Seconds east of UTC in the province's zone at `t` (25,200 for UTC+7).
    public static func zoneOffset(at t: Timestamp) -> Int {
        var offset: Int32 = 0
        let r = qb_zone_offset_seconds(timeZone, Double(t.secondsSince1970) * 1000, &offset)
        precondition(r >= 0, "ICU does not know the time zone \(timeZone)")
        return Int(offset)
    }

    /// The local date and time with the zone's offset, `2026-12-09T08:00:00+07:00`: the form
    /// schema.org's dates and HTML's `datetime` take, which says the wall-clock time readers
    /// in the province see.
    public static func localISO8601(_ t: Timestamp) -> String {
        let offset = zoneOffset(at: t)
        let wall = Timestamp(secondsSince1970: t.secondsSince1970 + Int64(offset)).description.dropLast()
        let a = abs(offset)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return wall + (offset < 0 ? "-" : "+") + two(a / 3600) + ":" + two(a % 3600 / 60)
    }

    /// The local day of `t`, `YYYY-MM-DD`.
    public static func localDay(_ t: Timestamp) -> String { String(localISO8601(t).prefix(10)) }
}
