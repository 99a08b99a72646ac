/// A BCP 47 language tag as configured in quangba.yaml (`vi`, `en`, `zh-Hans`, `ja`, `ko`, …).
public struct LanguageCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    /// The ICU locale id (`zh-Hans` → `zh_Hans`).
    public var icuLocale: String { String(rawValue.map { $0 == "-" ? "_" : $0 }) }
    /// True for a syntactically valid tag: a 2–3 letter language, then subtags of 2–8 letters/digits.
    public var isWellFormed: Bool {
        let parts = rawValue.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return false }
        return parts.dropFirst().allSatisfy { (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
    public static func < (a: LanguageCode, b: LanguageCode) -> Bool { a.rawValue < b.rawValue }
}

/// One configured language of the repository.
public struct Language: Hashable, Sendable {
    public let code: LanguageCode
    public let name: String
    public let isSource: Bool
    public init(code: LanguageCode, name: String, isSource: Bool) {
        self.code = code; self.name = name; self.isSource = isSource
    }
}
