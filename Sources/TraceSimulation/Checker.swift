import TraceConsensus
import TraceCrypto
import TraceLedger

/// Invariants checked continuously while a simulation runs. Byzantine
/// validators (including every twin) are exempt from the per-node rules.
struct Checker {
    struct SignKey: Hashable { let validator: Int; let position: SignPosition }
    struct PolkaKey: Hashable { let height: Height; let round: Round; let blockID: BlockID }
    struct PrevoterKey: Hashable { let polka: PolkaKey; let validator: Int }
    struct Lock { let height: Height; let round: Round; let blockID: BlockID }

    let validators: ValidatorSet
    let byzantine: Set<Int>
    let verifier: any SignatureVerifier
    private(set) var checks = 0
    private(set) var violations: [String] = []
    private(set) var decided: [Height: (node: Int, decision: StoredDecision)] = [:]
    private var signed: [SignKey: [UInt8]] = [:]
    private var prevotePower: [PolkaKey: UInt64] = [:]
    private var prevoters: Set<PrevoterKey> = []
    private var locks: [Int: Lock] = [:]
    private var heights: [Int: Height] = [:]
    private var durableChains: [Int: [BlockID]] = [:]
    /// Every own message a correct node sent, by node and position.
    private var sentByNode: [Int: [SignPosition: [UInt8]]] = [:]
    static let violationsMax = 20

    init(validators: ValidatorSet, byzantine: Set<Int>, verifier: any SignatureVerifier) {
        self.validators = validators
        self.byzantine = byzantine
        self.verifier = verifier
    }

    mutating func fail(_ text: String) {
        if violations.count < Self.violationsMax { violations.append(text) }
    }

    /// A message leaves `node` (validator `validator`).
    mutating func noteSent(node: Int, validator: Int, _ message: SignedMessage) {
        checks += 1
        let correct = !byzantine.contains(validator) && message.signerIndex == validator
        if correct { checkSingleSignature(node: node, message) }
        guard case .vote(let vote) = message else { return }
        if vote.type == .prevote, let id = vote.blockID {
            let polka = PolkaKey(height: vote.height, round: vote.round, blockID: id)
            if prevoters.insert(PrevoterKey(polka: polka, validator: vote.validatorIndex)).inserted {
                prevotePower[polka, default: 0] += validators.power(of: vote.validatorIndex)
            }
            if correct { checkLockDiscipline(node: node, vote, id) }
        }
        if correct, vote.type == .precommit, let id = vote.blockID {
            if let lock = locks[node], lock.height == vote.height, lock.round >= vote.round { return }
            locks[node] = Lock(height: vote.height, round: vote.round, blockID: id)
        }
    }

    /// No correct node signs two different messages for one (height, round, type), even across restarts.
    private mutating func checkSingleSignature(node: Int, _ message: SignedMessage) {
        let (position, bytes): (SignPosition, [UInt8])
        switch message {
        case .proposal(let p): (position, bytes) = (SignPosition(height: p.height, round: p.round, step: 0), p.signBytes)
        case .vote(let v): (position, bytes) = (SignPosition(height: v.height, round: v.round, step: v.type.rawValue), v.signBytes)
        }
        let key = SignKey(validator: message.signerIndex, position: position)
        if let earlier = signed[key], earlier != bytes {
            fail("double signing: validator \(key.validator) (node \(node)) signed two messages at height \(position.height) round \(position.round) step \(position.step)")
        }
        signed[key] = bytes
    }

    /// A correct node locked on B at round r prevotes another block at r' > r
    /// only after a polka for it in a round in [r, r').
    private mutating func checkLockDiscipline(node: Int, _ vote: Vote, _ id: BlockID) {
        guard let lock = locks[node], lock.height == vote.height, lock.round < vote.round, lock.blockID != id else { return }
        let justified = (lock.round.rawValue..<vote.round.rawValue).contains { round in
            validators.isQuorum(prevotePower[PolkaKey(height: vote.height, round: Round(round), blockID: id)] ?? 0)
        }
        if !justified {
            fail("lock discipline: node \(node) locked on \(lock.blockID) at height \(lock.height) round \(lock.round) prevoted \(id) in round \(vote.round) without a polka")
        }
    }

    /// No vote leaves before its sync: the WAL record holding it is durable.
    mutating func checkDurable(node: Int, _ message: SignedMessage, recordEnd: Int?, durableSize: Int) {
        checks += 1
        let state = ConsensusWAL.signerState(of: message)
        sentByNode[node, default: [:]][state.position] = state.signBytes
        guard let recordEnd, recordEnd <= durableSize else {
            fail("durability: node \(node) sent its \(message.kindName) at height \(message.height) before syncing it")
            return
        }
    }

