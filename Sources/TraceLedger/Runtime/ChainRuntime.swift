import TraceConsensus
import TraceCrypto

/// The driver of ONE chain on ONE node (issue 5 item 4, R-5.3.1– ):
/// it owns the chain's state machine (`Consensus`), its mempool, its block
/// store, and its consensus WAL and signer state on a `DurableStore`, feeds
/// the state machine its inputs and performs its actions in order — durable
/// writes before any own message leaves. Messages go out through `outbound`;
/// timers through `clock`. Not thread-safe: one owner calls it from one task.
public final class ChainRuntime {
    public let setup: ChainRuntimeSetup
    public let signer: any Signer
    public let store: BlockStore
    public internal(set) var mempool: Mempool
    let durable: any DurableStore
    let wal: ConsensusWAL
    let decisionFile: DecisionFile
    let clock: any RuntimeClock
    let outbound: (RuntimeMessage) -> Void
    let verifier: any SignatureVerifier = DirectVerifier()

    var core: Consensus?
    var signerFile: SignerStateFile?
    /// The applied height's decision: the next height's `PreviousBlock`.
    public internal(set) var previous: PreviousBlock?
    var ownRecordEnd: [[UInt8]: Int] = [:]
    var pending: [(event: Event, localTime: Timestamp?)] = []
    var draining = false
    /// Set while the WAL's inputs are replayed (see `validate(_:)`).
    var replaying = false
    var replayValidations: [ConsensusBlock] = []
    /// Set while the next height waits for the block interval: when it may start.
    var nextHeightAt: Timestamp?
    /// Consensus events of the next height received while waiting.
    var heldMessages: [Event] = []
    /// Whether consensus holds this node's real block for the current
    /// height (false while it holds the empty one: `heightStart`).
    var payloadIsFull = false
    /// The consensus block last read as a ledger block (`ledgerBlock`).
    var lastDecoded: (consensus: ConsensusBlock, ledger: Block)?
    /// Set while synced decisions are committed (no interval between them).
    var catchingUp = false
    /// Synced decisions refused by a check (forged or foreign certificates, broken links).
    public internal(set) var refusedDecisions = 0
    /// Gossiped transactions admitted from peers.
    public internal(set) var gossipedAdmitted = 0
    /// The first storage failure; the runtime stops taking events after it.
    public internal(set) var failure: (any Error)?

    /// Opens nothing yet: `start()` recovers and begins.
    public init(setup: ChainRuntimeSetup, signer: any Signer, store: BlockStore, durable: any DurableStore,
                clock: any RuntimeClock, outbound: @escaping (RuntimeMessage) -> Void) throws(LedgerError) {
        guard store.executor.chain == setup.chain, store.executor.profile == setup.profile else {
            throw LedgerError(.wrongChain, field: "store", rule: "the store must hold chain '\(setup.chain)'")
        }
        self.setup = setup
        self.signer = signer
        self.store = store
        self.durable = durable
        self.clock = clock
        self.outbound = outbound
        self.mempool = try Mempool(config: setup.mempool, profile: setup.profile, chain: setup.chain,
                                   verifier: store.executor.verifier)
        wal = ConsensusWAL(store: durable)
        decisionFile = DecisionFile(store: durable)
    }

    /// The height being decided (the next one while it waits for the block interval).
    public var height: Height {
        guard nextHeightAt == nil, let core else { return Height(store.appliedHeight + 1) }
        return core.height
    }

    /// The block id scheme of this chain: the ledger block hash (profile hash of the header).
    public var identity: BlockIdentity { .payloadHeader(setup.profile.hash) }

    /// Recovery, then the current height: the decision a crash left
    /// uncommitted is committed, the signer state is brought up to the WAL,
    /// and the WAL of the current height is replayed through a fresh state
    /// machine; with nothing to replay, the next height starts.
    public func start() throws {
        previous = try decisionFile.load()
        if let previous, previous.block.height.rawValue == store.appliedHeight + 1 {
            try store.commit(try ledgerBlock(previous.block))
        }
        if store.appliedHeight > 0, previous?.block.height.rawValue != store.appliedHeight {
            throw DurabilityError(.corrupted, file: DecisionFile.name, operation: "load",
                                  rule: "holds no decision for the applied height \(store.appliedHeight)")
        }
        let target = Height(store.appliedHeight + 1)
        let recovery = try ConsensusRecovery(wal: wal, store: durable, height: target)
        try recovery.bringSignerStateUp()
        signerFile = recovery.signerFile
        ownRecordEnd = recovery.ownRecordEnd
        core = try recovery.consensus(config: setup.consensus, signer: signer, verifier: verifier)
        let inputs = recovery.inputs
        guard !inputs.isEmpty else {
            try wal.reset()
            enqueue(.startHeight(try heightStart()), localTime: nil)
            return
        }
        replaying = true
        for input in inputs { enqueue(input.event, localTime: input.localTime) }
        replaying = false
        // A verdict already replayed makes these no-ops (not logged again).
        for block in replayValidations { pending.append((.blockValidated(block.id, valid: isValid(block)), nil)) }
        replayValidations = []
        enqueue(nil)
    }

    /// A timeout scheduled through `clock` has expired.
    public func timeout(_ timeout: Timeout) {
        fillPayloadBeforeTimeout(timeout)
        enqueue(.timeout(timeout), localTime: nil)
    }

    /// Re-broadcast time (real links drop messages).
    public func tick() {
        if let at = nextHeightAt, clock.now() >= at { startWaitingHeight() }
        enqueue(.tick, localTime: nil)
    }

    /// Events are taken one at a time, in order, even when performing an
    /// action produces another (a validation verdict, the next height).
    func enqueue(_ event: Event?, localTime: Timestamp? = nil) {
        if let event { pending.append((event, localTime)) }
        guard !draining else { return }
        draining = true
        defer { draining = false }
        var index = 0
        while index < pending.count, failure == nil {
            let item = pending[index]
            index += 1
            do {
                try feed(item.event, localTime: item.localTime)
            } catch {
                failure = error
            }
        }
        pending = []
    }

    private func feed(_ event: Event, localTime: Timestamp?) throws {
        let local = localTime ?? clock.now()
        guard var machine = core else { return }
        let actions = machine.step(event, localTime: local)
        core = machine
        // A replayed input (it comes with its logged time) is in the WAL already.
        if machine.lastEventMatters, localTime == nil {
            try wal.append(.input(event, localTime: local))
        }
        try perform(actions)
    }
}
