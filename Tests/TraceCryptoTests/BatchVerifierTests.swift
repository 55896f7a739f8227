import Testing
@testable import TraceCrypto
import TraceTestSupport

/// Parallel verification with a dedup cache (issue 3 §4).
@Suite struct BatchVerifierTests {
    static func batch(_ algorithm: SignatureAlgorithm, count: Int) throws -> [SignatureCheck] {
        let key = SigningKey.generate(algorithm)
        return try (0..<count).map { index in
            let message = Array("tx \(index)".utf8)
            var signature = try key.signer.sign(message)
            if index % 5 == 0 { signature = Signature(algorithm: algorithm, rawBytes: flipping(signature.rawBytes, bit: 9)) }
            return SignatureCheck(message: message, publicKey: key.publicKey, signature: signature)
        }
    }

    @Test(arguments: [(CryptoProfile.standard, SignatureAlgorithm.p256), (.standard, .ed25519), (.national, .sm2)])
    func r5_3_3_matchesOneByOneAndNeverVerifiesTwice(_ profile: CryptoProfile, _ algorithm: SignatureAlgorithm) throws {
        let items = try Self.batch(algorithm, count: 40)
        let verifier = BatchVerifier(profile: profile)
        let expected = items.map { $0.publicKey.isValidSignature($0.signature, for: $0.message) }
        #expect(verifier.verify(items) == expected)
        #expect(expected.filter { !$0 }.count == 8)
        #expect(verifier.verificationCount == 40)
        #expect(verifier.verify(items.reversed()) == expected.reversed())
        #expect(verifier.verificationCount == 40)
    }

    @Test func r5_3_3_repeatsInOneBatchAreCheckedOnce() throws {
        let items = try Self.batch(.sm2, count: 3)
        let verifier = BatchVerifier(profile: .national)
        let results = verifier.verify(items + items + [items[1]])
        #expect(results == [false, true, true, false, true, true, true])
        #expect(verifier.verificationCount == 3)
    }

    @Test func r5_3_3_cacheNeverVouchesForAnotherSignerOrScheme() throws {
        let verifier = BatchVerifier(profile: .standard)
        let signer = P256Signer(), other = P256Signer()
        let message = Array("body".utf8)
        let good = SignatureCheck(message: message, publicKey: signer.publicKey, signature: try signer.sign(message))
        #expect(verifier.verify([good]) == [true])
        let stolen = SignatureCheck(message: message, publicKey: other.publicKey, signature: good.signature)
        #expect(verifier.verify([stolen]) == [false])
        let sm2 = SM2Signer()
        let national = SignatureCheck(message: message, publicKey: sm2.publicKey, signature: try sm2.sign(message))
        #expect(verifier.verify([national]) == [false])
        #expect(BatchVerifier(profile: .national).verify([national, good]) == [true, false])
    }

    @Test func r5_3_3_cacheIsBounded() throws {
        let verifier = BatchVerifier(profile: .standard, capacity: 8)
        let items = try Self.batch(.ed25519, count: 30)
        _ = verifier.verify(items)
        #expect(verifier.verificationCount == 30)
        // The first items were evicted; the last few are still cached.
        _ = verifier.verify(Array(items.suffix(2)))
        #expect(verifier.verificationCount == 30)
        _ = verifier.verify(Array(items.prefix(2)))
        #expect(verifier.verificationCount == 32)
        #expect(verifier.verify([]) == [])
    }

    @Test func r5_3_4_profilesAreFixedSets() throws {
        #expect(CryptoProfile.standard.signatureAlgorithms == [.p256, .ed25519])
        #expect(CryptoProfile.national.signatureAlgorithms == [.sm2])
        #expect(CryptoProfile.standard.hash == .sha256 && CryptoProfile.national.hash == .sm3)
        #expect(CryptoProfile.national.sealing == .sm2SM4 && CryptoProfile.standard.sealing == .x25519AESGCM)
        #expect(CryptoProfile.national.newSigner().publicKey.algorithm == .sm2)
        #expect(CryptoProfile.standard.newSigner().publicKey.algorithm == .p256)
        let encoded = try JSONEncoderSorted.encode(CryptoProfile.national)
        #expect(encoded == "\"national\"")
        #expect(!CryptoProfile.national.admits(.ed25519) && CryptoProfile.standard.admits(.ed25519))
    }
}

import Foundation
enum JSONEncoderSorted {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
