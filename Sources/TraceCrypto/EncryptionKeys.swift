import Crypto

/// The kind of a participant's encryption key (separate from its signing key).
public enum EncryptionKeyKind: String, Codable, Sendable, CaseIterable, Hashable {
    /// X25519 (RFC 7748), 32-byte public keys; `standard` profile.
    case x25519
    /// SM2 encryption (GB/T 32918.4), 65-byte uncompressed points; `national` profile.
    case sm2
}

/// A reader's public encryption key.
public struct EncryptionPublicKey: Codable, Hashable, Sendable {
    public let kind: EncryptionKeyKind
    public let rawBytes: [UInt8]

    public init(kind: EncryptionKeyKind, rawBytes: [UInt8]) {
        self.kind = kind
        self.rawBytes = rawBytes
    }
}

/// A participant's encryption key pair, used only to open sealed fields —
/// never to sign (R-5.3.4: encrypt with the public key, decrypt with the private one).
public struct EncryptionKeyPair: Sendable {
    enum Storage: Sendable {
        case x25519(Curve25519.KeyAgreement.PrivateKey)
        case sm2(SM2Key)
    }
    let storage: Storage
    public let publicKey: EncryptionPublicKey

    /// A fresh random key pair of `kind`.
    public init(kind: EncryptionKeyKind) {
        switch kind {
        case .x25519: self.init(storage: .x25519(Curve25519.KeyAgreement.PrivateKey()))
        case .sm2: self.init(storage: .sm2(SM2Key.generate()))
        }
    }

    /// A key pair from its 32-byte private key.
    public init(kind: EncryptionKeyKind, privateKey: [UInt8]) throws(TraceCryptoError) {
        switch kind {
        case .x25519:
            guard privateKey.count == 32, let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: privateKey) else {
                throw TraceCryptoError(.invalidKey, field: "privateKey", reason: "X25519 private key must be 32 bytes")
            }
            self.init(storage: .x25519(key))
        case .sm2: self.init(storage: .sm2(try SM2Key.fromPrivate(privateKey)))
        }
    }

    private init(storage: Storage) {
        self.storage = storage
        switch storage {
        case .x25519(let key): publicKey = EncryptionPublicKey(kind: .x25519, rawBytes: Array(key.publicKey.rawRepresentation))
        case .sm2(let key): publicKey = EncryptionPublicKey(kind: .sm2, rawBytes: key.publicBytes)
        }
    }

    /// The 32-byte private key; handle with care.
    public var privateKeyBytes: [UInt8] {
        switch storage {
        case .x25519(let key): return Array(key.rawRepresentation)
        case .sm2(let key): return key.privateBytes
        }
    }
}

/// SM4-CTR encryption with an HMAC-SM3 tag over (associated data, IV,
/// ciphertext), encrypt-then-MAC: the authenticated SM4 mode of the national
/// profile, since OpenSSL 3.0 has no SM4-GCM (`enc -sm4-gcm` is "unsupported").
/// The 32-byte key is SM4 key (16) ‖ MAC key (16).
enum SM4CTRHMAC {
    static let tagCount = 32

    static func seal(_ plaintext: [UInt8], key: [UInt8], iv: [UInt8], associatedData: [UInt8]) -> [UInt8] {
        precondition(key.count == 32 && iv.count == 16, "SM4-CTR-HMAC needs a 32-byte key and 16-byte IV")
        let ciphertext = OpenSSLPrimitives.sm4CTRApply(key: Array(key[..<16]), iv: iv, input: plaintext)
        return ciphertext + tag(key: key, iv: iv, ciphertext: ciphertext, associatedData: associatedData)
    }

    static func open(_ sealed: [UInt8], key: [UInt8], iv: [UInt8], associatedData: [UInt8]) -> [UInt8]? {
        guard key.count == 32, iv.count == 16, sealed.count >= tagCount else { return nil }
        let ciphertext = Array(sealed[..<(sealed.count - tagCount)])
        let expected = tag(key: key, iv: iv, ciphertext: ciphertext, associatedData: associatedData)
        guard constantTimeEqual(expected, Array(sealed[(sealed.count - tagCount)...])) else { return nil }
        return OpenSSLPrimitives.sm4CTRApply(key: Array(key[..<16]), iv: iv, input: ciphertext)
    }

    private static func tag(key: [UInt8], iv: [UInt8], ciphertext: [UInt8], associatedData: [UInt8]) -> [UInt8] {
        var writer = CanonicalWriter(domain: "crosstrace/sm4-ctr-hmac-sm3/v1\n")
        writer.writeBytes(associatedData)
        writer.writeBytes(iv)
        writer.writeBytes(ciphertext)
        return OpenSSLPrimitives.hmacSM3(key: Array(key[16...]), message: writer.bytes)
    }

    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) { difference |= left ^ right }
        return difference == 0
    }
}
