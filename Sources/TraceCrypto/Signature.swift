import Crypto
import Foundation

/// The signature schemes a chain's crypto profile can name.
/// Every public key and signature carries its algorithm, so a key of one scheme
/// never verifies another scheme's signature.
public enum SignatureAlgorithm: String, Codable, Sendable, CaseIterable, Hashable {
    /// ECDSA over NIST P-256 with SHA-256; signatures are 64-byte r‖s, low-S.
    case p256
    /// Ed25519 (RFC 8032).
    case ed25519
    /// SM2 (GB/T 32918) with SM3 and the user-ID digest Z_A.
    case sm2
}

/// A public key together with the scheme it belongs to.
public struct PublicKey: Hashable, Sendable, Codable {
    public let algorithm: SignatureAlgorithm
    /// The scheme's raw encoding: 32 bytes for Ed25519, 65-byte uncompressed SEC1 point for P-256 and SM2.
    public let rawBytes: [UInt8]

    public init(algorithm: SignatureAlgorithm, rawBytes: [UInt8]) {
        self.algorithm = algorithm
        self.rawBytes = rawBytes
    }

    /// Hashed and compared as whole byte runs: keys index the mempool's nonces,
    /// the directory and the signature cache, and byte-by-byte hashing of 65
    /// bytes showed under load (issue 7).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(algorithm)
        rawBytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.algorithm == rhs.algorithm && ByteKey.equal(lhs.rawBytes, rhs.rawBytes)
    }
}

/// A signature together with the scheme that made it.
public struct Signature: Hashable, Sendable, Codable {
    public let algorithm: SignatureAlgorithm
    public let rawBytes: [UInt8]

    public init(algorithm: SignatureAlgorithm, rawBytes: [UInt8]) {
        self.algorithm = algorithm
        self.rawBytes = rawBytes
    }
}

/// Anything that can sign bytes with one private key.
/// Consensus votes, transactions and certificates all sign through this protocol.
public protocol Signer: Sendable {
    var publicKey: PublicKey { get }
    func sign(_ message: [UInt8]) throws -> Signature
}

/// Ed25519 from swift-crypto. Signing is deterministic (RFC 8032), which the
/// simulator relies on to reproduce a run byte for byte from its seed.
public struct Ed25519Signer: Signer {
    private let key: Curve25519.Signing.PrivateKey
    public let publicKey: PublicKey

    /// A fresh random key.
    public init() {
        self.init(key: Curve25519.Signing.PrivateKey())
    }

    /// A key from its 32-byte seed (RFC 8032 "secret key").
    public init(seed: [UInt8]) throws {
        self.init(key: try Curve25519.Signing.PrivateKey(rawRepresentation: seed))
    }

    private init(key: Curve25519.Signing.PrivateKey) {
        self.key = key
        self.publicKey = PublicKey(algorithm: .ed25519, rawBytes: Array(key.publicKey.rawRepresentation))
    }

    /// The 32-byte seed; handle with care.
    public var seed: [UInt8] { Array(key.rawRepresentation) }

    public func sign(_ message: [UInt8]) throws -> Signature {
        Signature(algorithm: .ed25519, rawBytes: Array(try key.signature(for: message)))
    }
}
