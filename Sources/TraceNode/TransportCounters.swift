import Foundation

/// Counters of the peer transport, read by the node's metrics (`/metrics`, issue 5 item 6).
/// A snapshot value; `PeerTransport.counters` returns the current one.
public struct TransportCounters: Sendable, Equatable {
    /// Frames delivered to the inbound handler.
    public var framesReceived: UInt64 = 0
    /// Frames written to a peer's connection.
    public var framesSent: UInt64 = 0
    /// Oversized or malformed frames; each closed its connection.
    public var framesRefused: UInt64 = 0
    /// Connections closed before an admitted peer completed the TLS handshake.
    public var handshakesRefused: UInt64 = 0
    /// Connections that completed the handshake with an admitted peer.
    public var connectionsAuthenticated: UInt64 = 0
    /// Frames dropped (drop-oldest) or refused (refuse-new) because a peer's outbound queue was full.
    public var outboundDropped: UInt64 = 0
    /// The largest number of frames any one outbound queue held.
    public var outboundQueueDepthMax: UInt64 = 0

    public init() {}
}

/// A value behind a lock, shared across event loops and tasks.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// Thread-safe counters; one per transport.
final class TransportMetrics: Sendable {
    private let state = Locked(TransportCounters())

    var snapshot: TransportCounters { state.withLock { $0 } }

    func add(_ keyPath: WritableKeyPath<TransportCounters, UInt64>, _ count: UInt64 = 1) {
        state.withLock { $0[keyPath: keyPath] &+= count }
    }

    func noteQueueDepth(_ depth: Int) {
        state.withLock { $0.outboundQueueDepthMax = max($0.outboundQueueDepthMax, UInt64(depth)) }
    }
}
