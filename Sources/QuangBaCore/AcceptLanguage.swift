/// Which of the site's languages a browser asks for, from its `Accept-Language` header
/// (RFC 9110 §12.5.4), by RFC 4647 lookup: ranges in order of their weight (`q`), each
/// matched on its primary language, so `zh-CN` or `zh` finds `zh-Hans`, `en-GB` finds `en`.
/// Chinese written in traditional characters (`zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant`) does not
/// find simplified Chinese: such a reader is better served by the next choice, or the chooser.
public enum AcceptLanguage {
    public static func best(_ header: String, among languages: [LanguageCode]) -> LanguageCode? {
        var ranges: [(range: [Substring], q: Double, order: Int)] = []
        for (order, entry) in header.split(separator: ",").enumerated() {
            let parts = entry.split(separator: ";").map { $0.trimmingASCIISpaces }
            guard let tag = parts.first, !tag.isEmpty, tag != "*" else { continue }
            var q = 1.0
            for p in parts.dropFirst() where p.lowercased().hasPrefix("q=") {
                q = Double(p.dropFirst(2)) ?? 0
            }
            guard q > 0, q <= 1 else { continue }
            ranges.append((tag.lowercased().split(separator: "-"), q, order))
        }
        ranges.sort { $0.q != $1.q ? $0.q > $1.q : $0.order < $1.order }
        for r in ranges {
            guard let primary = r.range.first else { continue }
            let traditional = primary == "zh" && r.range.dropFirst().contains { ["hant", "tw", "hk", "mo"].contains($0) }
            for l in languages {
                let subtags = l.rawValue.lowercased().split(separator: "-")
                guard subtags.first == primary else { continue }
                if primary == "zh", traditional != subtags.contains("hant") { continue }
                return l
            }
        }
        return nil
    }
}

extension Substring {
    fileprivate var trimmingASCIISpaces: Substring {
        var s = self
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return s
    }
}
