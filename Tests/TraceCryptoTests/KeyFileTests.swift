import Testing
@testable import TraceCrypto
import TraceTestSupport

/// Key files at rest under a passphrase (issue 3 §8).
@Suite struct KeyFileTests {
    /// Cheap scrypt cost so the tests stay quick; the CLI uses `.default` (2^15).
    static let cheap = ScryptParameters(logN: 10, r: 8, p: 1)
    static let passphrase = Array("correct horse battery staple".utf8)

    @Test(arguments: SignatureAlgorithm.allCases) func r5_3_4_encryptedKeyFileRoundTrips(_ algorithm: SignatureAlgorithm) throws {
        let key = SigningKey.generate(algorithm)
        let file = try KeyFile(key: key, passphrase: Self.passphrase, scrypt: Self.cheap)
        #expect(file.privateKey == nil)
        let text = String(decoding: file.jsonBytes, as: UTF8.self)
        #expect(!text.contains(Hex.encode(key.privateKeyBytes)))
        let parsed = try KeyFile.parse(file.jsonBytes)
        #expect(try parsed.signingKey(passphrase: Self.passphrase).privateKeyBytes == key.privateKeyBytes)
        #expect(throws: TraceCryptoError(.wrongPassphrase, field: "", reason: "")) { try parsed.signingKey(passphrase: Array("wrong".utf8)) }
        #expect(throws: TraceCryptoError(.wrongPassphrase, field: "", reason: "")) { try parsed.signingKey(passphrase: nil) }
    }

    @Test func r5_3_4_plainKeyFileRoundTrips() throws {
        let key = SigningKey.generate(.sm2)
        let file = try KeyFile(key: key, passphrase: nil)
        #expect(file.encrypted == nil)
        #expect(try KeyFile.parse(file.jsonBytes).signingKey(passphrase: nil).publicKey == key.publicKey)
    }

    /// Swapping the public key or algorithm of an encrypted file is detected.
    @Test func r5_3_4_alteredHeaderIsDetected() throws {
        let key = SigningKey.generate(.p256)
        let file = try KeyFile(key: key, passphrase: Self.passphrase, scrypt: Self.cheap)
        let text = String(decoding: file.jsonBytes, as: UTF8.self)
        let otherKey = Hex.encode(SigningKey.generate(.p256).publicKey.rawBytes)
        let swapped = text.replacingOccurrences(of: file.publicKey, with: otherKey)
        #expect(throws: TraceCryptoError.self) { try KeyFile.parse(Array(swapped.utf8)).signingKey(passphrase: Self.passphrase) }
        let relabelled = text.replacingOccurrences(of: "\"p256\"", with: "\"sm2\"")
        #expect(throws: TraceCryptoError.self) { try KeyFile.parse(Array(relabelled.utf8)).signingKey(passphrase: Self.passphrase) }
        let expensive = text.replacingOccurrences(of: "\"logN\" : 10", with: "\"logN\" : 30")
        #expect(expensive != text)
        #expect(throws: TraceCryptoError(.malformed, field: "", reason: "")) { try KeyFile.parse(Array(expensive.utf8)).signingKey(passphrase: Self.passphrase) }
    }

    @Test func r5_3_4_keyFileParserSurvivesRandomAndMutatedBytes() throws {
        var random = SeededGenerator(seed: 0x5EED_0007)
        let key = SigningKey.generate(.ed25519)
        let good = try KeyFile(key: key, passphrase: nil).jsonBytes
        var opened = 0
        for round in 0..<1500 {
            let bytes = round % 4 == 0 ? random.bytes(Int.random(in: 0...300, using: &random)) : random.mutate(good)
            guard let file = try? KeyFile.parse(bytes), let loaded = try? file.signingKey(passphrase: nil) else { continue }
            opened += 1
            #expect(loaded.publicKey == key.publicKey || Hex.encode(loaded.publicKey.rawBytes) == file.publicKey.lowercased())
        }
        #expect(opened > 0)
    }
}
