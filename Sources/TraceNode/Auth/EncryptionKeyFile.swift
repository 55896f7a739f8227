import Foundation
import TraceCrypto

/// An encryption key pair at rest: its kind, public key, and its
/// 32-byte private key protected exactly as a signing key file protects one.
/// `KeyFile` holds 32 private bytes under scrypt → AES-256-GCM, so the
/// private key rides in a carrier key file whose scheme takes the same 32
/// bytes — an Ed25519 seed for X25519, an SM2 scalar for SM2. The carrier's
/// own public key is never published nor used to sign; the file's
/// `publicKey` is the encryption key's.
struct EncryptionKeyFile: Codable {
    var version: Int
    var kind: EncryptionKeyKind
    var publicKey: String
    var carrier: KeyFile

    init(_ pair: EncryptionKeyPair, passphrase: [UInt8]?) throws(AuthError) {
        version = 1
        kind = pair.publicKey.kind
        publicKey = Hex.encode(pair.publicKey.rawBytes)
        let kind = self.kind
        carrier = try OrganisationKeys.wrap { () throws(TraceCryptoError) in
            try KeyFile(key: SigningKey(algorithm: Self.carrierAlgorithm(kind), privateKey: pair.privateKeyBytes), passphrase: passphrase)
        }
    }

    static func carrierAlgorithm(_ kind: EncryptionKeyKind) -> SignatureAlgorithm {
        switch kind {
        case .x25519: return .ed25519
        case .sm2: return .sm2
        }
    }

    func jsonBytes() throws(AuthError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else {
            throw AuthError(.storage, field: OrganisationKeys.encryptionFileName, rule: "cannot encode")
        }
        return Array(data)
    }

    static func parse(_ bytes: [UInt8]) throws(AuthError) -> EncryptionKeyFile {
        guard let file = try? JSONDecoder().decode(EncryptionKeyFile.self, from: Data(bytes)), file.version == 1,
              file.carrier.alg == carrierAlgorithm(file.kind) else {
            throw AuthError(.corruptStore, field: OrganisationKeys.encryptionFileName, rule: "not a version 1 encryption key file")
        }
        return file
    }

    func encryptionPublicKey() throws(AuthError) -> EncryptionPublicKey {
        let raw = try OrganisationKeys.wrap { () throws(TraceCryptoError) in try Hex.decode(publicKey, field: "publicKey") }
        return EncryptionPublicKey(kind: kind, rawBytes: raw)
    }

    func keyPair(passphrase: [UInt8]?) throws(AuthError) -> EncryptionKeyPair {
        let carrier = self.carrier
        let kind = self.kind
        let pair = try OrganisationKeys.wrap { () throws(TraceCryptoError) in
            try EncryptionKeyPair(kind: kind, privateKey: carrier.signingKey(passphrase: passphrase).privateKeyBytes)
        }
        guard pair.publicKey == (try encryptionPublicKey()) else {
            throw AuthError(.corruptStore, field: "publicKey", rule: "does not match the private key")
        }
        return pair
    }
}
