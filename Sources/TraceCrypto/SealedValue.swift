import Crypto

/// A data key wrapped for one named reader.
public struct WrappedKey: Codable, Hashable, Sendable {
    public let readerId: String
    /// X25519: the sender's ephemeral public key (32 bytes). SM2: empty.
    public let ephemeralPublicKey: [UInt8]
    /// X25519: AES-256-GCM nonce ‖ ciphertext ‖ tag of the data key. SM2: the GM/T 0009 DER ciphertext.
    public let wrapped: [UInt8]
}

/// A field encrypted once with a fresh data key, that key wrapped for each
/// named reader (issue 3 §7). Everything — scheme, associated data, every
/// reader id and wrapped key — is authenticated by the field's tag, so any
/// tampering fails for every reader; a reader opens only what was wrapped for it.
public struct SealedValue: Codable, Hashable, Sendable {
    public let scheme: SealingScheme
    /// AES-GCM: 12-byte nonce. SM4-CTR: 16-byte initial counter block.
    public let nonce: [UInt8]
    /// Ciphertext ‖ tag (16 bytes for AES-GCM, 32 for HMAC-SM3).
    public let ciphertext: [UInt8]
    /// Sorted by reader id, no duplicates.
    public let recipients: [WrappedKey]

    public static let plaintextCountMax = 1 << 20
    public static let readerCountMax = 256
    public static let readerIdCountMax = 256

    /// Seals `plaintext` for `readers` (reader id → encryption key of `scheme.keyKind`).
    public static func seal(_ plaintext: [UInt8], for readers: [String: EncryptionPublicKey], scheme: SealingScheme,
                            associatedData: [UInt8] = []) throws(TraceCryptoError) -> SealedValue {
        try checkLimits(plaintextCount: plaintext.count, readerIds: Array(readers.keys))
        let dataKey = randomBytes(32)
        var recipients: [WrappedKey] = []
        for (readerId, key) in readers.sorted(by: { $0.key < $1.key }) {
            guard key.kind == scheme.keyKind else {
                throw TraceCryptoError(.unsupportedAlgorithm, field: "readers.\(readerId)", reason: "key kind \(key.kind.rawValue) does not fit \(scheme.rawValue)")
            }
            recipients.append(try KeyWrap.wrap(dataKey, for: readerId, key: key))
        }
        let aad = bodyAssociatedData(scheme: scheme, associatedData: associatedData, recipients: recipients)
        switch scheme {
        case .x25519AESGCM:
            let nonce = randomBytes(12)
            guard let gcmNonce = try? AES.GCM.Nonce(data: nonce),
                  let box = try? AES.GCM.seal(plaintext, using: SymmetricKey(data: dataKey), nonce: gcmNonce, authenticating: aad) else {
                throw TraceCryptoError(.libraryFailure, field: "ciphertext", reason: "AES-GCM sealing failed")
            }
            return SealedValue(scheme: scheme, nonce: nonce, ciphertext: Array(box.ciphertext) + Array(box.tag), recipients: recipients)
        case .sm2SM4:
            let iv = randomBytes(16)
            let sealed = SM4CTRHMAC.seal(plaintext, key: dataKey, iv: iv, associatedData: aad)
            return SealedValue(scheme: scheme, nonce: iv, ciphertext: sealed, recipients: recipients)
        }
    }

    /// Opens the field as `readerId` with its key pair. Throws `.notAReader`
    /// when nothing was wrapped for it, `.authenticationFailed` on any tampering.
    public func open(as readerId: String, with keyPair: EncryptionKeyPair, associatedData: [UInt8] = []) throws(TraceCryptoError) -> [UInt8] {
        try Self.checkLimits(plaintextCount: max(0, ciphertext.count - 32), readerIds: recipients.map(\.readerId))
        guard keyPair.publicKey.kind == scheme.keyKind else {
            throw TraceCryptoError(.unsupportedAlgorithm, field: "keyPair", reason: "a \(keyPair.publicKey.kind.rawValue) key cannot open \(scheme.rawValue)")
        }
        guard let entry = recipients.first(where: { $0.readerId == readerId }) else {
            throw TraceCryptoError(.notAReader, field: "recipients", reason: "nothing sealed for '\(readerId)'")
        }
        guard let dataKey = KeyWrap.unwrap(entry, with: keyPair), dataKey.count == 32 else {
            throw TraceCryptoError(.authenticationFailed, field: "recipients.\(readerId)", reason: "wrapped key does not open")
        }
        let aad = Self.bodyAssociatedData(scheme: scheme, associatedData: associatedData, recipients: recipients)
        let plaintext: [UInt8]?
        switch scheme {
        case .x25519AESGCM: plaintext = Self.openGCM(nonce: nonce, sealed: ciphertext, key: dataKey, aad: aad)
        case .sm2SM4: plaintext = SM4CTRHMAC.open(ciphertext, key: dataKey, iv: nonce, associatedData: aad)
        }
        guard let plaintext else { throw TraceCryptoError(.authenticationFailed, field: "ciphertext", reason: "tag mismatch") }
        return plaintext
    }

