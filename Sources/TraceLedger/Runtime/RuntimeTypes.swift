import TraceConsensus
import TraceCrypto

/// What one chain's runtime sends to, and takes from, its peers (issue 5
/// item 4). The transport that carries them is not the runtime's concern.
public enum RuntimeMessage: Hashable, Sendable {
    /// A proposal or vote.
    case consensus(SignedMessage)
    /// A quorum voted for block `id` at (height, round): send its proposal.
    case requestBlock(Height, Round, BlockID)
    /// Send the decided block of `height` with its certificate.
    case requestDecision(Height)
    /// The decided block of a height with its commit certificate.
    case decision(ConsensusBlock, CommitCertificate)
    /// Transactions a validator admitted from its clients (gossip), at most `transactionsMax`.
    case transactions([Transaction])
    /// Block sync: send the decisions from `height` on, at most `count` (≤ `decisionsMax`).
    case requestDecisions(Height, count: Int)
    /// Decisions of consecutive heights, each with its certificate (block sync), at most `decisionsMax`.
    case decisions([PreviousBlock])
}

extension RuntimeMessage {
    /// Transactions in one gossip message, at most.
    public static let transactionsMax = 256
    /// Wire bytes a gossip message aims to stay under (one transaction may exceed it alone).
    public static let gossipBytesBudget = 1 << 20
    /// Decisions asked for or sent in one block sync message, at most.
    public static let decisionsMax = 64
    /// Payload bytes a sync reply stays under (it always holds at least one decision).
    public static let syncBytesBudget = 4 << 20
}

/// The runtime's clock and timers. A node backs it with the system clock and
/// real timers; tests move time by hand and fire timeouts themselves by
/// calling `ChainRuntime.timeout(_:)`.
public protocol RuntimeClock: AnyObject {
    /// Local time, milliseconds since the epoch.
    func now() -> Timestamp
    /// Arrange for `timeout` to reach the runtime after `milliseconds`.
    func schedule(_ timeout: Timeout, afterMilliseconds milliseconds: Int64)
    /// Arrange for `ChainRuntime.wake()` to be called after `milliseconds`
    /// (the minimum block interval).
    func scheduleWake(afterMilliseconds milliseconds: Int64)
}

/// What a runtime needs to know of its chain (from the genesis file and node.toml).
public struct ChainRuntimeSetup: Sendable {
    public let chain: String
    public let profile: CryptoProfile
    public let validators: ValidatorSet
    /// The time of height 1.
    public let genesisTime: Timestamp
    public var consensus: ConsensusConfig
    public var mempool: MempoolConfig
    /// Most transactions a proposed block holds.
    public var blockTransactionsMax: Int = 1_000
    /// Minimum time between a commit and the start of the next height, in
    /// milliseconds (node.toml `block_interval_ms`, default 200 there); 0 starts at once.
    public var blockIntervalMilliseconds: Int64 = 0
    /// Wire bytes one gossip message aims to stay under (a node sets it below its frame bound).
    public var gossipBytesMax: Int = RuntimeMessage.gossipBytesBudget
    /// Payload bytes one block sync reply stays under (it always holds at least one decision).
    public var syncBytesMax: Int = RuntimeMessage.syncBytesBudget

    public init(chain: String, profile: CryptoProfile, validators: ValidatorSet, genesisTime: Timestamp,
                consensus: ConsensusConfig = ConsensusConfig(), mempool: MempoolConfig = MempoolConfig()) {
        self.chain = chain
        self.profile = profile
        self.validators = validators
        self.genesisTime = genesisTime
        self.consensus = consensus
        self.mempool = mempool
    }

    /// Room left in a payload for the header and the length prefixes.
    static let payloadReserve = 256 << 10

    /// Transaction bytes a proposed block may hold under the consensus payload bound.
    var reapBytesMax: Int { max(0, min(consensus.payloadBytesMax, Block.bytesMaxDefault) - Self.payloadReserve) }
}

/// The decided block of the applied height with its certificate, kept in a
/// small file beside the WAL (written atomically before the block is
/// committed): the next height's `PreviousBlock`, and what the store lacks
/// after a crash between the decision and the commit.
struct DecisionFile {
    static let name = "last-decision"
    static let domain = "crosstrace/last-decision/v1\n"
    let store: any DurableStore

    func save(_ previous: PreviousBlock) throws {
        var writer = CanonicalWriter(domain: Self.domain)
        previous.block.encode(into: &writer)
        previous.certificate.encode(into: &writer)
        try store.writeAtomically(Self.name, writer.bytes)
    }

    func load() throws -> PreviousBlock? {
        let bytes = try store.read(Self.name)
        guard !bytes.isEmpty else { return nil }
        do {
            var reader = try CanonicalReader(bytes, domain: Self.domain)
            let block = try ConsensusBlock(from: &reader)
            let certificate = try CommitCertificate(from: &reader)
            try reader.finish()
            return PreviousBlock(block: block, certificate: certificate)
        } catch {
            throw DurabilityError(.corrupted, file: Self.name, operation: "load", rule: "does not decode: \(error)")
        }
    }
}
