import COpenSSL
import Crypto
import Foundation

/// PEM forms (PKCS#8 private keys, SubjectPublicKeyInfo public keys) so keys
/// made here work with the `openssl` command line and other tools.
extension SigningKey {
    /// PKCS#8 "PRIVATE KEY" PEM.
    public var privateKeyPEM: String {
        switch self {
        case .p256(let signer): return signer.cryptoKitKey.pemRepresentation
        case .ed25519(let signer):
            // RFC 8410 §7: OneAsymmetricKey { v1, id-Ed25519, OCTET STRING { OCTET STRING seed } }.
            let prefix: [UInt8] = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
            return PEMText.wrap(prefix + signer.seed, label: "PRIVATE KEY")
        case .sm2(let signer): return signer.key.pem(privatePart: true)
        }
    }
}

extension PublicKey {
    /// SubjectPublicKeyInfo "PUBLIC KEY" PEM; throws when the raw bytes are not a valid key.
    public func pem() throws(TraceCryptoError) -> String {
        try validate()
        switch algorithm {
        case .p256:
            guard let key = try? P256.Signing.PublicKey(x963Representation: rawBytes) else {
                throw TraceCryptoError(.invalidKey, field: "publicKey", reason: "not a P-256 point")
            }
            return key.pemRepresentation
        case .ed25519:
            // RFC 8410 §4: SEQUENCE { id-Ed25519, BIT STRING key }.
            let prefix: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]
            return PEMText.wrap(prefix + rawBytes, label: "PUBLIC KEY")
        case .sm2: return try SM2Key.fromPublic(rawBytes).pem(privatePart: false)
        }
    }
}

extension SM2Key {
    /// OpenSSL's PEM of this key: PKCS#8 private key or SubjectPublicKeyInfo.
    func pem(privatePart: Bool) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { preconditionFailure("BIO_new failed") }
        defer { BIO_free(bio) }
        let written = privatePart
            ? PEM_write_bio_PrivateKey(bio, pkey, nil, nil, 0, nil, nil)
            : PEM_write_bio_PUBKEY(bio, pkey)
        precondition(written == 1, "PEM export of an SM2 key failed")
        let count = Int(BIO_ctrl_pending(bio))
        var out = [UInt8](repeating: 0, count: count)
        let read = BIO_read(bio, &out, Int32(count))
        precondition(read == Int32(count), "BIO_read failed")
        return String(decoding: out, as: UTF8.self)
    }
}

enum PEMText {
    static func wrap(_ der: [UInt8], label: String) -> String {
        let base64 = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN \(label)-----\n\(base64)\n-----END \(label)-----\n"
    }
}
