public import QuangBaCore
import QuangBaText

/// An amount read exactly from what an editor typed: only `MoneyText.parse` makes one, so a
/// capital stored from the command line has always been through the one parser.
public struct ParsedMoney: Hashable, Sendable {
    public let money: Money
    /// The amount in hundredths (cents, or hundredths of a đồng): the exact value meant.
    public let hundredths: Int64
    fileprivate init(money: Money, hundredths: Int64) { self.money = money; self.hundredths = hundredths }
}

/// Reads and writes amounts of money the way editors write them (docs/content-format.md,
/// "Numbers and dates"). Invariant: a value is read exactly or refused; no separator is ever
/// dropped, and a number that could be read two ways is refused with both readings.
///
/// - Without a scale word the amount is whole: digits only, or groups of three after two or
///   more marks of one kind ("2.900.000", "1,200,000"), or after spaces or "_". A single "." or
///   "," ("2.5", "2.900") may be a decimal mark or a thousands separator: refused.
/// - With a Vietnamese scale word (nghìn, ngàn, triệu, tỷ, tỉ, nghìn tỷ) "." groups thousands and
///   "," is the decimal mark: "2.900 tỷ đồng", "1,5 triệu USD".
/// - With an English one (thousand, million, billion, trillion) "," groups and "." is the
///   decimal mark: "USD 1.5 million", "USD 1,200 million".
/// - Either way, a decimal mark followed by exactly three digits after a single-group number
///   ("2,900 tỷ", "1.250 million") could be a thousands separator: refused.
///
/// Amounts are worked out on decimal digits and whole hundredths, never through a
/// floating-point multiplication.
public enum MoneyText {
    /// Parses `text`; throws a `QuangBaError` without a location (the caller knows where).
    public static func parse(_ text: String, field: String) throws -> ParsedMoney {
        func refuse(_ key: String, _ extra: [String: String] = [:]) -> QuangBaError {
            QuangBaError(Message(key, ["field": field, "value": text, "forms": forms].merging(extra) { $1 }))
        }
        let phrase = try read(text, refuse)
        let written = try digits(of: phrase.number, phrase.convention, refuse: refuse) { whole, decimal, mark in
            // Show both readings in full, so the editor sees which one was meant.
            func show(_ d: (int: String, frac: String)) -> String {
                let s = shifted(d, by: phrase.exponent)
                return grouped(s.int, s.frac, decimalMark: ".") + " " + phrase.currency.rawValue
            }
            return refuse("value.money_ambiguous", ["mark": mark, "whole": show(whole), "decimal": show(decimal)])
        }
        let s = shifted(written, by: phrase.exponent)
        guard s.frac.count <= 2 else { throw refuse("value.money_too_precise") }
        let canonical = s.int + (s.frac.isEmpty ? "" : "." + s.frac)
        // The rule files are checked by: more than 0, less than 10^15, at most 15 digits (a
        // Double holds those exactly, so the stored number is the one meant).
        guard s.int.count <= 15, let amount = DecimalRule.amount.accept(canonical), DecimalRule.format(amount) == canonical,
              let hundredths = Int64(s.int + s.frac + String(repeating: "0", count: 2 - s.frac.count)) else {
            throw refuse("value.money_out_of_range", ["read": grouped(s.int, s.frac, decimalMark: ".") + " " + phrase.currency.rawValue,
                                                       "range": DecimalRule.amount.rangeText])
        }
        return ParsedMoney(money: Money(amount: amount, currency: phrase.currency), hundredths: hundredths)
    }

    /// How an amount reads back: grouped digits and the currency, then the same amount with
    /// a scale word as an editor of `language` would write it (and as `parse` reads it), e.g.
    /// `2 900 000 000 000 VND (2.900 tỷ đồng)` or `2 900 000 000 000 VND (VND 2.9 trillion)`.
    public static func readBack(_ money: Money, language: LanguageCode) -> String {
        let d = decimalDigits(money.amount)
        let vi = language.rawValue == "vi"
        let main = grouped(d.int, d.frac, decimalMark: vi ? "," : ".") + " " + money.currency.rawValue
        guard let scaled = scaledReading(d, money.currency, vietnamese: vi) else { return main }
        return main + " (" + scaled + ")"
    }

    /// Accepted forms with what each reads as, for refusals: computed by `parse` itself.
    public static let forms: String = {
        ["2900000000000 VND", "2.900.000.000.000 VND", "2 900 000 000 000 đ", "2.900 tỷ đồng", "2,9 nghìn tỷ đồng", "1,5 triệu USD",
         "VND 2.9 trillion", "USD 1.5 million", "1,200,000 USD", "US$ 1,200 million"].map { example in
            let p = try! parse(example, field: "")
            return example + " = " + grouped(decimalDigits(p.money.amount).int, "", decimalMark: ".") + " " + p.money.currency.rawValue
        }.joined(separator: "; ")
    }()

