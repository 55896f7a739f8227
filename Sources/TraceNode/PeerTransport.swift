import Foundation
import NIOCore
import NIOPosix
import TraceCrypto

/// The peer network of one node (issue 5, item 4; ): mutual TLS 1.3
/// between admitted nodes, length-prefixed frames, one connection per peer
/// identity, bounded per-peer outbound queues, redialling with backoff.
/// Inbound frames and connection changes reach `onEvent`, tagged with the
/// peer's authenticated key. Message semantics stay with the layers above.
public final class PeerTransport: Sendable {
    public let configuration: TransportConfiguration
    public let admission: PeerAdmission
    public let localKey: PublicKey
    let group: any EventLoopGroup
    let tls: TransportTLS
    let clock: @Sendable () -> Date
    let onEvent: @Sendable (TransportEvent) -> Void
    let metrics = TransportMetrics()
    let state = Locked(TransportState())

    /// Checks the configuration, admission and credentials once; nothing runs until `start()`.
    /// `clock` is the time certificates are validated at; `onEvent` is called on event-loop threads.
    public init(credentials: NodeCredentials, admission: PeerAdmission, configuration: TransportConfiguration,
                group: any EventLoopGroup, clock: @escaping @Sendable () -> Date = { Date() },
                onEvent: @escaping @Sendable (TransportEvent) -> Void) throws(TransportError) {
        try configuration.validate()
        try admission.validate()
        self.configuration = configuration
        self.admission = admission
        self.localKey = credentials.publicKey
        self.group = group
        self.tls = try TransportTLS(credentials: credentials, admission: admission)
        self.clock = clock
        self.onEvent = onEvent
    }

    /// Binds the listener, dials the configured peers, and returns the bound address. Once per transport.
    public func start() async throws(TransportError) -> SocketAddress {
        let first = state.withLock { state -> Bool in
            defer { state.started = true }
            return !state.started && !state.shuttingDown
        }
        guard first else { throw TransportError(.invalidConfiguration, field: "start", reason: "already started or shut down") }
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] channel in initializeInbound(channel) }
        let server: any Channel
        do {
            server = try await bootstrap.bind(host: configuration.listenHost, port: configuration.listenPort).get()
        } catch {
            throw TransportError(.io, field: "listen", reason: "cannot bind \(configuration.listenHost):\(configuration.listenPort): \(error)")
        }
        state.withLock { $0.server = server }
        guard let address = server.localAddress else {
            throw TransportError(.io, field: "listen", reason: "no local address")
        }
        for peer in configuration.peers { dial(peer) }
        return address
    }

    /// Queues `envelope` for the peer with `key`; the outcome says whether it was queued, what was dropped, or why not.
    public func send(_ envelope: Envelope, to key: PublicKey) -> SendOutcome {
        guard envelope.payloadCount <= configuration.frameBytesMax else { return .refusedTooLarge }
        guard let link = state.withLock({ $0.links[key] }) else { return .notConnected }
        return link.enqueue(envelope)
    }

    /// Queues `envelope` for every connected peer; outcomes in key order.
    public func broadcast(_ envelope: Envelope) -> [(key: PublicKey, outcome: SendOutcome)] {
        connectedPeers.map { (key: $0, outcome: send(envelope, to: $0)) }
    }

    /// Keys of the peers with an authenticated connection, sorted by their bytes.
    public var connectedPeers: [PublicKey] {
        state.withLock { Array($0.links.keys) }.sorted { $0.rawBytes.lexicographicallyPrecedes($1.rawBytes) }
    }

    /// Frames waiting in the outbound queue of the peer with `key` (0 when not connected).
    public func queuedCount(for key: PublicKey) -> Int {
        state.withLock { $0.links[key] }?.queuedCount ?? 0
    }

    /// The current counters (for the node's metrics).
    public var counters: TransportCounters { metrics.snapshot }

    /// Stops listening and dialling, closes every connection (queued frames are dropped) and waits for them to close.
    public func shutdown() async {
        let (server, channels, timers) = state.withLock { state in
            state.shuttingDown = true
            let timers = state.dialers.values.compactMap(\.scheduled)
            state.dialers.removeAll()
            return (state.server, Array(state.openChannels.values), timers)
        }
        timers.forEach { $0.cancel() }
        try? await server?.close()
        for channel in channels { channel.close(promise: nil) }
        for channel in channels { try? await channel.closeFuture.get() }
    }
}

/// Mutable state of a transport, behind its lock.
struct TransportState {
    var server: (any Channel)?
    var started = false
    var shuttingDown = false
    var links: [PublicKey: PeerLink] = [:]
    var openChannels: [ObjectIdentifier: any Channel] = [:]
    var pendingInbound = 0
    var dialers: [PublicKey: DialState] = [:]
}

/// Redialling state of one configured peer.
struct DialState {
    let address: PeerAddress
    /// Consecutive attempts that ended without an authenticated connection.
    var failures = 0
    var inFlight = false
    var scheduled: Scheduled<Void>?
}
