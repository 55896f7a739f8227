import Testing
@testable import TraceCrypto

/// Issue 7: byte keys and public keys hash and compare as whole byte runs, with
/// the meaning of value equality unchanged.
@Suite struct ByteKeyTests {
    @Test func r5_3_1_equalityIsByteEquality() {
        let samples: [[UInt8]] = [[], [0], [1], [0, 0], [1, 2, 3], [1, 2, 4], [4, 2, 1], Array(repeating: 7, count: 65)]
        for lhs in samples {
            for rhs in samples {
                #expect((ByteKey(lhs) == ByteKey(rhs)) == (lhs == rhs))
                #expect(ByteKey.equal(lhs, rhs) == (lhs == rhs))
                if lhs == rhs { #expect(ByteKey(lhs).hashValue == ByteKey(rhs).hashValue) }
            }
        }
        // Equal bytes from different storage (a slice copied out).
        let long = Array(0...200).map(UInt8.init)
        #expect(ByteKey(Array(long[10..<20])) == ByteKey(Array(10...19).map(UInt8.init)))
    }

    @Test func r5_3_1_publicKeysCompareAlgorithmAndBytes() {
        let bytes = Array(repeating: UInt8(4), count: 65)
        let p256 = PublicKey(algorithm: .p256, rawBytes: bytes)
        #expect(p256 == PublicKey(algorithm: .p256, rawBytes: bytes))
        #expect(p256.hashValue == PublicKey(algorithm: .p256, rawBytes: bytes).hashValue)
        #expect(p256 != PublicKey(algorithm: .sm2, rawBytes: bytes))
        #expect(p256 != PublicKey(algorithm: .p256, rawBytes: bytes.dropLast() + [5]))
        #expect(Set([p256, PublicKey(algorithm: .p256, rawBytes: bytes), PublicKey(algorithm: .sm2, rawBytes: bytes)]).count == 2)
    }
}
