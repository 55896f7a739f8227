import TraceConsensus
import TraceCrypto
import TraceLedger

/// A chain's state as `GET /v1/chains/{chain}/status` reports it (issue 5 item 7).
public struct ChainStatus: Sendable {
    /// One validator of the chain: its genesis name, consensus key and voting power.
    public struct ValidatorPower: Sendable {
        public let name: String
        public let publicKey: PublicKey
        public let power: UInt64
    }

    public let chain: String
    public let profile: CryptoProfile
    /// The applied (committed and executed) height; 0 before the first block.
    public let height: UInt64
    /// The profile hash of the applied block's header; nil at height 0.
    public let lastBlockHash: [UInt8]?
    /// The applied block's BFT time (ms since the epoch); nil at height 0.
    public let lastBlockTime: Timestamp?
    public let validators: [ValidatorPower]
    public let mempoolSize: Int
    public let mempoolBytes: Int
    /// The round of this node's last signed vote or proposal, if it signed any.
    public let round: UInt32?
}

/// Where a transaction is (issue 5 item 7, `GET …/transactions/{id}`).
public enum TransactionStatus: Sendable, Hashable {
    /// Waiting in this node's mempool.
    case pending
    /// In block `height` at `receipt.index`, with its receipt.
    case committed(height: UInt64, receipt: Receipt)
}

/// What `/metrics` reads from the node (issue 5 item 6).
public struct NodeMetricsSnapshot: Sendable {
    public struct Chain: Sendable {
        public let chain: String
        public let height: UInt64
        public let round: UInt64
        public let mempoolSize: Int
        public let mempoolBytes: Int
    }

    public let chains: [Chain]
    /// Peers with an authenticated connection now.
    public let peers: Int
    /// Oversized or malformed frames refused by the transport (each closed its connection).
    public let framesRefused: UInt64
    /// Connections refused before completing the mutual TLS handshake.
    public let handshakesRefused: UInt64
    /// Peer messages that decoded as frames but not as runtime messages.
    public let malformedMessages: UInt64
}

/// Why the node could not answer a query or take a submission; `==` compares the code only.
public struct NodeServiceError: Error, Hashable, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        /// The node hosts no chain of that id (HTTP 404).
        case unknownChain
        /// The node is not started, or is shutting down (HTTP 503).
        case notRunning
        /// The block store could not be read (HTTP 500).
        case storage
    }

    public let code: Code
    public let field: String
    public let rule: String

    public init(_ code: Code, field: String, rule: String) {
        self.code = code
        self.field = field
        self.rule = rule
    }

    public var description: String { "node: \(code.rawValue) in '\(field)': \(rule)" }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
