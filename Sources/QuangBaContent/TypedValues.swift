import Foundation
public import QuangBaCore
import QuangBaText

/// One parser per kind of value an editor types: decimals, instants, days, codes of the
/// controlled lists and fixed choices (money is `MoneyText`). `quangba set`, the prompts of
/// `quangba new`, `quangba edit` and the reading of item.yaml all call these, so a value is
/// read the same way wherever it is typed. Invariant: a value is read exactly or refused with
/// the accepted forms; nothing is guessed (DESIGN.md, invariant 3). Errors carry no location:
/// the caller knows the item or the line.
public enum TypedValue {
    // MARK: - Decimals

    /// A decimal such as an area: "46,5" or "46.5" (one mark, either), digits grouped by
    /// spaces or "_" if wished. One mark followed by exactly three digits ("1.234", "1,234")
    /// could be a thousands separator: refused, with how to write each reading.
    public static func decimal(_ text: String, _ rule: DecimalRule, field: String) throws -> Double {
        let s = text.trimmingCharacters(in: .whitespaces)
        func refuse() -> QuangBaError {
            QuangBaError(Message("value.bad_decimal", rule.messageArguments(field: field, value: text)
                .merging(["example_comma": rule.example.replacingOccurrences(of: ".", with: ",")]) { $1 }))
        }
        var body = Substring(s)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let marks = body.filter { $0 == "." || $0 == "," }
        guard marks.count <= 1 else { throw refuse() }
        let halves = body.split(separator: marks.first ?? "|", maxSplits: 1, omittingEmptySubsequences: false)
        let intText = halves[0], frac = halves.count > 1 ? String(halves[1]) : ""
        let groups = intText.split(omittingEmptySubsequences: false) { $0 == " " || $0 == "_" || MoneyText.spaces.contains($0) }
        guard !groups.isEmpty, groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              groups.count == 1 || ((1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }),
              halves.count == 1 || (!frac.isEmpty && frac.allSatisfy { $0.isASCII && $0.isNumber }) else { throw refuse() }
        let int = groups.joined()
        if let m = marks.first, frac.count == 3, groups.count == 1, int.drop(while: { $0 == "0" }).count > 0 {
            throw QuangBaError(Message("value.decimal_ambiguous", ["field": field, "value": text, "mark": String(m),
                                                                   "whole": int + frac, "decimal": int + "," + frac + "0", "decimal_point": int + "." + frac + "0"]))
        }
        guard let v = rule.accept((negative ? "-" : "") + int + (frac.isEmpty ? "" : "." + frac)) else { throw refuse() }
        return v
    }

    /// A decimal in item.yaml: the form QuangBa writes ("." is the decimal point, so "1.234" is
    /// one and a bit), else the forms an editor types (`decimal`).
    static func storedDecimal(_ text: String, _ rule: DecimalRule, field: String) throws -> Double {
        if let v = rule.accept(text) { return v }
        return try decimal(text, rule, field: field)
    }

    // MARK: - Times and days

    /// The date, time and offset of a written instant or day.
    struct WrittenTime {
        var year: Int, month: Int, day: Int
        var time: (hour: Int, minute: Int, second: Int)?
        /// Seconds east of UTC, when written.
        var offset: Int?
    }

