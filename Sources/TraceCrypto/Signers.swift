import Crypto

/// ECDSA over NIST P-256 with SHA-256 (FIPS 186-4), from swift-crypto.
/// Signatures are 64-byte r‖s (the IEEE P1363 form WebCrypto produces) and are
/// normalised to low-S (s ≤ n/2) when made here.
public struct P256Signer: Signer {
    private let key: P256.Signing.PrivateKey
    public let publicKey: PublicKey

    /// A fresh random key.
    public init() { self.init(key: P256.Signing.PrivateKey()) }

    /// A key from its 32-byte private scalar.
    public init(privateKey: [UInt8]) throws(TraceCryptoError) {
        guard privateKey.count == 32, let key = try? P256.Signing.PrivateKey(rawRepresentation: privateKey) else {
            throw TraceCryptoError(.invalidKey, field: "privateKey", reason: "P-256 private key must be a 32-byte scalar in [1, n-1]")
        }
        self.init(key: key)
    }

    private init(key: P256.Signing.PrivateKey) {
        self.key = key
        self.publicKey = PublicKey(algorithm: .p256, rawBytes: Array(key.publicKey.x963Representation))
    }

    /// The 32-byte private scalar; handle with care.
    public var privateKeyBytes: [UInt8] { Array(key.rawRepresentation) }

    /// The private key as swift-crypto holds it (for X.509 issuing).
    public var cryptoKitKey: P256.Signing.PrivateKey { key }

    public func sign(_ message: [UInt8]) throws -> Signature {
        let raw = Array(try key.signature(for: message).rawRepresentation)
        return Signature(algorithm: .p256, rawBytes: P256LowS.normalise(raw))
    }
}

/// SM2 (GB/T 32918.2) with SM3 and the default user id "1234567812345678",
/// through the system OpenSSL 3. Signatures are randomised, 64-byte r‖s.
public struct SM2Signer: Signer {
    let key: SM2Key
    public let publicKey: PublicKey

    /// A fresh random key.
    public init() { self.init(key: SM2Key.generate()) }

    /// A key from its 32-byte private scalar d (1 ≤ d ≤ n − 2).
    public init(privateKey: [UInt8]) throws(TraceCryptoError) {
        self.init(key: try SM2Key.fromPrivate(privateKey))
    }

    init(key: SM2Key) {
        self.key = key
        self.publicKey = PublicKey(algorithm: .sm2, rawBytes: key.publicBytes)
    }

    /// The 32-byte private scalar; handle with care.
    public var privateKeyBytes: [UInt8] { key.privateBytes }

    public func sign(_ message: [UInt8]) throws -> Signature {
        Signature(algorithm: .sm2, rawBytes: try key.sign(message))
    }
}

/// Low-S normalisation of P-256 r‖s signatures: (r, s) and (r, n − s) both
/// verify, so signers here always emit the smaller s.
public enum P256LowS {
    /// Group order n of P-256 (FIPS 186-4 D.1.2.3).
    static let order: [UInt8] = try! Hex.decode("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")
    /// ⌊n / 2⌋.
    static let halfOrder: [UInt8] = try! Hex.decode("7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8")

    /// Whether the s half of a 64-byte r‖s is at most n/2.
    public static func isLowS(_ raw: [UInt8]) -> Bool {
        guard raw.count == 64 else { return false }
        return !SM2Curve.lessThan(halfOrder, Array(raw[32...]))
    }

    /// r‖(n − s) when s > n/2, else the input unchanged. Not for untrusted
    /// input longer or shorter than 64 bytes (returned unchanged).
    public static func normalise(_ raw: [UInt8]) -> [UInt8] {
        guard raw.count == 64, !isLowS(raw), SM2Curve.lessThan(Array(raw[32...]), order) else { return raw }
        return Array(raw[..<32]) + subtract(order, Array(raw[32...]))
    }

    /// lhs − rhs for big-endian integers with lhs ≥ rhs.
    static func subtract(_ lhs: [UInt8], _ rhs: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: lhs.count)
        var borrow = 0
        for index in stride(from: lhs.count - 1, through: 0, by: -1) {
            var digit = Int(lhs[index]) - Int(rhs[index]) - borrow
            borrow = digit < 0 ? 1 : 0
            if digit < 0 { digit += 256 }
            out[index] = UInt8(digit)
        }
        precondition(borrow == 0, "subtract needs lhs ≥ rhs")
        return out
    }
}

extension Signature {
    /// The canonical form to store: low-S for P-256, unchanged for Ed25519 and SM2.
    public var normalised: Signature {
        algorithm == .p256 ? Signature(algorithm: .p256, rawBytes: P256LowS.normalise(rawBytes)) : self
    }
}
