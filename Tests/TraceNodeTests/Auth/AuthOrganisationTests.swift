import Foundation
import Testing
import TraceCrypto
import TraceLedger
import TraceNode
import TraceTestSupport

/// Issue 6 item 5: the node signs for its organisation's authenticated users
/// with the organisation key, and accepts client-signed transactions only
/// from the API key's own participant.
@Suite("Organisation keys and signer")
struct AuthOrganisationTests {
    static let payload: [String: CanonicalJSON] = ["key": .string("k1"), "value": .string("v1")]

    static func principal(_ participant: String) -> ApiPrincipal {
        ApiPrincipal(keyId: "0123456789ab", participant: participant, roles: [.informationProvider], nodeKinds: [.manufacturer])
    }

    @Test(arguments: [(CryptoProfile.standard, SignatureAlgorithm.p256), (.standard, .ed25519), (.national, .sm2)])
    func issue6_5_signedTransactionVerifies(profile: CryptoProfile, algorithm: SignatureAlgorithm) throws {
        let keys = try OrganisationKeys.generate(profile: profile, algorithm: algorithm)
        #expect(keys.encryptionKey.publicKey.kind == profile.sealing.keyKind)
        let signer = try OrganisationSigner(chain: "cbetc", profile: profile, signingKey: keys.signingKey)
        var generator = SeededGenerator(seed: 7)
        let nonce = OrganisationSigner.randomNonce(using: &generator)
        #expect(nonce.utf8.count == 32)
        let transaction = try signer.sign(for: Self.principal(keys.participantId), contract: "kv", action: "put",
                                          payload: Self.payload, time: 1_764_000_000_000, nonce: nonce)
        try transaction.check(chain: "cbetc", profile: profile)
        #expect(transaction.signer == keys.signingKey.publicKey)
        let decoded = try Transaction(wireBytes: transaction.wireBytes)
        try decoded.check(chain: "cbetc", profile: profile)
        #expect(ParticipantID.of(decoded.signer) == keys.participantId)
        #expect(keys.participantId.hasPrefix(algorithm.rawValue + "-"))
    }

    @Test func issue6_5_refusesAnotherParticipantsPrincipal() throws {
        let keys = try OrganisationKeys.generate(profile: .standard)
        let signer = try OrganisationSigner(chain: "cbetc", profile: .standard, signingKey: keys.signingKey)
        let other = try OrganisationKeys.generate(profile: .standard)
        #expect(throws: AuthError(.forbidden, field: "", rule: "")) {
            try signer.sign(for: Self.principal(other.participantId), contract: "kv", action: "put",
                            payload: Self.payload, time: 1, nonce: OrganisationSigner.randomNonce())
        }
    }

    @Test func issue6_5_profileMustAdmitTheKey() throws {
        #expect(throws: AuthError(.wrongProfile, field: "", rule: "")) { try OrganisationKeys.generate(profile: .national, algorithm: .p256) }
        let keys = try OrganisationKeys.generate(profile: .national)
        #expect(throws: AuthError(.wrongProfile, field: "", rule: "")) {
            try OrganisationSigner(chain: "cbetc", profile: .standard, signingKey: keys.signingKey)
        }
    }

    @Test func issue6_5_clientSignedTransactionMustBeThePrincipals() throws {
        let orgA = SigningKey.generate(.p256)
        let orgB = SigningKey.generate(.ed25519)
        let transaction = try Transaction.sign(chain: "cbetc", contract: "kv", action: "put", payload: Self.payload,
                                               nonce: OrganisationSigner.randomNonce(), time: 5, signer: orgB.signer)
        try ClientSignedTransaction.checkSigner(transaction, principal: nil)
        try ClientSignedTransaction.checkSigner(transaction, principal: Self.principal(ParticipantID.of(orgB.publicKey)))
        #expect(throws: AuthError(.signerMismatch, field: "", rule: "")) {
            try ClientSignedTransaction.checkSigner(transaction, principal: Self.principal(ParticipantID.of(orgA.publicKey)))
        }
    }

    @Test(arguments: CryptoProfile.allCases)
    func issue6_5_keysSurviveSaveAndLoad(profile: CryptoProfile) throws {
        let home = try AuthTempHome()
        defer { home.remove() }
        let keys = try OrganisationKeys.generate(profile: profile)
        let passphrase = Array("correct horse".utf8)
        try keys.save(home: home.path, passphrase: passphrase)
        #expect(throws: AuthError(.organisationExists, field: "", rule: "")) { try keys.save(home: home.path, passphrase: nil) }
        for name in [OrganisationKeys.signingFileName, OrganisationKeys.encryptionFileName] {
            let path = home.path + "/keys/" + name
            #expect(try home.permissions(path) == 0o600)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(!text.contains(Hex.encode(name == OrganisationKeys.signingFileName
                ? keys.signingKey.privateKeyBytes : keys.encryptionKey.privateKeyBytes)))
        }
        let loaded = try OrganisationKeys.load(home: home.path, passphrase: passphrase)
        #expect(loaded.signingKey.publicKey == keys.signingKey.publicKey)
        #expect(loaded.encryptionKey.publicKey == keys.encryptionKey.publicKey)
        #expect(loaded.encryptionKey.privateKeyBytes == keys.encryptionKey.privateKeyBytes)
        let identity = try OrganisationKeys.publicIdentity(home: home.path)
        #expect(identity.participantId == keys.participantId)
        #expect(identity.encryptionKey == keys.encryptionKey.publicKey)
        let sealed = try SealedValue.seal(Array("address".utf8), for: ["org": identity.encryptionKey], scheme: profile.sealing)
        #expect(try sealed.open(as: "org", with: loaded.encryptionKey) == Array("address".utf8))
        #expect(throws: AuthError(.wrongPassphrase, field: "", rule: "")) { try OrganisationKeys.load(home: home.path, passphrase: nil) }
        #expect(throws: AuthError(.wrongPassphrase, field: "", rule: "")) {
            try OrganisationKeys.load(home: home.path, passphrase: Array("wrong".utf8))
        }
    }

    /// A value sealed to the organisation's public encryption key opens with the loaded private key.
    @Test func issue6_5_unencryptedKeysAndMissingKeys() throws {
        let home = try AuthTempHome()
        defer { home.remove() }
        #expect(throws: AuthError(.organisationMissing, field: "", rule: "")) { try OrganisationKeys.publicIdentity(home: home.path) }
        let keys = try OrganisationKeys.generate(profile: .standard, algorithm: .ed25519)
        try keys.save(home: home.path, passphrase: nil)
        let loaded = try OrganisationKeys.load(home: home.path, passphrase: nil)
        #expect(loaded.participantId == keys.participantId)
        #expect(loaded.encryptionKey.privateKeyBytes == keys.encryptionKey.privateKeyBytes)
        let identity = try OrganisationKeys.publicIdentity(home: home.path)
        let sealed = try SealedValue.seal(Array("consignee".utf8), for: [identity.participantId: identity.encryptionKey],
                                          scheme: CryptoProfile.standard.sealing)
        #expect(try sealed.open(as: identity.participantId, with: loaded.encryptionKey) == Array("consignee".utf8))
    }
}
