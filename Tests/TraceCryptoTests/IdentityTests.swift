import Foundation
import Testing
import X509
@testable import TraceCrypto
import TraceTestSupport

/// Real-name identities: a network CA issuing X.509 certificates (issue 3 §8, R-5.3.4).
@Suite struct IdentityTests {
    static let start = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01T00:00:00Z
    static let day: TimeInterval = 86_400

    static func makeCA(_ name: String = "crosstrace-test") throws -> NetworkCA {
        try NetworkCA(name: name, key: P256Signer(), notBefore: start, notAfter: start + 3650 * day)
    }

    static let nodeClaims = IdentityClaims(participantId: "exporter-01", nodeRoles: ["trade": .validator, "logistics": .replica])

    func issue(_ ca: NetworkCA, claims: IdentityClaims = nodeClaims, serial: UInt64 = 42) throws -> Certificate {
        try ca.issue(publicKey: P256Signer().publicKey, claims: claims, serial: serial, notBefore: Self.start, notAfter: Self.start + 365 * Self.day)
    }

    @Test func r5_3_4_issuedCertificateVerifiesAndCarriesClaims() async throws {
        let ca = try Self.makeCA()
        let leaf = try issue(ca)
        let result = await IdentityVerifier(networkCA: ca.certificate).verify(leaf, at: Self.start + 10 * Self.day)
        #expect(try result.get() == Self.nodeClaims)
        let names = try #require(try leaf.extensions.subjectAlternativeNames)
        let uris = names.compactMap { name -> String? in if case .uniformResourceIdentifier(let uri) = name { return uri }; return nil }
        #expect(uris == ["crosstrace:participant:exporter-01", "crosstrace:node:logistics:replica", "crosstrace:node:trade:validator"])
    }

    @Test func r5_3_4_outsideValidityIsRejected() async throws {
        let ca = try Self.makeCA()
        let leaf = try issue(ca)
        let verifier = IdentityVerifier(networkCA: ca.certificate)
        for time in [Self.start - Self.day, Self.start + 400 * Self.day] {
            let result = await verifier.verify(leaf, at: time)
            #expect(throws: TraceCryptoError(.certificateRejected, field: "", reason: "")) { try result.get() }
        }
    }

    @Test func r5_3_4_revokedCertificateIsRejected() async throws {
        let ca = try Self.makeCA()
        let leaf = try issue(ca, serial: 77)
        let verifier = IdentityVerifier(networkCA: ca.certificate, revokedSerials: [Certificate.SerialNumber(UInt64(77))])
        let result = await verifier.verify(leaf, at: Self.start + Self.day)
        #expect(throws: TraceCryptoError(.certificateRejected, field: "", reason: "")) { try result.get() }
        let other = try issue(ca, serial: 78)
        #expect(try await verifier.verify(other, at: Self.start + Self.day).get().participantId == "exporter-01")
    }

    @Test func r5_3_4_onlyTheNetworkCAIsTrusted() async throws {
        let ca = try Self.makeCA(), stranger = try Self.makeCA()
        let foreign = try issue(stranger)
        let result = await IdentityVerifier(networkCA: ca.certificate).verify(foreign, at: Self.start + Self.day)
        #expect(throws: TraceCryptoError(.certificateRejected, field: "", reason: "")) { try result.get() }
    }

    @Test func r5_3_4_onlyP256KeysAndCleanIdsAreIssued() throws {
        let ca = try Self.makeCA()
        #expect(throws: TraceCryptoError(.unsupportedAlgorithm, field: "", reason: "")) {
            try ca.issue(publicKey: SM2Signer().publicKey, claims: Self.nodeClaims, serial: 1, notBefore: Self.start, notAfter: Self.start + Self.day)
        }
        #expect(throws: TraceCryptoError(.malformed, field: "", reason: "")) {
            try ca.issue(publicKey: P256Signer().publicKey, claims: IdentityClaims(participantId: "a:b"), serial: 1, notBefore: Self.start, notAfter: Self.start + Self.day)
        }
    }

    @Test func r5_3_4_pemAndDERRoundTripAndDecodersSurviveGarbage() throws {
        let ca = try Self.makeCA()
        let leaf = try issue(ca)
        #expect(try CertificateCodec.certificate(pem: CertificateCodec.pem(leaf)) == leaf)
        let der = try CertificateCodec.der(leaf)
        #expect(try CertificateCodec.certificate(der: der) == leaf)
        var random = SeededGenerator(seed: 0x5EED_0008)
        var rejected = 0
        for round in 0..<1000 {
            let bytes = round % 4 == 0 ? random.bytes(Int.random(in: 0...400, using: &random)) : random.mutate(der)
            if (try? CertificateCodec.certificate(der: bytes)) == nil { rejected += 1 }
            _ = try? CertificateCodec.certificate(pem: String(decoding: bytes, as: UTF8.self))
        }
        #expect(rejected > 500)
    }

    /// A mutated certificate that still parses never verifies with different claims
    /// (only encodings that change no signed byte can verify at all).
    @Test func r5_3_4_mutatedCertificatesDoNotVerify() async throws {
        let ca = try Self.makeCA()
        let der = try CertificateCodec.der(try issue(ca))
        let verifier = IdentityVerifier(networkCA: ca.certificate)
        var random = SeededGenerator(seed: 0x5EED_0009)
        for _ in 0..<150 {
            let bytes = random.mutate(der)
            guard bytes != der, let mutated = try? CertificateCodec.certificate(der: bytes) else { continue }
            let result = await verifier.verify(mutated, at: Self.start + Self.day)
            if case .success(let claims) = result { #expect(claims == Self.nodeClaims) }
        }
    }
}
