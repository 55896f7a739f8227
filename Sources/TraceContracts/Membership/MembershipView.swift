import TraceConsensus
import TraceCrypto
import TraceLedger
import TraceModel

/// Whether a signer may write an information block (R-6.2.2, R-6.3.1.2);
/// raw values are stable reasons.
public enum WriteDecision: String, Sendable, Hashable, CaseIterable {
    case allowed
    case notRegistered
    case notVerified
    case suspended
    case revoked
    case nodeKindNotVerified

    public var isAllowed: Bool { self == .allowed }
}

/// Read-only view of membership state for other contracts (inside a
/// transaction) and for queries (on committed state).
public struct MembershipView {
    private let lookup: ([UInt8]) -> [UInt8]?

    /// The view a contract has while executing, through its context.
    public init(context: ContractContext, contract: String = MembershipContract.contractName) {
        lookup = { key in context.read(contract: contract, key: key) }
    }

    /// The view over committed state.
    public init(state: any StateReader, contract: String = MembershipContract.contractName) {
        let namespace = ContractContext.namespace(of: contract)
        lookup = { key in state.value(forKey: namespace + key) }
    }

    public func participant(signer: PublicKey) -> Participant? {
        lookup(MembershipKeys.participant(signer)).flatMap(Participant.init(canonicalBytes:))
    }

    public func participant(id: String) -> Participant? {
        lookup(MembershipKeys.participant(id: id)).flatMap(Participant.init(canonicalBytes:))
    }

    /// Whether `signer` may write `block` in the block at `height`: only a
    /// verified participant, and only through a node kind it was verified for.
    public func mayWrite(signer: PublicKey, block: InformationBlock, at height: Height) -> WriteDecision {
        writer(signer: signer, block: block, at: height).decision
    }

    /// `mayWrite` with the participant it read (one lookup for a contract
    /// that needs both: issue 7, the trace contract read it twice per record).
    public func writer(signer: PublicKey, block: InformationBlock, at height: Height)
        -> (decision: WriteDecision, participant: Participant?) {
        Self.writer(participant(signer: signer), block: block, at: height)
    }

    /// The write decision for a participant entry already read (nil: not registered).
    public static func writer(_ participant: Participant?, block: InformationBlock, at height: Height)
        -> (decision: WriteDecision, participant: Participant?) {
        guard let participant else { return (.notRegistered, nil) }
        return (decision(participant, block: block, at: height), participant)
    }

    private static func decision(_ participant: Participant, block: InformationBlock, at height: Height) -> WriteDecision {
        switch participant.status(at: height) {
        case .pending, .rejected: return .notVerified
        case .suspended: return .suspended
        case .revoked: return .revoked
        case .verified:
            return participant.nodeKinds.contains { $0.informationBlock == block } ? .allowed : .nodeKindNotVerified
        }
    }

    /// Participants verified at `height` for `kind`, by signer id.
    public func directory(nodeKind kind: NodeKind, at height: Height) -> [Participant] {
        verified(in: MembershipKeys.nodeKind(kind), at: height)
    }

    /// Participants of `country` verified at `height`, by signer id.
    public func directory(country: CountryCode, at height: Height) -> [Participant] {
        verified(in: MembershipKeys.country(country), at: height)
    }

    private func verified(in key: [UInt8], at height: Height) -> [Participant] {
        MembershipIndex.decode(lookup(key)).compactMap(participant(id:)).filter { $0.status(at: height) == .verified }
    }
}
