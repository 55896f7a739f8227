import Crypto

extension PublicKey {
    /// Whether `signature` is a valid signature of `message` under this key.
    /// A signature of another scheme is never valid. Malformed keys or signatures
    /// are simply invalid: an expected outcome, not a throw.
    ///
    /// P-256 accepts both low-S and high-S r‖s (WebCrypto emits either; a
    /// transaction id never covers the signature, so the malleability changes
    /// no id); store `Signature.normalised`. SM2 uses the default user id.
    public func isValidSignature(_ signature: Signature, for message: [UInt8]) -> Bool {
        guard signature.algorithm == algorithm else { return false }
        switch algorithm {
        case .ed25519:
            guard rawBytes.count == 32, signature.rawBytes.count == 64,
                  let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawBytes) else { return false }
            return key.isValidSignature(signature.rawBytes, for: message)
        case .p256:
            guard signature.rawBytes.count == 64, let key = P256KeyCache.publicKey(rawBytes),
                  let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signature.rawBytes) else { return false }
            return key.isValidSignature(ecdsa, for: message)
        case .sm2:
            guard signature.rawBytes.count == 64, let key = try? SM2KeyCache.publicKey(rawBytes) else { return false }
            return key.verify(signature.rawBytes, for: message)
        }
    }

    /// Checks the raw bytes form a valid public key of `algorithm` (length, curve membership).
    public func validate() throws(TraceCryptoError) {
        switch algorithm {
        case .ed25519:
            guard rawBytes.count == 32, (try? Curve25519.Signing.PublicKey(rawRepresentation: rawBytes)) != nil else {
                throw TraceCryptoError(.invalidKey, field: "publicKey", reason: "Ed25519 public key must be 32 bytes")
            }
        case .p256:
            guard P256KeyCache.publicKey(rawBytes) != nil else {
                throw TraceCryptoError(.invalidKey, field: "publicKey", reason: "not an uncompressed P-256 point on the curve")
            }
        case .sm2:
            _ = try SM2Key.fromPublic(rawBytes)
        }
    }
}
