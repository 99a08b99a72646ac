import CLibCrypto

/// SHA-256 (FIPS 180-4), computed by libcrypto (OpenSSL), which uses the CPU's SHA
/// instructions where it has them: the index hashes every file it reads, the site build every
/// page's inputs. Foundation on Linux has no CryptoKit.
public struct SHA256: @unchecked Sendable {
    private var context = SHA256_CTX()

    public init() { SHA256_Init(&context) }

    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        // Contiguous input is hashed where it lies (files are hashed whole: no copy of them).
        if bytes.withContiguousStorageIfAvailable({ p in SHA256_Update(&context, p.baseAddress, p.count) }) != nil { return }
        let copy = Array(bytes)
        copy.withUnsafeBufferPointer { p in _ = SHA256_Update(&context, p.baseAddress, p.count) }
    }

    public mutating func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        digest.withUnsafeMutableBufferPointer { p in _ = SHA256_Final(p.baseAddress, &context) }
        return digest
    }

    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var s = SHA256()
        s.update(bytes)
        return s.finalize().hexString
    }
}

public extension Array where Element == UInt8 {
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](); out.reserveCapacity(count * 2)
        for b in self { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
