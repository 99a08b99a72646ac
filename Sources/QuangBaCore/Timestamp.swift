public import Foundation

/// An instant in UTC with whole seconds, written `YYYY-MM-DDTHH:MM:SSZ` everywhere QuangBa
/// stores or exchanges time (OAI-PMH requires exactly this form).
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let secondsSince1970: Int64

    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }
    public init(_ date: Date) { self.secondsSince1970 = Int64(date.timeIntervalSince1970.rounded(.down)) }
    public static var now: Timestamp { Timestamp(Date()) }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(secondsSince1970)) }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ`; also accepts a bare `YYYY-MM-DD` (midnight UTC) when
    /// `allowDate` is set. Returns nil for anything else, including impossible dates and the
    /// year 0000, which XML Schema's dates do not have.
    public init?(parsing s: String, allowDate: Bool = false) {
        let u = Array(s.utf8)
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { guard u[i] >= 0x30, u[i] <= 0x39 else { return nil }; v = v * 10 + Int(u[i] - 0x30) }
            return v
        }
        let isDateOnly = u.count == 10
        guard u.count == 20 || (allowDate && isDateOnly), u[4] == 0x2D, u[7] == 0x2D,
              let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10) else { return nil }
        var h = 0, mi = 0, se = 0
        if !isDateOnly {
            guard u[10] == 0x54, u[13] == 0x3A, u[16] == 0x3A, u[19] == 0x5A,
                  let hh = num(11..<13), let mm = num(14..<16), let ss = num(17..<19) else { return nil }
            h = hh; mi = mm; se = ss
        }
        guard y >= 1, (1...12).contains(mo), d >= 1, d <= Timestamp.daysIn(month: mo, year: y), h < 24, mi < 60, se < 60 else { return nil }
        secondsSince1970 = Timestamp.days(year: y, month: mo, day: d) * 86400 + Int64(h * 3600 + mi * 60 + se)
    }

    public var description: String {
        let days = secondsSince1970 >= 0 ? secondsSince1970 / 86400 : (secondsSince1970 - 86399) / 86400
        let rem = secondsSince1970 - days * 86400
        let (y, m, d) = Timestamp.civil(days: days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = y < 0 || y > 9999 ? "\(y)" : String(repeating: "0", count: 4 - "\(y)".count) + "\(y)"
        return "\(year)-\(two(m))-\(two(d))T\(two(Int(rem / 3600))):\(two(Int(rem % 3600 / 60))):\(two(Int(rem % 60)))Z"
    }

    /// The date part, `YYYY-MM-DD`.
    public var day: String { String(description.prefix(10)) }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.secondsSince1970 < b.secondsSince1970 }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
    static func daysIn(month m: Int, year y: Int) -> Int {
        [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }
    // Howard Hinnant's days-from-civil and civil-from-days.
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
    static func civil(days z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), Int(m), Int(d))
    }
}
