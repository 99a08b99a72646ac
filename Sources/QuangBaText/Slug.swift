import CICUBridge
import Foundation
import QuangBaCore

/// Makes ASCII slugs for item ids with ICU transliteration ("Chợ Kỳ Lừa" → `cho-ky-lua`,
/// "谅山省" → `liang-shan-sheng`, "ランソン" → `ranson`, "랑선" → `rangseon`).
public enum Slug {
    private static let transliterator = Locked<UnsafeMutableRawPointer?>(nil)

    public static func make(_ title: String, maxLength: Int = 80) -> String {
        let latin = transliterator.with { t -> String in
            if t == nil {
                var status: Int32 = 0
                let h = qb_translit_open("Any-Latin; Latin-ASCII; Lower", &status)
                precondition(status == 0 && h != nil, "ICU transliterator Any-Latin unavailable (error \(status))")
                t = h
            }
            let handle = t!
            return icuString(Normalization.nfc(title).replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")) {
                qb_translit(handle, $0, $1, $2, $3)
            }
        }
        var out = ""
        var pendingHyphen = false
        for b in latin.utf8 {
            let isWord = (0x61...0x7A).contains(b) || (0x30...0x39).contains(b)
            let upper = (0x41...0x5A).contains(b)
            if isWord || upper {
                if pendingHyphen, !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.append(Character(Unicode.Scalar(upper ? b + 32 : b)))
            } else {
                pendingHyphen = true
            }
        }
        if out.utf8.count > maxLength {
            let cut = out.prefix(maxLength)
            let endsAtWord = out.dropFirst(maxLength).first == "-"
            if !endsAtWord, let last = cut.lastIndex(of: "-"), cut.distance(from: cut.startIndex, to: last) > maxLength / 2 {
                out = String(cut[..<last])
            } else {
                out = String(cut)
            }
            while out.hasSuffix("-") { out.removeLast() }
        }
        return out
    }
}
