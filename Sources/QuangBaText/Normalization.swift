import CICUBridge

/// Unicode normalization through system ICU. QuangBa stores every text in NFC.
public enum Normalization {
    public static func nfc(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s }
        return icuString(s) { qb_normalize(0, $0, $1, $2, $3) }
    }

    public static func nfd(_ s: String) -> String { icuString(s) { qb_normalize(1, $0, $1, $2, $3) } }

    /// Compares scalars, not Characters: Swift's `==` on String already treats NFC and NFD as equal.
    /// Most text is answered by the quick check (`qb_utf8_quick_nfc`) over its UTF-8, without
    /// ICU: every language file the index reads is checked.
    public static func isNFC(_ s: String) -> Bool {
        var s = s
        if s.withUTF8({ $0.isEmpty || qb_utf8_quick_nfc($0.baseAddress, Int32($0.count)) == 1 }) { return true }
        return isNFCThroughICU(s)
    }

    /// `isNFC` by ICU alone (tests compare both).
    static func isNFCThroughICU(_ s: String) -> Bool { withUTF16(s) { qb_is_nfc($0, $1) } == 1 }

    /// Search folding: no diacritics, no case, đ → d ("Đà Nẵng" → "da nang").
    public static func fold(_ s: String) -> String { String(decoding: foldUTF16(s), as: UTF16.self) }

    /// `fold` as UTF-16 code units, for callers that go on working in UTF-16 (the tokenizer).
    static func foldUTF16(_ s: String) -> [UInt16] {
        var s = s
        return s.withUTF8 { foldUTF16(utf8: $0, qb_fold) }
    }

    /// `foldUTF16` of valid UTF-8 bytes.
    static func foldUTF16(utf8: UnsafeBufferPointer<UInt8>) -> [UInt16] { foldUTF16(utf8: utf8, qb_fold) }

    /// `fold` with every string through ICU, without qb_fold's fast path (tests compare them).
    static func foldThroughICU(_ s: String) -> String {
        var s = s
        return String(decoding: s.withUTF8 { foldUTF16(utf8: $0, qb_fold_icu) }, as: UTF16.self)
    }

    private static func foldUTF16(utf8: UnsafeBufferPointer<UInt8>,
                                  _ fold: (UnsafePointer<UInt16>?, Int32, UnsafeMutablePointer<UInt16>?, Int32) -> Int32) -> [UInt16] {
        // Folding may lengthen the text a little; UTF-16 never has more units than UTF-8 has
        // bytes. (`s.utf16.count` would build String's UTF-16 index for every long text.)
        var capacity = utf8.count + 16
        while true {
            var dst = [UInt16](repeating: 0, count: capacity)
            let n = withUTF16(utf8: utf8) { p, len in dst.withUnsafeMutableBufferPointer { fold(p, len, $0.baseAddress!, Int32(capacity)) } }
            precondition(n >= 0, "ICU folding failed with error \(-n)")
            if Int(n) <= capacity { dst.removeSubrange(Int(n)...); return dst }
            capacity = Int(n) + 8
        }
    }

    /// The sorted non-spacing marks a word carries ("mật" → U+0302, U+0323).
    static func marks(_ s: String) -> [UInt32] {
        var out = [UInt32](repeating: 0, count: 64)
        let n = withUTF16(s) { qb_marks($0, $1, &out, 64) }
        return Array(out.prefix(Int(max(0, min(n, 64)))))
    }
}
