import TraceCrypto
import TraceModel

/// A demo participant: its signing key (the chain profile's scheme),
/// encryption key pair, and the membership `apply` payload it sends.
public struct DemoParticipant: Sendable {
    /// A short handle: `manufacturer`, `customs`, ….
    public let handle: String
    public let name: String
    public let subtype: ParticipantSubtype
    public let country: String
    public let signer: SigningKey
    public let encryption: EncryptionKeyPair
    public let payload: [String: CanonicalJSON]

    public var id: String { Participant.signerID(signer.publicKey) }
}

/// Deterministic key material and registration identifiers of the demo.
enum DemoKeys {
    static let domain = Array("crosstrace/demo/v1\n".utf8)

    /// 32 bytes from the seed and a label (SHA-256); the same seed gives the same keys.
    static func bytes(seed: UInt64, label: String) -> [UInt8] {
        let seedBytes = (0..<8).map { UInt8(truncatingIfNeeded: seed >> (8 * UInt64($0))) }
        return HashAlgorithm.sha256.hash(domain + seedBytes + Array(label.utf8))
    }

    static func signingKey(seed: UInt64, label: String, algorithm: SignatureAlgorithm) throws -> SigningKey {
        try SigningKey(algorithm: algorithm, privateKey: bytes(seed: seed, label: "sign/" + label))
    }

    static func encryption(seed: UInt64, label: String) throws -> EncryptionKeyPair {
        try EncryptionKeyPair(kind: .x25519, privateKey: bytes(seed: seed, label: "seal/" + label))
    }

    static let usccAlphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// A unified social credit code: 17 characters and their GB 32100-2015 check character.
    static func uscc(_ body: String) -> String {
        let values = body.compactMap { usccAlphabet.firstIndex(of: $0) }
        precondition(values.count == 17, "a USCC body is 17 characters of the alphabet")
        let sum = zip(values, usccWeights).reduce(0) { $0 + $1.0 * $1.1 }
        return body + String(usccAlphabet[(31 - sum % 31) % 31])
    }

    /// An LEI: 18 characters and their ISO 17442 (ISO 7064 MOD 97-10) check digits.
    static func lei(_ body: String) -> String {
        var remainder = 0
        for character in body + "00" {
            let digits = character.isNumber ? String(character) : String(Int(character.asciiValue ?? 0) - 55)
            for digit in digits { remainder = (remainder * 10 + Int(digit.asciiValue ?? 48) - 48) % 97 }
        }
        let check = 98 - remainder
        return body + (check < 10 ? "0" : "") + String(check)
    }
}
