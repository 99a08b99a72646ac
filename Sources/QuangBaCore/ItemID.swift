/// An item's permanent identifier: lower-case ASCII letters and digits separated by single
/// hyphens, at most 80 characters. It can never name a path.
public struct ItemID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let maxLength = 80
    public let rawValue: String

    /// Returns nil unless `rawValue` is a valid id.
    public init?(_ rawValue: String) {
        guard ItemID.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    public static func isValid(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= maxLength, s.first != "-", s.last != "-", !s.contains("--") else { return false }
        return s.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }

    public var description: String { rawValue }
    public static func < (a: ItemID, b: ItemID) -> Bool { a.rawValue < b.rawValue }
}
