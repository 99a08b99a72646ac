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
func withUTF16<R>(_ s: String, _ body: (UnsafePointer<UInt16>, Int32) -> R) -> R {
    var u = Array(s.utf16)
    let n = Int32(u.count)
    u.append(0)
    return u.withUnsafeBufferPointer { body($0.baseAddress!, n) }
}
