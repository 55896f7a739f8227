/// A private signing key of any scheme, for key files and the command line.
public enum SigningKey: Sendable {
    case p256(P256Signer)
    case ed25519(Ed25519Signer)
    case sm2(SM2Signer)

    /// A fresh random key of `algorithm`.
    public static func generate(_ algorithm: SignatureAlgorithm) -> SigningKey {
        switch algorithm {
        case .p256: return .p256(P256Signer())
        case .ed25519: return .ed25519(Ed25519Signer())
        case .sm2: return .sm2(SM2Signer())
        }
    }

    /// A key from its 32-byte private form (P-256 / SM2 scalar, Ed25519 seed).
    public init(algorithm: SignatureAlgorithm, privateKey: [UInt8]) throws(TraceCryptoError) {
        switch algorithm {
        case .p256: self = .p256(try P256Signer(privateKey: privateKey))
        case .sm2: self = .sm2(try SM2Signer(privateKey: privateKey))
        case .ed25519:
            guard privateKey.count == 32, let signer = try? Ed25519Signer(seed: privateKey) else {
                throw TraceCryptoError(.invalidKey, field: "privateKey", reason: "Ed25519 seed must be 32 bytes")
            }
            self = .ed25519(signer)
        }
    }

    public var algorithm: SignatureAlgorithm { publicKey.algorithm }

    public var signer: any Signer {
        switch self {
        case .p256(let signer): return signer
        case .ed25519(let signer): return signer
        case .sm2(let signer): return signer
        }
    }

    public var publicKey: PublicKey { signer.publicKey }

    /// The 32-byte private form; handle with care.
    public var privateKeyBytes: [UInt8] {
        switch self {
        case .p256(let signer): return signer.privateKeyBytes
        case .ed25519(let signer): return signer.seed
        case .sm2(let signer): return signer.privateKeyBytes
        }
    }
}
