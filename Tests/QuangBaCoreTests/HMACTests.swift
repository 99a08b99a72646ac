import Testing
import QuangBaCore

/// HMAC-SHA-256 against the test vectors of RFC 4231 (section 4): keys shorter and longer than
/// the block, data longer than it, and the truncated output of test case 5.
@Suite struct HMACTests {
    static let longKey = [UInt8](repeating: 0xAA, count: 131)
    static let cases: [(key: [UInt8], data: [UInt8], mac: String)] = [
        ([UInt8](repeating: 0x0B, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ([UInt8](repeating: 0xAA, count: 20), [UInt8](repeating: 0xDD, count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (Array(1...25), [UInt8](repeating: 0xCD, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        (longKey, Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        (longKey, Array("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test(arguments: 0..<cases.count) func rfc4231(_ i: Int) {
        #expect(HMAC.sha256(key: Self.cases[i].key, message: Self.cases[i].data).hexString == Self.cases[i].mac, "test case \(i < 4 ? i + 1 : i + 2)")
    }

    /// Test case 5: the output truncated to 128 bits, as resumption tokens carry it.
    @Test func truncated() {
        let mac = HMAC.sha256(key: [UInt8](repeating: 0x0C, count: 20), message: Array("Test With Truncation".utf8))
        #expect(Array(mac.prefix(16)).hexString == "a3b6167473100ee06e0c796c2955552b")
    }
}
