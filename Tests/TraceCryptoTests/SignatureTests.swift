import Testing
@testable import TraceCrypto
import TraceTestSupport

/// Signature schemes behind one protocol (R-5.3.4; issue 3 §1).
@Suite struct SignatureTests {
    static let schemes = SignatureAlgorithm.allCases

    @Test(arguments: schemes) func r5_3_4_signsAndVerifies(_ algorithm: SignatureAlgorithm) throws {
        let key = SigningKey.generate(algorithm)
        let message = Array("consignment 42 left Ningbo".utf8)
        let signature = try key.signer.sign(message)
        #expect(signature.algorithm == algorithm)
        #expect(signature.rawBytes.count == 64)
        #expect(key.publicKey.rawBytes.count == (algorithm == .ed25519 ? 32 : 65))
        #expect(key.publicKey.isValidSignature(signature, for: message))
        let again = try SigningKey(algorithm: algorithm, privateKey: key.privateKeyBytes)
        #expect(again.publicKey == key.publicKey)
        #expect(again.publicKey.isValidSignature(try again.signer.sign(message), for: message))
    }

    /// Every flipped bit of message, signature or key is rejected.
    @Test(arguments: schemes) func r5_3_4_everyFlippedBitIsRejected(_ algorithm: SignatureAlgorithm) throws {
        let key = SigningKey.generate(algorithm)
        let message = Array("12 cartons, HS 6109.10".utf8)
        let signature = try key.signer.sign(message)
        for bit in 0..<(message.count * 8) {
            #expect(!key.publicKey.isValidSignature(signature, for: flipping(message, bit: bit)))
        }
        for bit in 0..<(signature.rawBytes.count * 8) {
            let bad = Signature(algorithm: algorithm, rawBytes: flipping(signature.rawBytes, bit: bit))
            #expect(!key.publicKey.isValidSignature(bad, for: message))
        }
        for bit in 0..<(key.publicKey.rawBytes.count * 8) {
            let badKey = PublicKey(algorithm: algorithm, rawBytes: flipping(key.publicKey.rawBytes, bit: bit))
            #expect(!badKey.isValidSignature(signature, for: message))
        }
    }

    /// A key of one scheme never verifies another scheme's signature, even with the bytes relabelled.
    @Test func r5_3_4_crossSchemeRejection() throws {
        let message = Array("m".utf8)
        let keys = Self.schemes.map(SigningKey.generate)
        for signer in keys {
            let signature = try signer.signer.sign(message)
            for verifier in keys where verifier.algorithm != signer.algorithm {
                #expect(!verifier.publicKey.isValidSignature(signature, for: message))
                let relabelled = Signature(algorithm: verifier.algorithm, rawBytes: signature.rawBytes)
                #expect(!verifier.publicKey.isValidSignature(relabelled, for: message))
                let relabelledKey = PublicKey(algorithm: verifier.algorithm, rawBytes: signer.publicKey.rawBytes)
                #expect(!relabelledKey.isValidSignature(relabelled, for: message))
            }
        }
    }

    @Test func r5_3_4_p256SignaturesAreLowS() throws {
        let signer = P256Signer()
        for index in 0..<64 {
            #expect(P256LowS.isLowS(try signer.sign([UInt8(index)]).rawBytes))
        }
    }

    @Test func r5_3_4_sm2SignaturesAreRandomisedAndDERRoundTrips() throws {
        let signer = SM2Signer()
        let first = try signer.sign([1, 2, 3]).rawBytes
        let second = try signer.sign([1, 2, 3]).rawBytes
        #expect(first != second)
        let der = try #require(SM2Signature.derFromRaw(first))
        #expect(SM2Signature.rawFromDER(der) == first)
        #expect(SM2Signature.rawFromDER(der + [0]) == nil)
    }

    @Test(arguments: schemes) func r5_3_4_publicKeysAreValidatedOnTheCurve(_ algorithm: SignatureAlgorithm) throws {
        let key = SigningKey.generate(algorithm)
        try key.publicKey.validate()
        if algorithm != .ed25519 {
            var offCurve = key.publicKey.rawBytes
            offCurve[64] ^= 1
            #expect(throws: TraceCryptoError(.invalidKey, field: "", reason: "")) {
                try PublicKey(algorithm: algorithm, rawBytes: offCurve).validate()
            }
            let compressed = [UInt8(2 + key.publicKey.rawBytes[64] & 1)] + key.publicKey.rawBytes[1..<33]
            #expect(throws: TraceCryptoError.self) { try PublicKey(algorithm: algorithm, rawBytes: compressed).validate() }
        }
        #expect(throws: TraceCryptoError.self) { try PublicKey(algorithm: algorithm, rawBytes: []).validate() }
    }

    /// Parsed P-256 keys are cached (issue 7); past the cache's capacity every
    /// key still verifies, and an off-curve point is refused every time.
    @Test func r5_3_4_p256KeysVerifyPastTheCacheCapacity() throws {
        let first = SigningKey.generate(.p256)
        let message = Array("batch 7".utf8)
        let signature = try first.signer.sign(message)
        #expect(first.publicKey.isValidSignature(signature, for: message))
        for _ in 0..<(P256KeyCache.capacity + 1) { try SigningKey.generate(.p256).publicKey.validate() }
        #expect(first.publicKey.isValidSignature(signature, for: message))
        var offCurve = first.publicKey.rawBytes
        offCurve[64] ^= 1
        for _ in 0..<2 {
            #expect(!PublicKey(algorithm: .p256, rawBytes: offCurve).isValidSignature(signature, for: message))
        }
    }

    @Test func r5_3_4_sm2PrivateKeyRangeIsChecked() {
        #expect(throws: TraceCryptoError.self) { try SM2Signer(privateKey: [UInt8](repeating: 0, count: 32)) }
        #expect(throws: TraceCryptoError.self) { try SM2Signer(privateKey: SM2Curve.subtractOne(SM2Key.order)) }
        #expect(throws: TraceCryptoError.self) { try SM2Signer(privateKey: [1]) }
        #expect((try? SM2Signer(privateKey: SM2Curve.subtractOne(SM2Curve.subtractOne(SM2Key.order)))) != nil)
    }

    /// Seeded random and mutated bytes as keys and signatures: never a crash, never valid.
    @Test(arguments: schemes) func r5_3_4_randomKeysAndSignaturesSurvive(_ algorithm: SignatureAlgorithm) throws {
        var random = SeededGenerator(seed: 0x5EED_0001)
        let key = SigningKey.generate(algorithm)
        let message = [UInt8](repeating: 7, count: 10)
        let signature = try key.signer.sign(message)
        for round in 0..<200 {
            let keyBytes = round % 2 == 0 ? random.mutate(key.publicKey.rawBytes) : random.bytes(Int.random(in: 0...70, using: &random))
            let sigBytes = random.mutate(signature.rawBytes)
            let candidate = PublicKey(algorithm: algorithm, rawBytes: keyBytes)
            _ = try? candidate.validate()
            if keyBytes != key.publicKey.rawBytes {
                #expect(!candidate.isValidSignature(signature, for: message))
            }
            if sigBytes != signature.rawBytes {
                #expect(!key.publicKey.isValidSignature(Signature(algorithm: algorithm, rawBytes: sigBytes), for: message))
            }
            _ = SM2Signature.rawFromDER(random.bytes(Int.random(in: 0...80, using: &random)))
        }
    }
}