    // MARK: - Reading

    enum Convention { case plain, vietnamese, english }

    struct Phrase {
        var number: String
        var convention: Convention
        var exponent: Int
        var currency: Money.Currency
    }

    static let spaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}", "\t"]

    static let currencies: [([String], Money.Currency)] = [
        (["do", "la", "my"], .USD), (["us", "dollars"], .USD), (["us", "dollar"], .USD), (["us", "$"], .USD),
        (["usd"], .USD), (["dollars"], .USD), (["dollar"], .USD), (["$"], .USD),
        (["vnd"], .VND), (["dong"], .VND), (["d"], .VND), (["₫"], .VND),
    ]
    static let scales: [([String], Convention, Int)] = [
        (["nghin", "ty"], .vietnamese, 12), (["ngan", "ty"], .vietnamese, 12), (["nghin"], .vietnamese, 3), (["ngan"], .vietnamese, 3),
        (["trieu"], .vietnamese, 6), (["ty"], .vietnamese, 9), (["ti"], .vietnamese, 9),
        (["thousand"], .english, 3), (["million"], .english, 6), (["billion"], .english, 9), (["trillion"], .english, 12),
    ]

    /// Splits the text into a number, an optional scale word and one currency, before or after.
    static func read(_ text: String, _ refuse: (String, [String: String]) -> QuangBaError) throws -> Phrase {
        enum Token: Equatable { case number(String), word(String) }
        let chars = Array(text)
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if spaces.contains(c) || c.isWhitespace { i += 1; continue }
            var j = i + 1
            if c.isASCII, c.isNumber {
                var number = String(c)
                while j < chars.count {
                    let d = chars[j]
                    if d.isASCII, d.isNumber { number.append(d); j += 1; continue }
                    // A separator belongs to the number only between two digits.
                    if d == "." || d == "," || d == "_" || spaces.contains(d), j + 1 < chars.count, chars[j + 1].isASCII, chars[j + 1].isNumber {
                        number.append(spaces.contains(d) ? " " : d); j += 1; continue
                    }
                    break
                }
                tokens.append(.number(number))
            } else if c.isLetter {
                while j < chars.count, chars[j].isLetter { j += 1 }
                tokens.append(.word(Normalization.fold(String(chars[i..<j]))))
            } else {
                tokens.append(.word(String(c)))
            }
            i = j
        }
        func match<T>(_ table: [([String], T)], at k: Int) -> (T, Int)? {
            for (words, value) in table where k + words.count <= tokens.count {
                if words.enumerated().allSatisfy({ tokens[k + $0.offset] == .word($0.element) }) { return (value, words.count) }
            }
            return nil
        }
        var k = 0
        var currency: Money.Currency?
        if let (c, n) = match(currencies, at: k) { currency = c; k += n }
        guard k < tokens.count, case .number(let number) = tokens[k] else { throw refuse("value.money_unreadable", [:]) }
        k += 1
        var convention = Convention.plain, exponent = 0
        if let ((conv, exp), n) = match(scales.map { ($0.0, ($0.1, $0.2)) }, at: k) { convention = conv; exponent = exp; k += n }
        if let (c, n) = match(currencies, at: k) {
            guard currency == nil else { throw refuse("value.money_unreadable", [:]) }
            currency = c; k += n
        }
        guard k == tokens.count else { throw refuse("value.money_unreadable", [:]) }
        guard let currency else { throw refuse("value.money_no_currency", [:]) }
        return Phrase(number: number, convention: convention, exponent: exponent, currency: currency)
    }

    /// The integer and fraction digits of a number written by `convention`. `ambiguous` makes
    /// the error for a mark that may group thousands or mark decimals, given both readings.
    static func digits(of number: String, _ convention: Convention, refuse: (String, [String: String]) -> QuangBaError,
                       ambiguous: ((int: String, frac: String), (int: String, frac: String), String) -> QuangBaError) throws -> (int: String, frac: String) {
        let marks = number.filter { !$0.isNumber }
        let kinds = Set(marks)
        let parts = number.split(whereSeparator: { !$0.isNumber }).map(String.init)
        let allDigits = parts.joined()
        func groupsOfThree(_ groups: [String]) -> Bool {
            groups.count >= 1 && (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }
        }
        if marks.isEmpty { return (allDigits, "") }
        let decimalMark: Character?
        let groupMarks: Set<Character>
        switch convention {
        case .plain: decimalMark = nil; groupMarks = [".", ",", " ", "_"]
        case .vietnamese: decimalMark = ","; groupMarks = [".", " ", "_"]
        case .english: decimalMark = "."; groupMarks = [",", " ", "_"]
        }
        // One "." or "," alone: a thousands separator or a decimal mark?
        if marks.count == 1, let m = marks.first, m == "." || m == "," {
            let whole = (allDigits, ""), decimal = (parts[0], parts[1])
            if convention == .plain { throw ambiguous(whole, decimal, String(m)) }
            if m == decimalMark {
                // "2,900 tỷ": three digits after the mark read as well as a group of thousands.
                if parts[1].count == 3, parts[0] != "0" { throw ambiguous(whole, decimal, String(m)) }
                return decimal
            }
            // "2.5 triệu": a group of thousands has three digits, so a decimal was meant, or a typo.
            if parts[1].count != 3 { throw ambiguous(whole, decimal, String(m)) }
            guard parts[0].count <= 3 else { throw refuse("value.money_bad_grouping", [:]) }
            return whole
        }
        // Marks of more than one kind: only a grouped integer then a decimal mark, in this convention's order.
        var integerGroups = parts, fraction = ""
        if let d = decimalMark, marks.contains(d) {
            guard marks.filter({ $0 == d }).count == 1, marks.last == d else { throw refuse("value.money_bad_grouping", [:]) }
            fraction = integerGroups.removeLast()
        }
        let groupKinds = kinds.subtracting(decimalMark.map { [$0] } ?? [])
        guard groupKinds.count <= 1, groupKinds.isSubset(of: groupMarks) else {
            throw refuse(convention == .plain ? "value.money_mixed" : "value.money_bad_grouping", [:])
        }
        guard groupsOfThree(integerGroups) else { throw refuse("value.money_bad_grouping", [:]) }
        return (integerGroups.joined(), fraction)
    }

    /// `d` multiplied by 10^`exponent`, on the digits: no rounding can happen.
    static func shifted(_ d: (int: String, frac: String), by exponent: Int) -> (int: String, frac: String) {
        var digits = d.int + d.frac
        let point = d.int.count + exponent
        if digits.count < point { digits += String(repeating: "0", count: point - digits.count) }
        var int = String(digits.prefix(point)), frac = String(digits.dropFirst(point))
        while int.count > 1, int.hasPrefix("0") { int.removeFirst() }
        while frac.hasSuffix("0") { frac.removeLast() }
        return (int.isEmpty ? "0" : int, frac)
    }

    /// `d` divided by 10^`exponent`.
    static func unshifted(_ d: (int: String, frac: String), by exponent: Int) -> (int: String, frac: String) {
        var int = d.int
        if int.count <= exponent { int = String(repeating: "0", count: exponent - int.count + 1) + int }
        let cut = int.index(int.endIndex, offsetBy: -exponent)
        var frac = String(int[cut...]) + d.frac
        while frac.hasSuffix("0") { frac.removeLast() }
        var head = String(int[..<cut])
        while head.count > 1, head.hasPrefix("0") { head.removeFirst() }
        return (head, frac)
    }

    /// The digits of a stored amount (`DecimalRule.format` writes it exactly).
    static func decimalDigits(_ amount: Double) -> (int: String, frac: String) {
        let text = DecimalRule.format(amount)
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        return (parts[0], parts.count > 1 ? parts[1] : "")
    }

    /// `2 900 000 000 000`, with a space every three digits (both languages read it).
    static func grouped(_ int: String, _ frac: String, decimalMark: String, separator: String = " ") -> String {
        var s = int, out = ""
        while s.count > 3 { out = separator + s.suffix(3) + out; s.removeLast(3) }
        return s + out + (frac.isEmpty ? "" : decimalMark + frac)
    }

    /// The amount with the largest scale word that keeps it readable one way only.
    static func scaledReading(_ d: (int: String, frac: String), _ currency: Money.Currency, vietnamese: Bool) -> String? {
        let words: [(Int, String)] = vietnamese ? [(9, "tỷ"), (6, "triệu"), (3, "nghìn")]
                                                : [(12, "trillion"), (9, "billion"), (6, "million"), (3, "thousand")]
        for (exponent, word) in words where d.int.count > exponent {
            let q = unshifted(d, by: exponent)
            // "1,234 tỷ" would be refused as ambiguous: take a smaller scale.
            if q.frac.count == 3, q.int.count <= 3 { continue }
            let number = grouped(q.int, q.frac, decimalMark: vietnamese ? "," : ".", separator: vietnamese ? "." : ",")
            if vietnamese { return number + " " + word + " " + (currency == .VND ? "đồng" : currency.rawValue) }
            return currency.rawValue + " " + number + " " + word
        }
        return nil
    }
}
