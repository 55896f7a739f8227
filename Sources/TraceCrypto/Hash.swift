import Crypto

/// The hash functions a chain's crypto profile can name: SHA-256 (`standard`)
/// or SM3 (`national`, GB/T 32905).
public enum HashAlgorithm: String, Codable, Sendable, CaseIterable, Hashable {
    case sha256
    case sm3

    /// The digest of `message`.
    public func hash(_ message: [UInt8]) -> [UInt8] {
        switch self {
        case .sha256: return Array(SHA256.hash(data: message))
        case .sm3: preconditionFailure("SM3 lands with the crypto issue")
        }
    }
}
