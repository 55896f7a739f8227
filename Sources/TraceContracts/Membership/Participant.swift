import TraceConsensus
import TraceCrypto
import TraceModel

/// Where a participant stands in real-name verification (R-6.3.1.2).
public enum MembershipStatus: String, Sendable, Hashable, CaseIterable {
    /// Applied, awaiting a genesis verifier.
    case pending
    /// Verified: may write the blocks of its node kinds.
    case verified
    /// Refused by a verifier; may apply again.
    case rejected
    /// Write permission withheld until reinstated.
    case suspended
    /// Final: never verified again.
    case revoked

    var tag: UInt8 { UInt8(Self.allCases.firstIndex(of: self) ?? 0) }
}

/// A participant as the membership contract records it (R-6.3.1.2, R-7.2-a,
/// R-7.5-a): who it is, what it may operate, and its verification status.
/// A status change takes effect at `effectiveHeight` (the block after the
/// one that made it); before that `priorStatus` applies.
public struct Participant: Sendable, Hashable {
    /// The signing key: the transaction signer of the application.
    public let signer: PublicKey
    public let name: String
    public let type: ParticipantType
    /// The participant's country (ISO 3166-1 alpha-2); `CN` is mainland.
    public let country: CountryCode
    /// Requested node kinds, in R-6.2.2's order.
    public let nodeKinds: [NodeKind]
    /// Table 5 roles, in table order.
    public let roles: [Role]
    public let registration: RegistrationIdentifier
    /// GS1 company prefixes, sorted.
    public let gs1CompanyPrefixes: [String]
    /// Lowercase hex digests of qualification documents, sorted.
    public let documentHashes: [String]
    /// The separate encryption key sealed fields are encrypted to.
    public let encryptionKey: EncryptionPublicKey
    public internal(set) var status: MembershipStatus
    public internal(set) var priorStatus: MembershipStatus
    public internal(set) var effectiveHeight: Height
    /// The verifier's reason for the last decision (empty for a plain approval).
    public internal(set) var reason: String
    /// Hex SHA-256 of the DER certificate bound on verification, if any.
    public internal(set) var certificateFingerprint: String?
    /// The verifier that made the last decision.
    public internal(set) var decidedBy: PublicKey?

    /// The status in force in block `height`.
    public func status(at height: Height) -> MembershipStatus {
        height >= effectiveHeight ? status : priorStatus
    }

    /// The signer's identifier in state keys and payloads: `<alg>-<hex>`.
    public var signerID: String { Self.signerID(signer) }

    public static func signerID(_ key: PublicKey) -> String { key.algorithm.rawValue + "-" + Hex.encode(key.rawBytes) }

    /// Records `newStatus` decided in block `height`, effective from `height + 1`.
    mutating func change(to newStatus: MembershipStatus, at height: Height, reason: String, by verifier: PublicKey) {
        priorStatus = status(at: height)
        status = newStatus
        effectiveHeight = Height(height.rawValue &+ 1)
        self.reason = reason
        decidedBy = verifier
    }
}
