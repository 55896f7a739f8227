import TraceCrypto

/// Tendermint (Buchman, Kwon, Milosevic, "The latest gossip on BFT
/// consensus", 2018, Algorithm 1) as a pure value: `step` takes an event and
/// the local time, returns actions in the order the driver must perform them.
/// No clock, no I/O, no randomness.
public struct Consensus: Sendable {
    public enum Step: UInt8, Sendable, Comparable {
        case propose = 0, prevote = 1, precommit = 2
        public static func < (lhs: Step, rhs: Step) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    struct Fired: Hashable { let line: Int; let round: Round }
    struct OwnVoteKey: Hashable { let round: Round; let type: VoteType }
    struct EvidenceKey: Hashable { let position: SignPosition; let index: Int }

    let config: ConsensusConfig
    let signer: any Signer
    let verifier: any SignatureVerifier
    var guardian: SignerGuard

    public internal(set) var height = Height(0)
    public internal(set) var round = Round(0)
    public internal(set) var step = Step.propose
    public internal(set) var lockedValue: ConsensusBlock?
    public internal(set) var lockedRound: Round?
    public internal(set) var validValue: ConsensusBlock?
    public internal(set) var validRound: Round?
    /// The decision of the current height, once made (line 51).
    public internal(set) var decision: ConsensusBlock?
    /// Whether the last event could change the state (the driver logs only those in the WAL).
    public internal(set) var lastEventMatters = false

    var start: HeightStart?
    var myIndex: Int?
    var rotation: ProposerRotation?
    var votes: [Round: RoundVotes] = [:]
    var proposals: [Round: Proposal] = [:]
    var blocks: [BlockID: ConsensusBlock] = [:]
    var validity: [BlockID: Bool] = [:]
    var validationRequested: Set<BlockID> = []
    var blockRequested: Set<BlockID> = []
    var fired: Set<Fired> = []
    var highestRoundSeen: [Round?] = []
    var evidenceReported: Set<EvidenceKey> = []
    /// Evidence of equivocation seen at this height, once per (validator, height, round, type).
    public internal(set) var evidence: [Evidence] = []
    var laterHeightSeen = false
    var ownVotes: [OwnVoteKey: Vote] = [:]
    var ownProposal: Proposal?
    var proofOfLock: [Vote] = []
    var localTime: Timestamp = 0

    /// A state machine that signs with `signer`. After a crash, `signerState`
    /// is the durable signer state and `recovered` the node's own messages of
    /// the current height found in the WAL; replaying the WAL's inputs then
    /// re-derives the same messages without signing anything new.
    public init(config: ConsensusConfig, signer: any Signer, verifier: any SignatureVerifier = DirectVerifier(),
                signerState: SignerState? = nil, recovered: [SignerState] = []) throws(ConsensusConfigError) {
        try config.validate()
        self.config = config
        self.signer = signer
        self.verifier = verifier
        self.guardian = SignerGuard(last: signerState, recovered: recovered)
    }

    /// The signer state of the last message signed.
    public var signerState: SignerState? { guardian.last }

    public var validators: ValidatorSet? { start?.validators }

    /// This node's own messages at the current height, for answering peers.
    public func proposal(for id: BlockID) -> Proposal? {
        proposals.keys.sorted().lazy.compactMap { self.proposals[$0] }.first { $0.block.id == id }
    }

    public mutating func step(_ event: Event, localTime: Timestamp) -> [Action] {
        self.localTime = localTime
        lastEventMatters = true
        var out: [Action] = []
        switch event {
        case .startHeight(let start): startHeight(start, &out)
        case .proposal(let proposal): receive(proposal, &out)
        case .vote(let vote): receive(vote, &out)
        case .timeout(let timeout): onTimeout(timeout, &out)
        case .blockValidated(let id, let valid): blockValidated(id, valid)
        case .decisionReceived(let block, let certificate): receiveDecision(block, certificate, &out)
        case .tick:
            lastEventMatters = false
            rebroadcast(&out)
        case .updatePayload(let height, let payload):
            if let start, start.height == height, decision == nil {
                self.start = start.replacingPayload(payload)
            } else {
                lastEventMatters = false
            }
        }
        if start != nil, decision == nil { applyRules(&out) }
        return out
    }

    /// The proposer of (current height, `round`).
    mutating func proposer(_ round: Round) -> Int {
        rotation?.proposer(height: height, round: round) ?? 0
    }

    private mutating func startHeight(_ start: HeightStart, _ out: inout [Action]) {
        guard start.height > height else {
            lastEventMatters = false
            return
        }
        self.start = start
        height = start.height
        myIndex = start.validators.index(of: signer.publicKey)
        rotation = ProposerRotation(start.validators)
        (lockedValue, lockedRound, validValue, validRound, decision) = (nil, nil, nil, nil, nil)
        votes = [:]
        proposals = [:]
        blocks = [:]
        validity = [:]
        validationRequested = []
        blockRequested = []
        fired = []
        highestRoundSeen = Array(repeating: nil, count: start.validators.count)
        evidenceReported = []
        evidence = []
        laterHeightSeen = false
        ownVotes = [:]
        ownProposal = nil
        proofOfLock = []
        guardian.startHeight(start.height)
        startRound(Round(0), &out)
    }

    private mutating func blockValidated(_ id: BlockID, _ valid: Bool) {
        guard validationRequested.contains(id), validity[id] == nil else {
            lastEventMatters = false
            return
        }
        validity[id] = valid
    }

    private mutating func onTimeout(_ timeout: Timeout, _ out: inout [Action]) {
        guard timeout.height == height, timeout.round == round, decision == nil else {
            lastEventMatters = false
            return
        }
        switch timeout.step {
        case .propose where step == .propose:  // lines 57–60
            castVote(.prevote, nil, &out)
            step = .prevote
        case .prevote where step == .prevote:  // lines 61–64
            castVote(.precommit, nil, &out)
            step = .precommit
        case .precommit:  // lines 65–67
            startRound(Round(round.rawValue + 1), &out)
        default:
            lastEventMatters = false
        }
    }

    private mutating func receiveDecision(_ block: ConsensusBlock, _ certificate: CommitCertificate,
                                          _ out: inout [Action]) {
        guard let start, block.height == height, decision == nil, certificate.height == height,
              certificate.blockID == block.id, isStructurallyValid(block),
              certificate.verify(start.validators, verifier: verifier) else {
            lastEventMatters = false
            return
        }
        decision = block
        out.append(.decide(block, certificate))
    }
}
