import CICUBridge
import Foundation
import QuangBaCore

/// Locale-aware ordering through ICU collation (Vietnamese: a < ă < â, d < đ, u < ư …).
/// Sort keys compare with plain byte order, so the index stores them and SQLite sorts them.
public final class Collation: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer
    public let locale: String

    private static let cache = Locked<[String: Collation]>([:])

    /// A shared collator for a BCP 47 language tag.
    public static func forLanguage(_ tag: String) -> Collation {
        // Keyed by the tag as given: the index asks for every title it stores.
        cache.with { c in
            if let x = c[tag] { return x }
            let x = Collation(locale: tag.replacingOccurrences(of: "-", with: "_"))
            c[tag] = x
            return x
        }
    }

    private init(locale: String) {
        var status: Int32 = 0
        let h = qb_collator_open(locale, &status)
        precondition(h != nil, "ICU collator for \(locale) unavailable (error \(status))")
        self.handle = h!
        self.locale = locale
    }

    deinit { qb_collator_close(handle) }

    public func sortKey(_ s: String) -> [UInt8] {
        var capacity = s.utf16.count * 4 + 16
        while true {
            var out = [UInt8](repeating: 0, count: capacity)
            let n = withUTF16(s) { p, len in out.withUnsafeMutableBufferPointer { o in
                qb_collator_sort_key(handle, p, len, o.baseAddress!, Int32(capacity))
            } }
            // The returned length includes the terminating zero, which byte comparison does not need.
            if Int(n) <= capacity { return Array(out[0..<max(0, Int(n) - 1)]) }
            capacity = Int(n)
        }
    }

    public func compare(_ a: String, _ b: String) -> Int {
        Int(withUTF16(a) { p, pl in withUTF16(b) { q, ql in qb_collator_compare(handle, p, pl, q, ql) } })
    }

    public func sorted(_ strings: [String]) -> [String] {
        strings.map { ($0, sortKey($0)) }.sorted { $0.1.lexicographicallyPrecedes($1.1) }.map(\.0)
    }
}
