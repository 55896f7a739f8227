/// Deterministic weighted round-robin proposer selection (Tendermint's
/// priority algorithm): each step every validator's priority grows by its
/// power, the highest priority proposes (ties go to the lower index) and loses
/// the total power. Over `totalPower` steps each validator proposes exactly
/// `power` times and all priorities return to zero, so the step index is taken
/// modulo the total power.
public struct ProposerRotation: Sendable {
    private let powers: [Int64]
    private let total: Int64
    private var priorities: [Int64]
    private var stepsDone: UInt64 = 0
    private var lastChosen = 0

    public init(_ set: ValidatorSet) {
        powers = set.validators.map { Int64($0.power.rawValue) }
        total = Int64(set.totalPower)
        priorities = Array(repeating: 0, count: set.count)
    }

    /// The proposer's index for (height, round): step `height − 1 + round` of the rotation.
    public mutating func proposer(height: Height, round: Round) -> Int {
        let step = (height.rawValue &- 1 &+ UInt64(round.rawValue)) % UInt64(total)
        if step + 1 < stepsDone {
            priorities = Array(repeating: 0, count: powers.count)
            stepsDone = 0
        }
        while stepsDone <= step { lastChosen = advance() }
        return lastChosen
    }

    /// One step: returns the proposer of step `stepsDone` and moves on.
    private mutating func advance() -> Int {
        var best = 0
        for index in priorities.indices {
            priorities[index] += powers[index]
            if priorities[index] > priorities[best] { best = index }
        }
        priorities[best] -= total
        stepsDone += 1
        return best
    }
}
