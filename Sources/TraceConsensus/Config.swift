/// Timeouts and limits of the state machine, checked once by `validate()`.
/// Every timeout grows linearly with the round and resets at each height:
/// `timeout(r) = base + r · delta` milliseconds.
public struct ConsensusConfig: Hashable, Sendable {
    public var timeoutProposeBase: Int64 = 3_000
    public var timeoutProposeDelta: Int64 = 500
    public var timeoutPrevoteBase: Int64 = 1_000
    public var timeoutPrevoteDelta: Int64 = 500
    public var timeoutPrecommitBase: Int64 = 1_000
    public var timeoutPrecommitDelta: Int64 = 500
    /// Votes are stored for at most this many rounds beyond the current one;
    /// later rounds only count towards the round skip (line 55).
    public var futureRoundsMax: UInt32 = 3
    /// The highest round a message may name.
    public var roundMax: UInt32 = 10_000
    public var payloadBytesMax: Int = 1 << 20

    public init() {}

    public func validate() throws(ConsensusConfigError) {
        let timeouts: [(String, Int64, Int64)] = [
            ("timeoutPropose", timeoutProposeBase, timeoutProposeDelta),
            ("timeoutPrevote", timeoutPrevoteBase, timeoutPrevoteDelta),
            ("timeoutPrecommit", timeoutPrecommitBase, timeoutPrecommitDelta),
        ]
        for (field, base, delta) in timeouts {
            guard base > 0, base <= 600_000, delta >= 0, delta <= 600_000 else {
                throw ConsensusConfigError(code: .badTimeout, field: field,
                                           rule: "base in 1...600000 ms and delta in 0...600000 ms")
            }
        }
        guard futureRoundsMax >= 1, roundMax >= 1, payloadBytesMax > 0 else {
            throw ConsensusConfigError(code: .badTimeout, field: "limits", rule: "limits must be positive")
        }
    }

    /// The timeout of `step` in `round`, in milliseconds.
    public func timeout(_ step: TimeoutStep, round: Round) -> Int64 {
        let r = Int64(round.rawValue)
        switch step {
        case .propose: return timeoutProposeBase + r * timeoutProposeDelta
        case .prevote: return timeoutPrevoteBase + r * timeoutPrevoteDelta
        case .precommit: return timeoutPrecommitBase + r * timeoutPrecommitDelta
        }
    }
}
