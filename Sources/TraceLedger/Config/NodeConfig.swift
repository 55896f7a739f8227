import TraceCrypto

/// A node's configuration, read from `<home>/node.toml` (issue 5 items 4–5).
/// Relative paths are relative to the node's home directory. Every bound is
/// checked once, up front, by `validate()` (STYLE.md #11). Keys, defaults and
/// bounds: docs/operations.md "node.toml".
public struct NodeConfig: Hashable, Sendable {
    public static let fileName = "node.toml"
    public static let chainsMax = 8
    public static let peersMax = 1_000

    /// The directory holding `node.toml`; not written in the file.
    public var home: String
    public var node: NodeSettings
    public var limits: NodeLimits
    /// The chains this node hosts, each with its own genesis, keys and data directory.
    public var chains: [ChainSettings]
    public var peers: [PeerSettings]

    public init(home: String, node: NodeSettings, limits: NodeLimits = NodeLimits(),
                chains: [ChainSettings], peers: [PeerSettings] = []) {
        self.home = home
        self.node = node
        self.limits = limits
        self.chains = chains
        self.peers = peers
    }

    /// `path` made absolute against `home` (absolute paths are kept).
    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let base = home.hasSuffix("/") ? String(home.dropLast()) : home
        return path == "." ? base : base + "/" + path
    }

    /// Where a chain keeps its SQLite file, WAL and signer state: its
    /// `data_dir`, else `<node.data_dir>/chains/<id>`; absolute.
    public func dataDirectory(of chain: ChainSettings) -> String {
        if let directory = chain.dataDirectory { return resolve(directory) }
        let base = node.dataDirectory == "." ? "chains" : node.dataDirectory + "/chains"
        return resolve(base + "/" + chain.id)
    }
}

/// `[node]`: identity, listen addresses, TLS files, network timeouts.
public struct NodeSettings: Hashable, Sendable {
    public var name: String
    public var dataDirectory = "."
    public var listenP2P = "127.0.0.1:26656"
    public var listenHTTP = "127.0.0.1:8080"
    /// The node TLS key (a TraceCrypto `KeyFile`, P-256).
    public var tlsKeyFile = "keys/tls.key.json"
    /// The node certificate (PEM), issued by the network CA.
    public var tlsCertificateFile = "keys/tls.crt.pem"
    public var dialTimeoutMs: Int64 = 5_000
    public var handshakeTimeoutMs: Int64 = 10_000
    public var httpRequestTimeoutMs: Int64 = 30_000
    /// Minimum time from a commit to the next height's start (an idle chain
    /// makes at most about 1000/`blockIntervalMs` empty blocks a second; a
    /// full mempool starts the next height at once); 0 turns it off.
    public var blockIntervalMs: Int64 = 200

    public init(name: String) { self.name = name }
}

/// `[limits]`: the size bounds of issue 5 item 4, in bytes unless named otherwise.
public struct NodeLimits: Hashable, Sendable {
    public var transactionBytesMax: Int64 = 64 << 10
    public var blockBytesMax: Int64 = 4 << 20
    public var mempoolTransactionsMax: Int64 = 50_000
    public var mempoolBytesMax: Int64 = 128 << 20
    public var frameBytesMax: Int64 = 8 << 20
    public var httpBodyBytesMax: Int64 = 1 << 20
    public var batchBytesMax: Int64 = 16 << 20
    /// Frames queued for one peer before it is considered too slow.
    public var peerQueueFramesMax: Int64 = 1_024

    public init() {}
}

/// One `[[chains]]` element.
public struct ChainSettings: Hashable, Sendable {
    public var id: String
    public var role: NodeRole
    public var genesisFile: String
    /// The consensus signing key (a `KeyFile` of the chain profile's scheme); required for validators.
    public var consensusKeyFile: String?
    /// Overrides `<node.data_dir>/chains/<id>`.
    public var dataDirectory: String?

    public init(id: String, role: NodeRole, genesisFile: String, consensusKeyFile: String?, dataDirectory: String? = nil) {
        self.id = id
        self.role = role
        self.genesisFile = genesisFile
        self.consensusKeyFile = consensusKeyFile
        self.dataDirectory = dataDirectory
    }
}

/// One `[[peers]]` element: a node to dial.
public struct PeerSettings: Hashable, Sendable {
    public var name: String
    public var address: String

    public init(name: String, address: String) {
        self.name = name
        self.address = address
    }
}
