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

    /// One pass over the bytes: ids are checked by the ten thousand when the index is read.
    public static func isValid(_ s: String) -> Bool {
        let u = s.utf8
        guard !u.isEmpty, u.count <= maxLength else { return false }
        var previous: UInt8 = 0x2D  // as if after a hyphen: an id cannot start with one
        for b in u {
            switch b {
            case 0x61...0x7A, 0x30...0x39: break
            case 0x2D: if previous == 0x2D { return false }
            default: return false
            }
            previous = b
        }
        return previous != 0x2D
    }

    public var description: String { rawValue }
    public static func < (a: ItemID, b: ItemID) -> Bool { a.rawValue < b.rawValue }
}
