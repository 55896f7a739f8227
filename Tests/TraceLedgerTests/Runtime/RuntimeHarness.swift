import Foundation
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// Time moved by hand; timers of every node in one list, fired in deadline order.
final class HandClock {
    var time: Timestamp
    /// A `nil` timeout is a wake-up (`ChainRuntime.wake`).
    var timers: [(deadline: Timestamp, node: Int, incarnation: Int, timeout: Timeout?)] = []
    init(time: Timestamp) { self.time = time }
}

/// One node's view of the hand clock; a restart gets a new incarnation, so
/// the timers of the crashed one never fire.
final class NodeClock: RuntimeClock {
    let clock: HandClock
    let node: Int
    let incarnation: Int
    init(_ clock: HandClock, node: Int, incarnation: Int) {
        self.clock = clock
        self.node = node
        self.incarnation = incarnation
    }
    func now() -> Timestamp { clock.time }
    func schedule(_ timeout: Timeout, afterMilliseconds milliseconds: Int64) {
        clock.timers.append((clock.time + milliseconds, node, incarnation, timeout))
    }
    func scheduleWake(afterMilliseconds milliseconds: Int64) {
        clock.timers.append((clock.time + milliseconds, node, incarnation, nil))
    }
}

/// Four runtimes on temp-dir SQLite stores and file durable stores, joined by
/// an in-memory FIFO bus; deterministic: no threads, no wall clock.
final class RuntimeNetwork {
    static let chain = "c"
    static let genesisTime: Timestamp = 1_700_000_000_000
    let signers: [Ed25519Signer] = (1...4).map { fixedSigner(UInt8(40 + $0)) }
    let root: URL
    let clock = HandClock(time: RuntimeNetwork.genesisTime)
    var nodes: [ChainRuntime?] = [nil, nil, nil, nil]
    var incarnations = [0, 0, 0, 0]
    var bus: [(to: Int, from: Int, message: RuntimeMessage)] = []
    var busHead = 0
    /// Every signed consensus message that left a node, by validator and position.
    var signed: [SignPosition: [Int: Set<[UInt8]>]] = [:]

    /// Applied to every runtime's setup (block interval, block size).
    let adjust: (inout ChainRuntimeSetup) -> Void

    init(adjust: @escaping (inout ChainRuntimeSetup) -> Void = { _ in }) throws {
        self.adjust = adjust
        root = FileManager.default.temporaryDirectory.appendingPathComponent("runtime-\(UUID().uuidString)")
        for index in 0..<4 { try start(index) }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var validators: ValidatorSet {
        get throws { try ValidatorSet(signers.map { Validator(publicKey: $0.publicKey, power: VotingPower(1)) }) }
    }

    func directory(_ index: Int) -> URL { root.appendingPathComponent("node\(index)") }

    /// Opens (or reopens) node `index` from its files and starts it.
    func start(_ index: Int) throws {
        try FileManager.default.createDirectory(at: directory(index), withIntermediateDirectories: true)
        let executor = Executor(chain: Self.chain, profile: .standard, contracts: [KeyValueContract()])
        let store = try BlockStore(path: directory(index).appendingPathComponent("chain.sqlite").path, executor: executor)
        let durable = try FileDurableStore(directory: directory(index).appendingPathComponent("consensus").path)
        incarnations[index] += 1
        var setup = ChainRuntimeSetup(chain: Self.chain, profile: .standard, validators: try validators,
                                      genesisTime: Self.genesisTime)
        adjust(&setup)
        let runtime = try ChainRuntime(setup: setup, signer: signers[index], store: store, durable: durable,
                                       clock: NodeClock(clock, node: index, incarnation: incarnations[index]),
                                       outbound: { [unowned self] message in self.broadcast(from: index, message) })
        nodes[index] = runtime
        try runtime.start()
    }

    /// A crash: the runtime and its memory are gone; its files stay.
    func crash(_ index: Int) {
        nodes[index] = nil
        incarnations[index] += 1
    }

    /// Gossip broadcasts of transactions, and the most decisions one sync reply carried.
    var transactionBroadcasts = 0
    var largestSyncReply = 0

    func broadcast(from index: Int, _ message: RuntimeMessage) {
        if case .consensus(let signedMessage) = message { note(signedMessage) }
        if case .transactions = message { transactionBroadcasts += 1 }
        for peer in 0..<4 where peer != index { bus.append((peer, index, message)) }
    }

    private func note(_ message: SignedMessage) {
        let state = ConsensusWAL.signerState(of: message)
        let validator: Int
        switch message {
        case .proposal(let proposal): validator = proposal.proposerIndex
        case .vote(let vote): validator = vote.validatorIndex
        }
        signed[state.position, default: [:]][validator, default: []].insert(state.signBytes)
    }

    /// Gossip (test helper): the same transactions offered to every live node.
    func gossip(_ transactions: [Transaction]) {
        for node in nodes.compactMap({ $0 }) { _ = node.submit(transactions) }
    }

    /// Delivers messages in order; every 500 steps ticks every node
    /// (re-broadcast, decision requests); when the bus is quiet fires the
    /// earliest timer. Stops when `done` holds or after `stepsMax`.
    func drive(stepsMax: Int = 100_000, until done: () throws -> Bool) throws -> Bool {
        for step in 0..<stepsMax {
            if try done() { return true }
            if step % 500 == 499 {
                for node in nodes.compactMap({ $0 }) { node.tick() }
            }
            if busHead < bus.count {
                let item = bus[busHead]
                busHead += 1
                if busHead == bus.count { (bus, busHead) = ([], 0) }
                guard let target = nodes[item.to] else { continue }
                for reply in target.receive(item.message) {
                    if case .decisions(let list) = reply { largestSyncReply = max(largestSyncReply, list.count) }
                    bus.append((item.from, item.to, reply))
                }
                continue
            }
            fireEarliestTimer()
        }
        return try done()
    }

    private func fireEarliestTimer() {
        clock.timers.sort { ($0.deadline, $0.node) < ($1.deadline, $1.node) }
        guard !clock.timers.isEmpty else {
            clock.time += 100
            return
        }
        let timer = clock.timers.removeFirst()
        clock.time = max(clock.time, timer.deadline)
        guard incarnations[timer.node] == timer.incarnation, let node = nodes[timer.node] else { return }
        if let timeout = timer.timeout { node.timeout(timeout) } else { node.wake() }
    }

    func applied(_ index: Int) -> UInt64 { nodes[index]?.store.appliedHeight ?? 0 }

    /// kv puts signed by a client key, timed at the hand clock; the nonce is the key's hex (keys are short).
    func transactions(_ keys: [String], client: Ed25519Signer) throws -> [Transaction] {
        try keys.map { key in
            let nonce = String(repeating: "0", count: 32 - key.utf8.count * 2)
                + key.utf8.map { String($0, radix: 16) }.joined()
            return try Transaction.sign(chain: Self.chain, contract: "kv", action: "put",
                                        payload: ["key": .string(key), "value": .string("v-\(key)")],
                                        nonce: nonce, time: clock.time, signer: client)
        }
    }
}