    /// Heights never regress.
    mutating func checkHeight(node: Int, _ height: Height) {
        checks += 1
        if let seen = heights[node], height < seen { fail("height regressed: node \(node) went from \(seen) to \(height)") }
        heights[node] = height
    }

    /// A node made `decision` durable on top of `chain` (its previous blocks).
    mutating func noteCommitted(node: Int, correct: Bool, _ decision: StoredDecision, chain: [StoredDecision],
                                committed: Set<UInt64>) {
        checks += 4
        let block = decision.block
        if !decision.certificate.verify(validators, verifier: verifier) || decision.certificate.blockID != block.id {
            fail("validity: node \(node) decided height \(block.height) without a valid commit certificate")
        }
        if !SimApplication.isValid(block.payload, committed: committed) {
            fail("validity: node \(node) decided an invalid payload at height \(block.height)")
        }
        if let previous = chain.last {
            let linked = block.previousBlockID == previous.block.id && block.time > previous.block.time
                && block.lastCommit.map { $0.medianTime(validators) == block.time } == true
            if !linked { fail("validity: node \(node) height \(block.height) is not hash-linked with a BFT time") }
        }
        durableChains[node, default: []].append(block.id)
        guard correct else { return }
        guard let first = decided[block.height] else {
            decided[block.height] = (node, decision)
            return
        }
        if first.decision.block.id != block.id {
            let a = first.decision, b = decision
            fail("agreement: height \(block.height): node \(first.node) decided \(a.block.id) (round \(a.certificate.round), certificate verifies: \(a.certificate.verify(validators, verifier: verifier))) and node \(node) decided \(b.block.id) (round \(b.certificate.round), certificate verifies: \(b.certificate.verify(validators, verifier: verifier)))")
        }
    }

    /// Committed transactions are never lost: a restarted node's chain extends what it had made durable.
    mutating func checkRecovered(node: Int, chain: [StoredDecision]) {
        checks += 1
        let durable = durableChains[node] ?? []
        if chain.count < durable.count || zip(durable, chain).contains(where: { $0 != $1.block.id }) {
            fail("durability: node \(node) restarted with \(chain.count) blocks but had committed \(durable.count)")
        }
        durableChains[node] = chain.map(\.block.id)
    }

    /// Evidence names only Byzantine validators.
    mutating func noteEvidence(node: Int, _ evidence: Evidence) {
        checks += 1
        let accused: Int
        switch evidence {
        case .conflictingVotes(let a, _): accused = a.validatorIndex
        case .conflictingProposals(let a, _): accused = a.proposerIndex
        }
        if !byzantine.contains(accused) { fail("evidence: node \(node) accused correct validator \(accused)") }
    }
}

extension Checker {
    /// No double-sign across restarts, checked from what a restarting node
    /// reads back: its signer state covers every message it ever sent (same
    /// bytes at the last position), and its WAL holds every message it sent
    /// at the height it resumes, with no two different messages at one position.
    mutating func checkRecoveredSigner(node: Int, height: Height, signerState: SignerState?, walOwn: [SignerState]) {
        checks += 1
        var logged: [SignPosition: [UInt8]] = [:]
        for own in walOwn {
            if let other = logged[own.position], other != own.signBytes {
                fail("double-sign guard: node \(node)'s WAL holds two messages at \(own.position.text)")
            }
            logged[own.position] = own.signBytes
        }
        for (position, bytes) in (sentByNode[node] ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let state = signerState, position <= state.position else {
                fail("double-sign guard: node \(node) sent \(position.text) but its signer state is \(signerState?.position.text ?? "empty")")
                return
            }
            if position == state.position, bytes != state.signBytes {
                fail("double-sign guard: node \(node)'s signer state holds other bytes than it sent at \(position.text)")
            }
            if position.height == height, logged[position] != bytes {
                fail("double-sign guard: node \(node) sent \(position.text) but its WAL does not hold that message")
            }
        }
    }
}

extension SignPosition {
    var text: String { "height \(height) round \(round) step \(step)" }
}

extension SignedMessage {
    var kindName: String {
        switch self {
        case .proposal: return "proposal"
        case .vote(let vote): return vote.type == .prevote ? "prevote" : "precommit"
        }
    }
}

extension Checker {
    mutating func noteLivenessCheck() { checks += 1 }
}
