import Foundation
import TraceConsensus
import TraceCrypto
import TraceLedger
import X509

/// One hosted chain as loaded from a node's home: its genesis, runtime setup,
/// consensus signer and data directory (issue 5 item 5).
public struct HostedChain: Sendable {
    public let genesis: Genesis
    public let setup: ChainRuntimeSetup
    public let signer: any Signer
    public let dataDirectory: String
}

/// Everything `NodeHost` needs, read and checked from `<home>/node.toml`
/// before anything starts (STYLE.md #11). Keys are read unencrypted or with
/// `passphrase`.
public struct NodeHome: Sendable {
    public let config: NodeConfig
    public let chains: [HostedChain]
    public let credentials: NodeCredentials
    public let admission: PeerAdmission
    public let transport: TransportConfiguration

    public init(home: String, passphrase: [UInt8]? = nil) throws {
        let config = try NodeConfig.load(home: home)
        self.config = config
        var chains: [HostedChain] = []
        for settings in config.chains {
            chains.append(try Self.chain(settings, config: config, passphrase: passphrase))
        }
        self.chains = chains
        let tlsKey = try Self.key(config.resolve(config.node.tlsKeyFile), passphrase: passphrase)
        let pem = try Self.text(config.resolve(config.node.tlsCertificateFile))
        credentials = try NodeCredentials(certificateChain: [try CertificateCodec.certificate(pem: pem)], signingKey: tlsKey)
        admission = try Self.admission(chains.map(\.genesis))
        transport = try Self.transport(config, genesis: chains.map(\.genesis))
    }

    static func chain(_ settings: ChainSettings, config: NodeConfig, passphrase: [UInt8]?) throws -> HostedChain {
        let genesis = try Genesis.load(config.resolve(settings.genesisFile))
        guard genesis.chainId == settings.id else {
            throw NodeHostError(.invalidHome, field: "chains.genesis_file", rule: "genesis of '\(genesis.chainId)', not '\(settings.id)'")
        }
        guard settings.role == .validator, let keyFile = settings.consensusKeyFile else {
            throw NodeHostError(.invalidHome, field: "chains.role", rule: "only validator nodes run yet")
        }
        var setup = ChainRuntimeSetup(chain: genesis.chainId, profile: genesis.profile, validators: try genesis.validatorSet(),
                                      genesisTime: genesis.genesisTime, consensus: genesis.consensus)
        setup.mempool.transactionsMax = Int(config.limits.mempoolTransactionsMax)
        setup.mempool.bytesMax = Int(config.limits.mempoolBytesMax)
        setup.mempool.transactionBytesMax = Int(config.limits.transactionBytesMax)
        let signer = try key(config.resolve(keyFile), passphrase: passphrase).signer
        return HostedChain(genesis: genesis, setup: setup, signer: signer, dataDirectory: config.dataDirectory(of: settings))
    }

    /// Admitted peers: the node keys of every hosted chain's validators and replicas, under their CAs.
    static func admission(_ geneses: [Genesis]) throws -> PeerAdmission {
        var cas: [Certificate] = []
        var keys: Set<PublicKey> = []
        for genesis in geneses {
            for ca in try genesis.networkCAs() where !cas.contains(ca) { cas.append(ca) }
            keys.formUnion(genesis.validators.map(\.nodeKey))
            keys.formUnion(genesis.replicas.map(\.nodeKey))
        }
        return PeerAdmission(caCertificates: cas, admittedKeys: keys)
    }

    /// Listen address and peers: a peer's node key is the genesis node of that name.
    static func transport(_ config: NodeConfig, genesis: [Genesis]) throws -> TransportConfiguration {
        var transport = TransportConfiguration()
        (transport.listenHost, transport.listenPort) = try split(config.node.listenP2P)
        transport.frameBytesMax = Int(config.limits.frameBytesMax)
        transport.outboundQueueFramesMax = Int(config.limits.peerQueueFramesMax)
        transport.outboundQueueBytesMax = max(transport.outboundQueueBytesMax, transport.frameBytesMax + FrameCodec.lengthFieldCount)
        transport.handshakeTimeout = .milliseconds(config.node.handshakeTimeoutMs)
        var keys: [String: PublicKey] = [:]
        for chain in genesis {
            for validator in chain.validators { keys[validator.name] = validator.nodeKey }
            for replica in chain.replicas { keys[replica.name] = replica.nodeKey }
        }
        transport.peers = try config.peers.map { peer in
            guard let key = keys[peer.name] else {
                throw NodeHostError(.invalidHome, field: "peers.name", rule: "'\(peer.name)' is no node of the hosted chains' genesis")
            }
            let (host, port) = try split(peer.address)
            return PeerAddress(key: key, host: host, port: port)
        }
        return transport
    }

    /// `host:port` (already checked by `NodeConfig.validate()`); brackets of `[IPv6]` removed.
    static func split(_ address: String) throws -> (String, Int) {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]) else {
            throw NodeHostError(.invalidHome, field: "address", rule: "'\(address)' is not host:port")
        }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, port)
    }

    static func text(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), data.count <= 1 << 20 else {
            throw NodeHostError(.invalidHome, field: path, rule: "cannot read (at most 1 MiB)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func key(_ path: String, passphrase: [UInt8]?) throws -> SigningKey {
        try KeyFile.parse(Array(try text(path).utf8)).signingKey(passphrase: passphrase)
    }
}

/// A node that cannot start or run; `==` compares the code only.
public struct NodeHostError: Error, Hashable, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case invalidHome
        case runtimeFailed
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
