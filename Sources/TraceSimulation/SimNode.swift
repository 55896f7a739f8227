import TraceConsensus
import TraceCrypto
import TraceLedger

/// One simulated validator process: the real state machine, its disk, its
/// clock and its volatile memory (mempool, timers), lost on a crash.
final class SimNode {
    let id: Int
    let validatorIndex: Int
    let signer: Ed25519Signer
    let disk = SimulatedDisk()
    var wal: ConsensusWAL { ConsensusWAL(store: disk) }
    var blockStore: RecordLog { RecordLog(name: "blocks", store: disk) }
    /// The signer state file as loaded at the last restart (memory: lost on a crash).
    var signerFile: SignerStateFile?
    var core: Consensus?
    var incarnation = 0
    var replaying = false
    var chain: [StoredDecision] = []
    var committed: Set<UInt64> = []
    var mempool: Set<UInt64> = []
    /// End offset in the WAL of each own message's record, by its sign bytes.
    var ownRecordEnd: [[UInt8]: Int] = [:]
    var clock = SimClock()
    var crashedAt: Int64?

    init(id: Int, validatorIndex: Int, signer: Ed25519Signer) {
        self.id = id
        self.validatorIndex = validatorIndex
        self.signer = signer
    }

    var isUp: Bool { core != nil }

    /// The payload this node would propose: its oldest pending transactions.
    func payload() -> [UInt8] {
        SimApplication.payload(Array(mempool.subtracting(committed).sorted().prefix(SimApplication.transactionsMax)))
    }
}

extension SignedMessage {
    var signBytes: [UInt8] {
        switch self {
        case .proposal(let proposal): return proposal.signBytes
        case .vote(let vote): return vote.signBytes
        }
    }

    var round: Round {
        switch self {
        case .proposal(let proposal): return proposal.round
        case .vote(let vote): return vote.round
        }
    }

}
