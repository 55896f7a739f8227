import TraceCrypto

/// The step a timeout belongs to (Algorithm 1, lines 57, 61, 65).
public enum TimeoutStep: UInt8, Sendable, Hashable {
    case propose = 1, prevote = 2, precommit = 3
}

public struct Timeout: Hashable, Sendable {
    public let height: Height
    public let round: Round
    public let step: TimeoutStep
    public init(height: Height, round: Round, step: TimeoutStep) {
        self.height = height
        self.round = round
        self.step = step
    }
}

/// The decided block of the previous height, with the certificate the next
/// block carries.
public struct PreviousBlock: Hashable, Sendable {
    public let block: ConsensusBlock
    public let certificate: CommitCertificate
    public init(block: ConsensusBlock, certificate: CommitCertificate) {
        self.block = block
        self.certificate = certificate
    }
}

/// Everything a height needs; the driver builds it after the previous block is applied.
public struct HeightStart: Hashable, Sendable {
    public let height: Height
    public let validators: ValidatorSet
    /// `nil` at height 1.
    public let previous: PreviousBlock?
    /// The time of height 1.
    public let genesisTime: Timestamp
    /// The application's value for this node to propose (getValue(), line 17).
    public let payload: [UInt8]
    /// How this chain's block ids are computed; a proposed block must use it.
    public let identity: BlockIdentity
    public init(height: Height, validators: ValidatorSet, previous: PreviousBlock?, genesisTime: Timestamp,
                payload: [UInt8], identity: BlockIdentity = .fields) {
        self.height = height
        self.validators = validators
        self.previous = previous
        self.genesisTime = genesisTime
        self.payload = payload
        self.identity = identity
    }

    /// The same start with another value to propose (`Event.updatePayload`).
    public func replacingPayload(_ payload: [UInt8]) -> HeightStart {
        HeightStart(height: height, validators: validators, previous: previous, genesisTime: genesisTime,
                    payload: payload, identity: identity)
    }
}

/// Inputs of the state machine. Local time comes with every step.
public enum Event: Hashable, Sendable {
    case startHeight(HeightStart)
    case proposal(Proposal)
    case vote(Vote)
    case timeout(Timeout)
    /// The application's verdict on a block asked for by `validateBlock`.
    case blockValidated(BlockID, valid: Bool)
    /// A decided block with its certificate, from a peer (block sync).
    case decisionReceived(ConsensusBlock, CommitCertificate)
    /// Re-broadcast time: real links drop messages.
    case tick
    /// The application's value for the current height, replacing the one its
    /// `HeightStart` carried: a node that does not propose in round 0 starts
    /// with a cheap value and builds its real one only when a round fails
    /// (issue 7: building a block nobody uses cost every other validator an
    /// execution per height). Ignored for another height.
    case updatePayload(Height, [UInt8])
}

/// What must be durable before messages leave: the node's own signed
/// message (WAL) and the signer state that forbids signing a conflict.
public struct PersistRecord: Hashable, Sendable {
    public let ownMessage: SignedMessage
    public let signerState: SignerState
}

/// Proof that a validator signed two conflicting messages for one (height, round, type).
public enum Evidence: Hashable, Sendable {
    case conflictingVotes(Vote, Vote)
    case conflictingProposals(Proposal, Proposal)
}

/// Outputs of the state machine, performed in order by the driver.
public enum Action: Hashable, Sendable {
    /// Durability order in the type: sync `record`, then send `messages`.
    case persistThenSend(PersistRecord, [SignedMessage])
    /// Re-send messages that were persisted earlier (own) or signed by others (proof of lock).
    case send([SignedMessage])
    case scheduleTimeout(Timeout, afterMilliseconds: Int64)
    /// Ask the application whether the block's payload is valid (valid(v)).
    case validateBlock(ConsensusBlock)
    /// The height is decided; apply the block, then start the next height.
    case decide(ConsensusBlock, CommitCertificate)
    case reportEvidence(Evidence)
    /// A quorum voted for a block this node lacks: ask peers for its proposal.
    case requestBlock(Height, Round, BlockID)
    /// Peers are at a later height: ask for the decision of `height`.
    case requestDecision(Height)
}
