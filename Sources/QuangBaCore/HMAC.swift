import CLibCrypto

/// HMAC (RFC 2104) with SHA-256, computed by libcrypto: what signs OAI-PMH resumption tokens,
/// so that a changed token is refused. Checked against RFC 4231's test vectors.
public enum HMAC {
    public static func sha256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let done = key.withUnsafeBytes { k in
            message.withUnsafeBufferPointer { m in
                out.withUnsafeMutableBufferPointer { o in
                    CLibCrypto.HMAC(EVP_sha256(), k.baseAddress, Int32(key.count), m.baseAddress, m.count, o.baseAddress, &length)
                }
            }
        }
        // Fails only when libcrypto cannot allocate; no signature is better than a wrong one.
        precondition(done != nil && length == 32, "libcrypto's HMAC-SHA-256 failed")
        return Array(out.prefix(Int(length)))
    }
}
