import Foundation
import NIOCore
import NIOPosix
import Synchronization
import TraceConsensus
import TraceCrypto
import TraceContracts
import TraceLedger

/// Runs one node (issue 5 item 4, R-5.3.1): the peer transport and one
/// `ChainRuntime` per hosted chain, each on its own SQLite `BlockStore` and
/// `FileDurableStore` in the chain's data directory. Every runtime call —
/// peer messages, timers, ticks — happens on ONE event loop (`loop`), so the
/// runtimes are never touched concurrently; the mutable state below is
/// loop-only, which is what makes the `@unchecked Sendable` sound.
public final class NodeHost: @unchecked Sendable {
    public let home: NodeHome
    public let loop: any EventLoop
    let group: MultiThreadedEventLoopGroup
    let transport: PeerTransport
    let log: @Sendable (String) -> Void
    /// Called once (on `loop`) when a runtime stops on a storage failure.
    let onFatal: @Sendable (String) -> Void
    /// Re-broadcast period (`ChainRuntime.tick`).
    public static let tickInterval = TimeAmount.seconds(1)

    /// Each opened chain's committed-data reader by chain index, set as it opens: trace
    /// queries read through it off the loop, never behind a commit (issue 7).
    let snapshotReaders = Mutex<[Int: StoreSnapshotReader]>([:])

    // Loop-only state.
    var runtimes: [ChainRuntime] = []
    var loggedHeights: [UInt64] = []
    var malformed = 0
    var fatal = false
    var ticker: RepeatedTask?

    /// Builds the transport (nothing runs until `start()`); `log` gets one line per event worth a line.
    public init(home: NodeHome, log: @escaping @Sendable (String) -> Void,
                onFatal: @escaping @Sendable (String) -> Void) throws {
        self.home = home
        self.log = log
        self.onFatal = onFatal
        group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        loop = group.next()
        let sink = EventSink()
        transport = try PeerTransport(credentials: home.credentials, admission: home.admission,
                                      configuration: home.transport, group: group,
                                      onEvent: { event in sink.forward(event) })
        sink.host = self
    }

    /// Opens every chain's stores, recovers and starts its runtime, then starts the transport and the ticks.
    public func start() async throws -> SocketAddress {
        try await loop.submit { try self.openChains() }.get()
        let address = try await transport.start()
        ticker = try await loop.submit {
            self.loop.scheduleRepeatedTask(initialDelay: Self.tickInterval, delay: Self.tickInterval) { _ in self.tick() }
        }.get()
        return address
    }

    /// Stops ticking, closes the transport and the event loops. Stores close with the host.
    public func shutdown() async {
        ticker?.cancel()
        await transport.shutdown()
        try? await group.shutdownGracefully()
    }

    /// Peer messages refused as malformed so far.
    public func malformedCount() async throws -> Int { try await loop.submit { self.malformed }.get() }

    /// The applied height of each hosted chain, in node.toml order.
    public func appliedHeights() async throws -> [UInt64] {
        try await loop.submit { self.runtimes.map(\.store.appliedHeight) }.get()
    }

    private func openChains() throws {
        for (index, chain) in home.chains.enumerated() {
            try FileManager.default.createDirectory(atPath: chain.dataDirectory, withIntermediateDirectories: true)
            let executor = Executor(chain: chain.setup.chain, profile: chain.setup.profile,
                                    contracts: ChainContracts.contracts(for: chain.genesis))
            let store = try BlockStore(path: chain.dataDirectory + "/chain.sqlite", executor: executor)
            let durable = try FileDurableStore(directory: chain.dataDirectory + "/consensus")
            var setup = chain.setup
            setup.blockIntervalMilliseconds = home.config.node.blockIntervalMs
            let frameBytesMax = Int(home.config.limits.frameBytesMax)
            setup.gossipBytesMax = min(setup.gossipBytesMax, frameBytesMax / 2)
            setup.syncBytesMax = min(setup.syncBytesMax, frameBytesMax / 2)
            let runtime = try ChainRuntime(setup: setup, signer: chain.signer, store: store, durable: durable,
                                           clock: LoopClock(host: self, chainIndex: index),
                                           outbound: { [unowned self] message in self.broadcast(message, chainIndex: index) })
            runtimes.append(runtime)
            snapshotReaders.withLock { $0[index] = store.snapshotReader }
            loggedHeights.append(store.appliedHeight)
            log("chain=\(chain.setup.chain) opened height=\(store.appliedHeight) dir=\(chain.dataDirectory)")
            try runtime.start()
        }
        afterEvent()
    }

