import Foundation
import Testing
@testable import TraceCrypto
import TraceTestSupport

/// Sealed fields: one encryption, the data key wrapped per named reader (issue 3 §7, R-5.3.4).
@Suite struct SealedValueTests {
    static let schemes = SealingScheme.allCases
    static let secret = Array("declared value: 1280.00 USD".utf8)
    static let context = Array("record 7 field price".utf8)

    static func readers(_ scheme: SealingScheme) -> [String: EncryptionKeyPair] {
        ["customs-ningbo": EncryptionKeyPair(kind: scheme.keyKind), "exporter-01": EncryptionKeyPair(kind: scheme.keyKind)]
    }

    static func seal(_ scheme: SealingScheme, _ readers: [String: EncryptionKeyPair]) throws -> SealedValue {
        try SealedValue.seal(secret, for: readers.mapValues(\.publicKey), scheme: scheme, associatedData: context)
    }

    @Test(arguments: schemes) func r5_3_4_eachReaderOpensAndOthersCannot(_ scheme: SealingScheme) throws {
        let readers = Self.readers(scheme)
        let sealed = try Self.seal(scheme, readers)
        #expect(sealed.recipients.map(\.readerId) == ["customs-ningbo", "exporter-01"])
        #expect(!sealed.ciphertext.starts(with: Self.secret))
        for (id, key) in readers { #expect(try sealed.open(as: id, with: key, associatedData: Self.context) == Self.secret) }
        let outsider = EncryptionKeyPair(kind: scheme.keyKind)
        #expect(throws: TraceCryptoError(.notAReader, field: "", reason: "")) { try sealed.open(as: "carrier", with: outsider, associatedData: Self.context) }
        #expect(throws: TraceCryptoError(.authenticationFailed, field: "", reason: "")) {
            try sealed.open(as: "exporter-01", with: outsider, associatedData: Self.context)
        }
        // A reader's key under another reader's name does not open it either.
        #expect(throws: TraceCryptoError.self) { try sealed.open(as: "exporter-01", with: readers["customs-ningbo"]!, associatedData: Self.context) }
    }

    /// Any flipped bit of nonce, ciphertext, wrapped key, ephemeral key, reader id or associated data is detected.
    @Test(arguments: schemes) func r5_3_4_everyTamperingIsDetected(_ scheme: SealingScheme) throws {
        let readers = Self.readers(scheme)
        let key = try #require(readers["exporter-01"])
        let sealed = try Self.seal(scheme, readers)
        var variants: [(SealedValue, [UInt8])] = []
        for bit in stride(from: 0, to: sealed.ciphertext.count * 8, by: 7) {
            variants.append((SealedValue(scheme: scheme, nonce: sealed.nonce, ciphertext: flipping(sealed.ciphertext, bit: bit), recipients: sealed.recipients), Self.context))
        }
        for bit in 0..<(sealed.nonce.count * 8) {
            variants.append((SealedValue(scheme: scheme, nonce: flipping(sealed.nonce, bit: bit), ciphertext: sealed.ciphertext, recipients: sealed.recipients), Self.context))
        }
        for index in sealed.recipients.indices {
            let entry = sealed.recipients[index]
            for bit in stride(from: 0, to: entry.wrapped.count * 8, by: 5) {
                variants.append((replacing(sealed, index, WrappedKey(readerId: entry.readerId, ephemeralPublicKey: entry.ephemeralPublicKey, wrapped: flipping(entry.wrapped, bit: bit))), Self.context))
            }
            for bit in 0..<(entry.ephemeralPublicKey.count * 8) {
                variants.append((replacing(sealed, index, WrappedKey(readerId: entry.readerId, ephemeralPublicKey: flipping(entry.ephemeralPublicKey, bit: bit), wrapped: entry.wrapped)), Self.context))
            }
            let renamed = WrappedKey(readerId: entry.readerId + "x", ephemeralPublicKey: entry.ephemeralPublicKey, wrapped: entry.wrapped)
            variants.append((replacing(sealed, index, renamed), Self.context))
        }
        for bit in 0..<(Self.context.count * 8) { variants.append((sealed, flipping(Self.context, bit: bit))) }
        let otherScheme = SealingScheme.allCases.first { $0 != scheme }!
        variants.append((SealedValue(scheme: otherScheme, nonce: sealed.nonce, ciphertext: sealed.ciphertext, recipients: sealed.recipients), Self.context))
        for (variant, context) in variants {
            #expect(throws: TraceCryptoError.self) { try variant.open(as: "exporter-01", with: key, associatedData: context) }
        }
        #expect(variants.count > 100)
    }