    private static func openGCM(nonce: [UInt8], sealed: [UInt8], key: [UInt8], aad: [UInt8]) -> [UInt8]? {
        guard nonce.count == 12, sealed.count >= 16,
              let box = try? AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: nonce), ciphertext: sealed.dropLast(16), tag: sealed.suffix(16)),
              let plain = try? AES.GCM.open(box, using: SymmetricKey(data: key), authenticating: aad) else { return nil }
        return Array(plain)
    }

    static func bodyAssociatedData(scheme: SealingScheme, associatedData: [UInt8], recipients: [WrappedKey]) -> [UInt8] {
        var writer = CanonicalWriter(domain: "crosstrace/sealed/v1\n")
        writer.writeString(scheme.rawValue)
        writer.writeBytes(associatedData)
        writer.writeUInt32(UInt32(recipients.count))
        for entry in recipients {
            writer.writeString(entry.readerId)
            writer.writeBytes(entry.ephemeralPublicKey)
            writer.writeBytes(entry.wrapped)
        }
        return writer.bytes
    }

    private static func checkLimits(plaintextCount: Int, readerIds: [String]) throws(TraceCryptoError) {
        guard plaintextCount <= plaintextCountMax else { throw TraceCryptoError(.malformed, field: "plaintext", reason: "longer than 1 MiB") }
        guard !readerIds.isEmpty, readerIds.count <= readerCountMax else {
            throw TraceCryptoError(.malformed, field: "readers", reason: "need 1 to \(readerCountMax) readers")
        }
        guard readerIds.allSatisfy({ !$0.isEmpty && $0.utf8.count <= readerIdCountMax }) else {
            throw TraceCryptoError(.malformed, field: "readers", reason: "reader ids are 1 to \(readerIdCountMax) bytes")
        }
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

/// Wrapping a data key for one reader.
enum KeyWrap {
    static let info = Array("crosstrace/seal/v1\n".utf8)

    static func wrap(_ dataKey: [UInt8], for readerId: String, key: EncryptionPublicKey) throws(TraceCryptoError) -> WrappedKey {
        switch key.kind {
        case .x25519:
            guard let readerKey = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: key.rawBytes) else {
                throw TraceCryptoError(.invalidKey, field: "readers.\(readerId)", reason: "bad X25519 key")
            }
            let ephemeral = Curve25519.KeyAgreement.PrivateKey()
            let ephemeralPublic = Array(ephemeral.publicKey.rawRepresentation)
            guard let kek = try? kekFor(ephemeral.sharedSecretFromKeyAgreement(with: readerKey), ephemeralPublic, key.rawBytes, readerId),
                  let box = try? AES.GCM.seal(dataKey, using: kek, authenticating: Array(readerId.utf8)),
                  let combined = box.combined else {
                throw TraceCryptoError(.invalidKey, field: "readers.\(readerId)", reason: "X25519 agreement failed")
            }
            return WrappedKey(readerId: readerId, ephemeralPublicKey: ephemeralPublic, wrapped: Array(combined))
        case .sm2:
            let readerKey = try SM2Key.fromPublic(key.rawBytes)
            return WrappedKey(readerId: readerId, ephemeralPublicKey: [], wrapped: try readerKey.encrypt(dataKey))
        }
    }

    static func unwrap(_ entry: WrappedKey, with keyPair: EncryptionKeyPair) -> [UInt8]? {
        switch keyPair.storage {
        case .x25519(let privateKey):
            guard entry.ephemeralPublicKey.count == 32, entry.wrapped.count == 60,
                  let ephemeral = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: entry.ephemeralPublicKey),
                  let shared = try? privateKey.sharedSecretFromKeyAgreement(with: ephemeral),
                  let box = try? AES.GCM.SealedBox(combined: entry.wrapped) else { return nil }
            let kek = kekFor(shared, entry.ephemeralPublicKey, keyPair.publicKey.rawBytes, entry.readerId)
            return (try? AES.GCM.open(box, using: kek, authenticating: Array(entry.readerId.utf8))).map { Array($0) }
        case .sm2(let key):
            guard entry.ephemeralPublicKey.isEmpty, entry.wrapped.count <= 256 else { return nil }
            return key.decrypt(entry.wrapped)
        }
    }

    /// HKDF-SHA256 (RFC 5869): salt = ephemeral public ‖ reader public, info = tag ‖ reader id.
    private static func kekFor(_ shared: SharedSecret, _ ephemeral: [UInt8], _ reader: [UInt8], _ readerId: String) -> SymmetricKey {
        shared.hkdfDerivedSymmetricKey(using: SHA256.self, salt: ephemeral + reader,
                                       sharedInfo: info + Array(readerId.utf8), outputByteCount: 32)
    }
}
