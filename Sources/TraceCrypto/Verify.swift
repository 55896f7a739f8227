import Crypto

extension PublicKey {
    /// Whether `signature` is a valid signature of `message` under this key.
    /// A signature of another scheme is never valid. Malformed keys or signatures
    /// are simply invalid: an expected outcome, not a throw.
    public func isValidSignature(_ signature: Signature, for message: [UInt8]) -> Bool {
        guard signature.algorithm == algorithm else { return false }
        switch algorithm {
        case .ed25519:
            guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawBytes) else { return false }
            return key.isValidSignature(signature.rawBytes, for: message)
        case .p256, .sm2:
            return false
        }
    }
}