    func broadcast(_ message: RuntimeMessage, chainIndex: Int) {
        _ = transport.broadcast(RuntimeEnvelope.encode(message, chainIndex: chainIndex))
    }

    func deliver(_ envelope: Envelope, from key: PublicKey) {
        loop.preconditionInEventLoop()
        guard let decoded = try? RuntimeEnvelope.decode(envelope), decoded.chainIndex < runtimes.count else {
            malformed += 1
            return
        }
        for reply in runtimes[decoded.chainIndex].receive(decoded.message) {
            _ = transport.send(RuntimeEnvelope.encode(reply, chainIndex: decoded.chainIndex), to: key)
        }
        afterEvent()
    }

    func fire(_ timeout: Timeout, chainIndex: Int) {
        guard chainIndex < runtimes.count else { return }
        runtimes[chainIndex].timeout(timeout)
        afterEvent()
    }

    func wake(chainIndex: Int) {
        guard chainIndex < runtimes.count else { return }
        runtimes[chainIndex].wake()
        afterEvent()
    }

    func tick() {
        for runtime in runtimes { runtime.tick() }
        afterEvent()
    }

    /// One log line per newly committed height; a failed runtime is fatal once.
    func afterEvent() {
        for (index, runtime) in runtimes.enumerated() {
            while loggedHeights[index] < runtime.store.appliedHeight {
                loggedHeights[index] += 1
                logCommit(runtime, height: loggedHeights[index])
            }
            if let failure = runtime.failure, !fatal {
                fatal = true
                onFatal("chain=\(runtime.setup.chain) stopped: \(failure)")
            }
        }
    }

    private func logCommit(_ runtime: ChainRuntime, height: UInt64) {
        guard let summary = try? runtime.store.summary(at: height) else { return }
        let hash = summary.hash.prefix(8).map { String(format: "%02x", $0) }.joined()
        log("chain=\(runtime.setup.chain) height=\(height) hash=\(hash) txs=\(summary.transactions)")
    }
}

/// Hands transport events (on transport threads) to the host's loop.
final class EventSink: @unchecked Sendable {
    weak var host: NodeHost?

    func forward(_ event: TransportEvent) {
        guard let host else { return }
        switch event {
        case .received(let key, let envelope):
            host.loop.execute { host.deliver(envelope, from: key) }
        case .connected(let key, _):
            host.log("peer connected \(key.rawBytes.prefix(4).map { String(format: "%02x", $0) }.joined())")
            host.loop.execute { host.tick() }
        default:
            break
        }
    }
}

/// The runtime's clock: wall time, and timers on the host's loop.
final class LoopClock: RuntimeClock, @unchecked Sendable {
    weak var host: NodeHost?
    let chainIndex: Int

    init(host: NodeHost, chainIndex: Int) {
        self.host = host
        self.chainIndex = chainIndex
    }

    func now() -> Timestamp { Timestamp((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    func schedule(_ timeout: Timeout, afterMilliseconds milliseconds: Int64) {
        guard let host else { return }
        let index = chainIndex
        host.loop.scheduleTask(in: .milliseconds(max(0, milliseconds))) { [weak host] in
            host?.fire(timeout, chainIndex: index)
        }
    }

    func scheduleWake(afterMilliseconds milliseconds: Int64) {
        guard let host else { return }
        let index = chainIndex
        host.loop.scheduleTask(in: .milliseconds(max(0, milliseconds))) { [weak host] in
            host?.wake(chainIndex: index)
        }
    }
}