    /// `2026-05-01`, `01/05/2026`, `01-05-2026`, `01.05.2026` (day first, as in Vietnam),
    /// `ngày 1 tháng 5 năm 2026`; then optionally `T` or a space, `HH:MM[:SS]` and `Z` or an
    /// offset (`+07:00`, `+0700`, `+07`).
    static let timePattern = try! NSRegularExpression(pattern: #"""
        ^(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})([/.-])(\d{1,2})\5(\d{4})|ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4}))(?:(?:t|\s+)(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(z|utc|[+-]\d{2}(?::?\d{2})?)?)?$
        """#)

    static func written(_ text: String) -> WrittenTime? {
        let s = Normalization.fold(text.trimmingCharacters(in: .whitespaces))
        let ns = s as NSString
        guard let m = timePattern.firstMatch(in: s, range: NSRange(location: 0, length: ns.length)) else { return nil }
        func group(_ i: Int) -> String? { m.range(at: i).location == NSNotFound ? nil : ns.substring(with: m.range(at: i)) }
        func int(_ i: Int) -> Int? { group(i).flatMap { Int($0) } }
        var w: WrittenTime
        if let y = int(1), let mo = int(2), let d = int(3) { w = WrittenTime(year: y, month: mo, day: d) }
        else if let d = int(4), let mo = int(6), let y = int(7) { w = WrittenTime(year: y, month: mo, day: d) }
        else if let d = int(8), let mo = int(9), let y = int(10) { w = WrittenTime(year: y, month: mo, day: d) }
        else { return nil }
        if let h = int(11), let mi = int(12) { w.time = (h, mi, int(13) ?? 0) }
        if let z = group(14) {
            if z == "z" || z == "utc" { w.offset = 0 } else {
                let digits = z.dropFirst().filter(\.isNumber)
                let h = Int(digits.prefix(2)) ?? 0, mi = Int(digits.dropFirst(2)) ?? 0
                guard h <= 14, mi < 60 else { return nil }
                w.offset = (z.hasPrefix("-") ? -1 : 1) * (h * 3600 + mi * 60)
            }
        }
        return w
    }

    /// Accepted forms with what each is stored as, for refusals.
    public static let timeForms = "2026-05-01T08:30:00+07:00 = 2026-05-01T01:30:00Z; 2026-05-01T08:30+07:00; 2026-05-01T01:30:00Z; "
        + "2026-05-01 = 2026-05-01T00:00:00Z; 01/05/2026 = 2026-05-01 (day first); 01-05-2026; 01.05.2026; ngày 1 tháng 5 năm 2026"
    public static let dayForms = "2026-05-01; 01/05/2026 = 2026-05-01 (day first); 01-05-2026; 01.05.2026; ngày 1 tháng 5 năm 2026"

    /// An instant: ISO 8601 with `Z` or an offset (stored in UTC), or a day (midnight UTC).
    /// A time without an offset is refused: the editor is asked for it rather than it being
    /// guessed.
    public static func instant(_ text: String, field: String) throws -> Timestamp {
        if let t = Timestamp(parsing: text, allowDate: true) { return try inContentRange(t, text, field: field) }
        guard let w = written(text) else {
            throw QuangBaError(Message("value.bad_time", ["field": field, "value": text, "forms": timeForms]))
        }
        let midnight = try dayStart(w, text, field: field)
        guard let time = w.time else { return try inContentRange(midnight, text, field: field) }
        guard let offset = w.offset else {
            throw QuangBaError(Message("value.time_needs_offset", ["field": field, "value": text, "forms": timeForms]))
        }
        guard time.hour < 24, time.minute < 60, time.second < 60 else {
            throw QuangBaError(Message("value.bad_time", ["field": field, "value": text, "forms": timeForms]))
        }
        let t = Timestamp(secondsSince1970: midnight.secondsSince1970 + Int64(time.hour * 3600 + time.minute * 60 + time.second - offset))
        return try inContentRange(t, text, field: field)
    }

    /// A day, stored `YYYY-MM-DD`: ISO, or day first (`10/06/2025` is 10 June 2025).
    public static func day(_ text: String, field: String) throws -> String {
        guard let w = written(text), w.time == nil, w.offset == nil else {
            throw QuangBaError(Message("value.bad_day", ["field": field, "value": text, "forms": dayForms]))
        }
        return try inContentRange(try dayStart(w, text, field: field), text, field: field).day
    }

    private static func dayStart(_ w: WrittenTime, _ text: String, field: String) throws -> Timestamp {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = String(repeating: "0", count: max(0, 4 - "\(w.year)".count)) + "\(w.year)"
        guard let t = Timestamp(parsing: "\(year)-\(two(w.month))-\(two(w.day))", allowDate: true) else {
            throw QuangBaError(Message("value.no_such_day", ["field": field, "value": text]))
        }
        return t
    }

    static func inContentRange(_ t: Timestamp, _ text: String, field: String) throws -> Timestamp {
        guard Timestamp.contentRange.contains(t) else {
            throw QuangBaError(Message("yaml.time_out_of_range", ["field": field, "value": text, "years": Timestamp.contentYears]))
        }
        return t
    }

    // MARK: - Codes and choices

    /// How names are compared: case, diacritics (both Vietnamese tone placements, "hoá" and
    /// "hóa"), đ/d, hyphens, underscores and runs of spaces do not count.
    public static func nameKey(_ s: String) -> String {
        Normalization.fold(Normalization.nfc(s)).split(whereSeparator: { $0 == "-" || $0 == "_" || $0.isWhitespace }).joined(separator: " ")
    }

    /// A code of `list`, given as the code or as its name in any configured language.
    public static func code(_ text: String, in list: CodeList, field: String) throws -> String {
        if list[text] != nil { return text }
        let key = nameKey(text)
        let hits = list.codes.filter { code in nameKey(code) == key || (list[code] ?? [:]).values.contains { nameKey($0) == key } }
        if hits.count == 1 { return hits[0] }
        if hits.count > 1 {
            throw QuangBaError(Message("value.code_ambiguous", ["field": field, "value": text, "list": list.name,
                                                                "codes": hits.map { described($0, list) }.joined(separator: ", ")]))
        }
        throw QuangBaError(Message("yaml.unknown_code", ["field": field, "value": text, "list": list.name,
                                                         "known": list.codes.map { described($0, list) }.joined(separator: ", ")]))
    }

    /// `code (name / other name)`, so the editor sees which entry each code is.
    static func described(_ code: String, _ list: CodeList) -> String {
        var names: [String] = []
        for (_, n) in (list[code] ?? [:]).sorted(by: { $0.key.rawValue > $1.key.rawValue }) where n != code && !names.contains(n) { names.append(n) }
        return names.isEmpty ? code : "\(code) (\(names.joined(separator: " / ")))"
    }

    /// A value of a fixed list (investment form, project status, classification…): its code
    /// or, when `names` has them, its name in any language.
    public static func choice<T: RawRepresentable & CaseIterable>(_ text: String, _: T.Type, names: [String: [String]] = [:], field: String) throws -> T
    where T.RawValue == String {
        if let v = T(rawValue: text) { return v }
        let key = nameKey(text)
        let hits = T.allCases.filter { c in nameKey(c.rawValue) == key || (names[c.rawValue] ?? []).contains { nameKey($0) == key } }
        if hits.count == 1 { return hits[0] }
        let allowed = T.allCases.map { c in names[c.rawValue]?.first.map { "\(c.rawValue) (\($0))" } ?? c.rawValue }.joined(separator: ", ")
        if hits.count > 1 {
            throw QuangBaError(Message("value.code_ambiguous", ["field": field, "value": text, "list": field, "codes": hits.map(\.rawValue).joined(separator: ", ")]))
        }
        throw QuangBaError(Message("yaml.bad_value", ["field": field, "value": text, "allowed": allowed]))
    }
}

/// The names of the fixed choices in the repository's `locales/<lang>.yaml` (the site shows
/// them: `form_joint_venture: Liên doanh`), so an editor may type "Liên doanh" for
/// `joint-venture`. Keyed by field, then code.
public struct ChoiceNames: Sendable {
    public var byField: [String: [String: [String]]] = [:]
    public init() {}

    /// Reads what it can; a missing or broken locale file only means fewer names (the site
    /// build reports it).
    public static func load(_ repo: Repository) -> ChoiceNames {
        var out = ChoiceNames()
        let fields: [(String, [String])] = [("form", InvestmentForm.allCases.map(\.rawValue)), ("status", ProjectStatus.allCases.map(\.rawValue))]
        for lang in repo.config.languageCodes {
            let url = repo.root.appendingPathComponent("locales/\(lang.rawValue).yaml")
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else { continue }
            let strings = StringTable.parse(text, file: "locales/\(lang.rawValue).yaml").strings
            for (field, codes) in fields {
                for code in codes {
                    if let name = strings[field + "_" + code.replacingOccurrences(of: "-", with: "_")] { out.byField[field, default: [:]][code, default: []].append(name) }
                }
            }
        }
        return out
    }
}