    private func replacing(_ sealed: SealedValue, _ index: Int, _ entry: WrappedKey) -> SealedValue {
        var recipients = sealed.recipients
        recipients[index] = entry
        return SealedValue(scheme: sealed.scheme, nonce: sealed.nonce, ciphertext: sealed.ciphertext, recipients: recipients)
    }

    @Test(arguments: schemes) func r5_3_4_serialisesAsJSONAndBinary(_ scheme: SealingScheme) throws {
        let readers = Self.readers(scheme)
        let sealed = try Self.seal(scheme, readers)
        let json = try JSONEncoder().encode(sealed)
        let fromJSON = try JSONDecoder().decode(SealedValue.self, from: json)
        let fromBinary = try SealedValue(canonicalBytes: sealed.canonicalBytes)
        #expect(fromJSON == sealed && fromBinary == sealed)
        #expect(try fromBinary.open(as: "customs-ningbo", with: readers["customs-ningbo"]!, associatedData: Self.context) == Self.secret)
    }

    @Test func r5_3_4_refusesMismatchedKeysAndLimits() {
        let x25519 = EncryptionKeyPair(kind: .x25519).publicKey
        #expect(throws: TraceCryptoError(.unsupportedAlgorithm, field: "", reason: "")) {
            try SealedValue.seal([1], for: ["a": x25519], scheme: .sm2SM4)
        }
        #expect(throws: TraceCryptoError(.malformed, field: "", reason: "")) { try SealedValue.seal([1], for: [:], scheme: .x25519AESGCM) }
        #expect(throws: TraceCryptoError(.invalidKey, field: "", reason: "")) {
            try SealedValue.seal([1], for: ["a": EncryptionPublicKey(kind: .sm2, rawBytes: [4, 1, 2])], scheme: .sm2SM4)
        }
    }

    @Test(arguments: EncryptionKeyKind.allCases) func r5_3_4_encryptionKeysRoundTrip(_ kind: EncryptionKeyKind) throws {
        let pair = EncryptionKeyPair(kind: kind)
        #expect(try EncryptionKeyPair(kind: kind, privateKey: pair.privateKeyBytes).publicKey == pair.publicKey)
    }

    @Test func r5_3_4_sealedDecoderSurvivesRandomAndMutatedBytes() throws {
        var random = SeededGenerator(seed: 0x5EED_0006)
        let readers = Self.readers(.sm2SM4)
        let key = try #require(readers["exporter-01"])
        let good = try Self.seal(.sm2SM4, readers).canonicalBytes
        for round in 0..<1500 {
            let bytes = round % 4 == 0 ? random.bytes(Int.random(in: 0...200, using: &random)) : random.mutate(good)
            guard bytes != good, let decoded = try? SealedValue(canonicalBytes: bytes) else { continue }
            #expect(throws: TraceCryptoError.self) { try decoded.open(as: "exporter-01", with: key, associatedData: Self.context) }
        }
    }

    /// SM4-CTR + HMAC-SM3: OpenSSL 3.0 offers no SM4-GCM, so this is the national AEAD.
    @Test func r5_3_1_sm4CTRHMACRoundTripsAndRejectsTampering() {
        let key = [UInt8](repeating: 0x11, count: 32), iv = [UInt8](repeating: 0x22, count: 16)
        let sealed = SM4CTRHMAC.seal(Self.secret, key: key, iv: iv, associatedData: [9])
        #expect(SM4CTRHMAC.open(sealed, key: key, iv: iv, associatedData: [9]) == Self.secret)
        #expect(SM4CTRHMAC.open(sealed, key: key, iv: iv, associatedData: [8]) == nil)
        #expect(SM4CTRHMAC.open(flipping(sealed, bit: 3), key: key, iv: iv, associatedData: [9]) == nil)
        #expect(SM4CTRHMAC.open(Array(sealed.prefix(10)), key: key, iv: iv, associatedData: [9]) == nil)
    }
}
