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
        case .sha256: return SHA256.hash(data: message).withUnsafeBytes { Array($0) }
        case .sm3: return OpenSSLPrimitives.sm3(message)
        }
    }

    /// The digest of `prefix ‖ first ‖ second`, without building the message
    /// first: every node and leaf of the state tree and of block Merkle trees
    /// is hashed this way, and the two concatenations allocated per node
    /// showed in a validator's profile (issue 7).
    public func hash(prefix: UInt8, _ first: [UInt8], _ second: [UInt8]) -> [UInt8] {
        switch self {
        case .sha256:
            var hasher = SHA256()
            withUnsafeBytes(of: prefix) { hasher.update(bufferPointer: $0) }
            first.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            second.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            return hasher.finalize().withUnsafeBytes { Array($0) }
        case .sm3:
            var message: [UInt8] = []
            message.reserveCapacity(1 + first.count + second.count)
            message.append(prefix)
            message += first
            message += second
            return OpenSSLPrimitives.sm3(message)
        }
    }
}
