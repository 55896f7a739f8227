/// The votes of one type in one round, one per validator, with the power
/// behind each target (`nil` is the nil vote). Lookups only: no iteration
/// order of the dictionary reaches an output.
struct VoteSet: Sendable {
    enum AddResult { case added, duplicate, conflict(Vote, counted: Bool) }

    private(set) var votes: [Vote?]
    /// Equivocating votes, at most `conflictsMax` per validator.
    private var conflicts: [Vote] = []
    static let conflictsMax = 3
    private var powerByTarget: [BlockID?: UInt64] = [:]
    /// Power of every vote, whatever its target (lines 34 and 47: "2f+1 ⟨∗⟩").
    private(set) var totalPower: UInt64 = 0
    /// The first non-nil block that gathered a quorum.
    private(set) var quorumBlock: BlockID?

    init(count: Int) { votes = Array(repeating: nil, count: count) }

    /// One vote per validator: the same target again is a harmless duplicate
    /// (another signature or time). A vote for another target is evidence of
    /// equivocation: it never enters the any-target total and never counts
    /// twice, but it still counts for its own target, as Algorithm 1 counts
    /// signed messages — otherwise a correct node locked on a polka that
    /// included the equivocator could never show that polka to its peers.
    mutating func add(_ vote: Vote, power: UInt64, validators: ValidatorSet) -> AddResult {
        if let existing = votes[vote.validatorIndex] {
            if existing.blockID == vote.blockID { return .duplicate }
            let earlier = conflicts.filter { $0.validatorIndex == vote.validatorIndex }
            guard earlier.count < Self.conflictsMax, !earlier.contains(where: { $0.blockID == vote.blockID }) else {
                return .conflict(existing, counted: false)
            }
            conflicts.append(vote)
            count(vote.blockID, power, validators)
            return .conflict(existing, counted: true)
        }
        votes[vote.validatorIndex] = vote
        totalPower += power
        count(vote.blockID, power, validators)
        return .added
    }

    private mutating func count(_ target: BlockID?, _ power: UInt64, _ validators: ValidatorSet) {
        let updated = powerByTarget[target, default: 0] + power
        powerByTarget[target] = updated
        if quorumBlock == nil, let id = target, validators.isQuorum(updated) { quorumBlock = id }
    }

    func power(for target: BlockID?) -> UInt64 { powerByTarget[target, default: 0] }

    /// The votes for `target`, by validator index.
    func votes(for target: BlockID?) -> [Vote] {
        let chosen = votes.compactMap { $0 }.filter { $0.blockID == target } + conflicts.filter { $0.blockID == target }
        return chosen.sorted { $0.validatorIndex < $1.validatorIndex }
    }
}

/// Prevotes and precommits of one round.
struct RoundVotes: Sendable {
    var prevotes: VoteSet
    var precommits: VoteSet
    init(count: Int) {
        prevotes = VoteSet(count: count)
        precommits = VoteSet(count: count)
    }

    subscript(type: VoteType) -> VoteSet {
        get { type == .prevote ? prevotes : precommits }
        set { if type == .prevote { prevotes = newValue } else { precommits = newValue } }
    }
}
