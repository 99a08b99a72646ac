/// The numbers and times content may hold. Every value accepted here fits the export schema
/// (Sources/QuangBaExport/Schema/quangba-1.xsd declares the same bounds), and is kept exactly:
/// a value that would have to be rounded, or that only a computer would write (1e9, 0x1p3,
/// inf), is refused with the accepted forms instead of being guessed (docs/content-format.md).
public struct DecimalRule: Sendable {
    public let min: Double
    public let minExclusive: Bool
    public let max: Double
    public let maxExclusive: Bool
    public let fractionDigits: Int
    /// An accepted value, for messages.
    public let example: String
    /// A double keeps every decimal of at most 15 significant digits exactly.
    public static let significantDigits = 15

    public static let areaHa = DecimalRule(min: 0, minExclusive: true, max: 10_000_000, maxExclusive: true, fractionDigits: 4, example: "46.5")
    /// In đồng or dollars: below 10^15 (a million billion đồng), cents at most.
    public static let amount = DecimalRule(min: 0, minExclusive: true, max: 1e15, maxExclusive: true, fractionDigits: 2, example: "1200000000000")
    /// A key figure of the province (area, population, length of the border).
    public static let figure = DecimalRule(min: 0, minExclusive: false, max: 1e15, maxExclusive: true, fractionDigits: 4, example: "8310.09")
    public static let latitude = DecimalRule(min: -90, minExclusive: false, max: 90, maxExclusive: false, fractionDigits: 8, example: "21.8537")
    public static let longitude = DecimalRule(min: -180, minExclusive: false, max: 180, maxExclusive: false, fractionDigits: 8, example: "106.7615")

    /// The range in notation both languages read, e.g. `0 < x < 10 000 000`.
    public var rangeText: String {
        "\(Self.grouped(min)) \(minExclusive ? "<" : "≤") x \(maxExclusive ? "<" : "≤") \(Self.grouped(max))"
    }

    /// The value of `text` when it is plain decimal notation (`-`, digits, one `.` and digits;
    /// `_` between digits is allowed and ignored) within the range, with at most
    /// `fractionDigits` decimals and 15 significant digits; nil otherwise.
    public func accept(_ text: String) -> Double? {
        var digits: [UInt8] = []
        var negative = false
        var point: Int?
        var previous: UInt8 = 0
        for (i, b) in text.utf8.enumerated() {
            switch b {
            case 0x30...0x39: digits.append(b)
            case 0x2D where i == 0: negative = true
            case 0x2E where point == nil && previous >= 0x30 && previous <= 0x39: point = digits.count
            case 0x5F where previous >= 0x30 && previous <= 0x39: break
            default: return nil
            }
            previous = b
        }
        guard !digits.isEmpty, previous >= 0x30, previous <= 0x39 else { return nil }
        let fraction = point.map { digits.count - $0 } ?? 0
        guard fraction <= fractionDigits else { return nil }
        var significant = digits.drop { $0 == 0x30 }
        while significant.last == 0x30 { significant.removeLast() }
        guard significant.count <= Self.significantDigits else { return nil }
        var plain = String(decoding: digits, as: UTF8.self)
        if let point { plain.insert(".", at: plain.index(plain.startIndex, offsetBy: point)) }
        guard let magnitude = Double(plain) else { return nil }
        let v = negative ? -magnitude : magnitude
        guard minExclusive ? v > min : v >= min, maxExclusive ? v < max : v <= max else { return nil }
        return v == 0 ? 0 : v
    }

    /// Plain decimal notation, no exponent, the fewest digits that read back as `v`: how the
    /// files and the export write a number (an accepted value comes back as it was written).
    public static func format(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        // Swift's description is the shortest text that reads back as v, sometimes with an exponent.
        let text = "\(v)"
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), let exponent = Int(text[text.index(after: e)...]) else { return text }
        var mantissa = String(text[..<e])
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa.removeFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
        var pointAt = parts[0].count + exponent
        if pointAt <= 0 { digits = String(repeating: "0", count: 1 - pointAt) + digits; pointAt = 1 }
        if pointAt >= digits.count { digits += String(repeating: "0", count: pointAt - digits.count) }
        var out = String(digits.prefix(pointAt))
        var rest = String(digits.dropFirst(pointAt))
        while rest.hasSuffix("0") { rest.removeLast() }
        if !rest.isEmpty { out += "." + rest }
        return (negative ? "-" : "") + out
    }

    /// The arguments of the messages that refuse a value (`yaml.bad_decimal`).
    public func messageArguments(field: String, value: String) -> [String: String] {
        ["field": field, "value": value, "range": rangeText, "decimals": "\(fractionDigits)", "example": example]
    }

    /// Whole numbers with a space every three digits, for `rangeText`.
    static func grouped(_ v: Double) -> String {
        var s = String(Int64(abs(v)))
        var out = ""
        while s.count > 3 { out = " " + s.suffix(3) + out; s.removeLast(3) }
        return (v < 0 ? "-" : "") + s + out
    }
}

extension Timestamp {
    /// The instants content may hold (`created`, `embargo`, `taken`, an event's times, a legal
    /// basis's date…): years 1800 to 2199. The export schema declares the same range; it leaves
    /// room for old archive photos and for plans far ahead, and nothing beyond is a real date.
    public static let contentRange = Timestamp(secondsSince1970: Timestamp.days(year: 1800, month: 1, day: 1) * 86400)
        ... Timestamp(secondsSince1970: Timestamp.days(year: 2200, month: 1, day: 1) * 86400 - 1)

    /// The years of `contentRange`, for messages.
    public static let contentYears = "1800–2199"
}
