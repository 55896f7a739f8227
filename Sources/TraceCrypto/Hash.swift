import Crypto

/// The hash functions a chain's crypto profile can name: SHA-256 (`standard`,
/// FIPS 180-4, from swift-crypto) or SM3 (`national`, GB/T 32905-2016, from
/// the system OpenSSL 3). Both give 32 bytes.
public enum HashAlgorithm: String, Codable, Sendable, CaseIterable, Hashable {
    case sha256
    case sm3

    /// The digest size in bytes.
    public var digestCount: Int { 32 }

    /// The digest of `message`.
    public func hash(_ message: [UInt8]) -> [UInt8] {
        switch self {
        case .sha256: return Array(SHA256.hash(data: message))
        case .sm3: return OpenSSLPrimitives.sm3(message)
        }
    }
}
