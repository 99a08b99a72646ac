import CICUBridge
import Foundation

/// Calls a bridge function that fills a UTF-16 buffer, growing the buffer until it fits.
func icuString(_ input: String, _ call: (UnsafePointer<UInt16>, Int32, UnsafeMutablePointer<UInt16>, Int32) -> Int32) -> String {
    var capacity = max(16, input.utf16.count * 2 + 8)
    while true {
        var dst = [UInt16](repeating: 0, count: capacity)
        let n = withUTF16(input) { s, len in
            dst.withUnsafeMutableBufferPointer { d in call(s, len, d.baseAddress!, Int32(capacity)) }
        }
        precondition(n >= 0, "ICU call failed with error \(-n)")
        if Int(n) <= capacity { return String(decoding: dst[0..<Int(n)], as: UTF16.self) }
        capacity = Int(n) + 8
    }
}

/// Calls a bridge formatter that needs no input text.
func icuFormat(_ call: (UnsafeMutablePointer<UInt16>, Int32) -> Int32) -> String? {
    var capacity = 64
    while true {
        var dst = [UInt16](repeating: 0, count: capacity)
        let n = dst.withUnsafeMutableBufferPointer { call($0.baseAddress!, Int32(capacity)) }
        if n < 0 { return nil }
        if Int(n) <= capacity { return String(decoding: dst[0..<Int(n)], as: UTF16.self) }
        capacity = Int(n) + 8
    }
}

/// Gives `body` the UTF-16 of `s`; the pointer is valid (never nil) even for empty text.
/// Transcoded by hand from the string's UTF-8: `Array(s.utf16)` walks String's UTF-16 view,
/// which costs several times more and showed as the top of the index build's profile.
func withUTF16<R>(_ s: String, _ body: (UnsafePointer<UInt16>, Int32) -> R) -> R {
    var s = s
    return s.withUTF8 { withUTF16(utf8: $0, body) }
}

/// `withUTF16` for bytes that are valid UTF-8 (not checked: text that came from a String).
func withUTF16<R>(utf8 b: UnsafeBufferPointer<UInt8>, _ body: (UnsafePointer<UInt16>, Int32) -> R) -> R {
    // UTF-16 never needs more code units than UTF-8 has bytes.
    let out = UnsafeMutablePointer<UInt16>.allocate(capacity: b.count + 1)
    defer { out.deallocate() }
    var i = 0, n = 0
    while i < b.count {
        let c0 = UInt32(b[i])
        if c0 < 0x80 { out[n] = UInt16(c0); n += 1; i += 1; continue }
        let scalar: UInt32
        if c0 < 0xE0 {
            scalar = (c0 & 0x1F) << 6 | UInt32(b[i + 1]) & 0x3F; i += 2
        } else if c0 < 0xF0 {
            scalar = (c0 & 0x0F) << 12 | (UInt32(b[i + 1]) & 0x3F) << 6 | UInt32(b[i + 2]) & 0x3F; i += 3
        } else {
            scalar = (c0 & 0x07) << 18 | (UInt32(b[i + 1]) & 0x3F) << 12 | (UInt32(b[i + 2]) & 0x3F) << 6 | UInt32(b[i + 3]) & 0x3F; i += 4
        }
        if scalar >= 0x10000 {
            out[n] = UInt16(0xD800 + ((scalar - 0x10000) >> 10)); out[n + 1] = UInt16(0xDC00 + ((scalar - 0x10000) & 0x3FF)); n += 2
        } else {
            out[n] = UInt16(scalar); n += 1
        }
    }
    out[n] = 0
    return body(out, Int32(n))
}
