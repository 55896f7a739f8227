import TraceConsensus

/// The liveness bound of `docs/consensus.md`: once the network has healed
/// (every message between live nodes arrives within Δ) and every node of a
/// core holding more than 2/3 of the power is up, a new height is decided
/// within
///
///     B = Σ_{k=0}^{n} [ (T_propose(R+k) + T_prevote(R+k) + T_precommit(R+k)) · (1 + ρ) + 4Δ + 2I ]
///
/// where R is the highest round any core node is in at the heal, n the
/// number of validators (within n + 1 consecutive rounds some round has a
/// correct proposer after the rounds have synchronised), ρ the clock drift
/// bound, Δ the healed delay and I the re-broadcast interval.
public enum LivenessBound {
    public static func milliseconds(_ config: ConsensusConfig, fromRound round: Round, validators: Int,
                                    delta: Int64, tick: Int64, driftPPM: Int64) -> Int64 {
        var total: Int64 = 0
        for k in 0...UInt32(validators) {
            let r = Round(round.rawValue + k)
            let timeouts = config.timeout(.propose, round: r) + config.timeout(.prevote, round: r)
                + config.timeout(.precommit, round: r)
            total += timeouts + timeouts * driftPPM / 1_000_000 + 4 * delta + 2 * tick
        }
        return total
    }
}
