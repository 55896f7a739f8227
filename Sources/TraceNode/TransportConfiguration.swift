import NIOCore
import TraceCrypto

/// A peer to dial: its node key (from genesis) and its address.
public struct PeerAddress: Sendable, Hashable {
    public let key: PublicKey
    public let host: String
    public let port: Int

    public init(key: PublicKey, host: String, port: Int) {
        self.key = key
        self.host = host
        self.port = port
    }
}

/// Reconnect delays: `initial · 2^attempt`, capped at `maximum`.
public struct ReconnectBackoff: Sendable, Hashable {
    public let initial: TimeAmount
    public let maximum: TimeAmount

    public init(initial: TimeAmount, maximum: TimeAmount) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The delay before attempt `attempt` (0 for the first retry); never above `maximum`.
    public func delay(attempt: Int) -> TimeAmount {
        let shift = min(max(attempt, 0), 30)
        let (scaled, overflow) = initial.nanoseconds.multipliedReportingOverflow(by: Int64(1) << Int64(shift))
        return overflow ? maximum : .nanoseconds(min(scaled, maximum.nanoseconds))
    }
}

/// Bounds and addresses of the peer transport, checked once by `validate()` (STYLE.md #11).
public struct TransportConfiguration: Sendable {
    public var listenHost = "127.0.0.1"
    public var listenPort = 0
    /// Peers this node dials (and keeps redialling while it runs).
    public var peers: [PeerAddress] = []
    /// Largest frame payload accepted or sent: 8 MiB by default (issue 5, item 4).
    public var frameBytesMax = FrameCodec.frameBytesMaxDefault
    /// Per-peer outbound queue bounds.
    public var outboundQueueFramesMax = 4_096
    public var outboundQueueBytesMax = 64 * 1024 * 1024
    public var outboundOverflow = OverflowPolicy.dropOldest
    public var reconnectBackoff = ReconnectBackoff(initial: .milliseconds(200), maximum: .seconds(10))
    /// A connection that has not completed an admitted handshake by then is closed.
    public var handshakeTimeout = TimeAmount.seconds(10)
    /// Inbound connections that may be handshaking at the same time.
    public var pendingInboundMax = 64

    public init() {}

    public func validate() throws(TransportError) {
        func check(_ ok: Bool, _ field: String, _ rule: String) throws(TransportError) {
            if !ok { throw TransportError(.invalidConfiguration, field: field, reason: rule) }
        }
        try check((0...65_535).contains(listenPort), "listenPort", "0-65535")
        try check(!listenHost.isEmpty, "listenHost", "not empty")
        try check((2...(64 * 1024 * 1024)).contains(frameBytesMax), "frameBytesMax", "2 B - 64 MiB")
        try check((1...1_000_000).contains(outboundQueueFramesMax), "outboundQueueFramesMax", "1 - 1,000,000")
        try check(outboundQueueBytesMax >= frameBytesMax + FrameCodec.lengthFieldCount
                  && outboundQueueBytesMax <= 1 << 32, "outboundQueueBytesMax", "one whole frame - 4 GiB")
        try check(reconnectBackoff.initial.nanoseconds > 0
                  && reconnectBackoff.initial <= reconnectBackoff.maximum
                  && reconnectBackoff.maximum <= .minutes(10), "reconnectBackoff", "0 < initial <= maximum <= 10 min")
        try check(handshakeTimeout.nanoseconds > 0 && handshakeTimeout <= .minutes(5), "handshakeTimeout", "0 - 5 min")
        try check((1...10_000).contains(pendingInboundMax), "pendingInboundMax", "1 - 10,000")
        try check(peers.count <= 1_000, "peers", "at most 1,000")
        for peer in peers {
            try check((1...65_535).contains(peer.port) && !peer.host.isEmpty, "peers.address", "host and port 1-65535")
            try check(peer.key.algorithm == .p256, "peers.key", "P-256 node key")
        }
    }
}

/// Which side opened a connection.
public enum ConnectionDirection: String, Sendable, Hashable {
    case inbound, outbound
}

/// What the transport reports to the node, in order per connection.
public enum TransportEvent: Sendable, Equatable {
    /// An admitted peer is connected (its first authenticated connection).
    case connected(PublicKey, ConnectionDirection)
    /// The last connection to that peer closed.
    case disconnected(PublicKey)
    /// One inbound frame, tagged with the peer's authenticated key.
    case received(PublicKey, Envelope)
    /// An oversized or malformed frame from that peer; its connection is being closed.
    case frameRefused(PublicKey, TransportError)
    /// A connection closed before an admitted handshake; the reason when one is known.
    case handshakeRefused(ConnectionDirection, TransportError)
}
