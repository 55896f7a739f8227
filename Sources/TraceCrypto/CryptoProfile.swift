/// How sealed fields are encrypted (see `SealedValue`).
public enum SealingScheme: String, Codable, Sendable, CaseIterable, Hashable {
    /// X25519 ECDH + HKDF-SHA256 wraps a data key; AES-256-GCM encrypts the field.
    case x25519AESGCM = "x25519-hkdf-sha256-aes-256-gcm"
    /// SM2 public-key encryption wraps a data key; SM4-CTR + HMAC-SM3 encrypts the field.
    case sm2SM4 = "sm2-sm4-ctr-hmac-sm3"

    /// The key kind a reader's encryption key must have.
    public var keyKind: EncryptionKeyKind {
        switch self {
        case .x25519AESGCM: return .x25519
        case .sm2SM4: return .sm2
        }
    }
}

/// A chain's cryptography, fixed in its genesis:
/// `standard` (P-256 + SHA-256, Ed25519 allowed, X25519/AES-GCM sealing) or
/// `national` (SM2 + SM3 + SM4 for everything on chain). X.509 and peer TLS
/// stay P-256 in both (see docs/crypto.md).
public enum CryptoProfile: String, Codable, Sendable, CaseIterable, Hashable {
    case standard
    case national

    /// Signature schemes whose signatures the chain accepts on transactions and votes.
    public var signatureAlgorithms: [SignatureAlgorithm] {
        switch self {
        case .standard: return [.p256, .ed25519]
        case .national: return [.sm2]
        }
    }

    /// The scheme new keys get by default.
    public var defaultSignatureAlgorithm: SignatureAlgorithm {
        switch self {
        case .standard: return .p256
        case .national: return .sm2
        }
    }

    /// Block, state, Merkle and transaction-id hash.
    public var hash: HashAlgorithm {
        switch self {
        case .standard: return .sha256
        case .national: return .sm3
        }
    }

    public var sealing: SealingScheme {
        switch self {
        case .standard: return .x25519AESGCM
        case .national: return .sm2SM4
        }
    }

    public var merkleHasher: MerkleHasher { MerkleHasher(hash) }

    /// Whether the chain accepts signatures of `algorithm`.
    public func admits(_ algorithm: SignatureAlgorithm) -> Bool { signatureAlgorithms.contains(algorithm) }

    /// A fresh signing key of the profile's default scheme.
    public func newSigner() -> any Signer { newSigner(defaultSignatureAlgorithm) }

    /// A fresh signing key of `algorithm`.
    public func newSigner(_ algorithm: SignatureAlgorithm) -> any Signer {
        switch algorithm {
        case .p256: return P256Signer()
        case .ed25519: return Ed25519Signer()
        case .sm2: return SM2Signer()
        }
    }
}
