import Foundation
import Synchronization
import Testing
import TraceAPI
import TraceConsensus
import TraceCrypto
import TraceLedger
import TraceNode

/// A two-validator `crosstrace init`-style network in a temporary directory
/// (CA, node TLS keys and certificates, consensus keys, genesis, node.toml
/// per node) with both `NodeHost`s running over mutual TLS on loopback; the
/// API under test is node0's. (Two, not one: a lone validator decides every
/// height inside one event-loop turn and never yields its loop.)
final class APINetwork: @unchecked Sendable {
    static let validators = 2
    let root: URL
    let hosts: [NodeHost]
    let api: TraceAPI
    let chain = "cbetc"
    let profile = CryptoProfile.standard

    init(limits: NodeLimits = NodeLimits()) async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("api-net-\(UUID().uuidString)")
        try Self.write(root: root, chain: chain, profile: profile, limits: limits)
        var hosts: [NodeHost] = []
        for index in 0..<Self.validators {
            let home = try NodeHome(home: root.appendingPathComponent("node\(index)").path)
            let host = try NodeHost(home: home, log: { _ in }, onFatal: { _ in })
            _ = try await host.start()
            hosts.append(host)
        }
        self.hosts = hosts
        api = TraceAPI(host: hosts[0])
    }

    func stop() async {
        for host in hosts { await host.shutdown() }
        try? FileManager.default.removeItem(at: root)
    }

    /// A network's first peer port, in steps of 8 from a random start within
    /// 20,000–25,699 (the CLI tests' networks take 25,700 up): random bases per
    /// network collided now and then when suites ran in parallel.
    static func portBase() -> Int { 20_000 + (nextSlot.add(1, ordering: .relaxed).oldValue % 712) * 8 }

    private static let nextSlot = Atomic<Int>(Int.random(in: 0..<712))

    static func write(root: URL, chain: String, profile: CryptoProfile, limits: NodeLimits) throws {
        let now = Date()
        let notBefore = now.addingTimeInterval(-3600), notAfter = now.addingTimeInterval(86_400)
        let ca = try NetworkCA(name: "api-test", key: P256Signer(), notBefore: notBefore, notAfter: notAfter)
        let caPEM = try CertificateCodec.pem(ca.certificate)
        // Below the ephemeral range (32768–60999): no outgoing connection holds these ports.
        let base = Self.portBase()
        var files: [(String, [UInt8])] = []
        var validators: [GenesisValidator] = []
        for index in 0..<Self.validators {
            let name = "node\(index)"
            let tlsKey = SigningKey.generate(.p256)
            let certificate = try ca.issue(publicKey: tlsKey.publicKey,
                                           claims: IdentityClaims(participantId: name, nodeRoles: [chain: .validator]),
                                           serial: UInt64(index) + 2, notBefore: notBefore, notAfter: notAfter)
            let consensusKey = SigningKey.generate(profile.defaultSignatureAlgorithm)
            validators.append(GenesisValidator(name: name, consensusKey: consensusKey.publicKey, power: 10, nodeKey: tlsKey.publicKey))
            var settings = NodeSettings(name: name)
            settings.listenP2P = "127.0.0.1:\(base + index)"
            let peers = (0..<Self.validators).filter { $0 != index }.map { PeerSettings(name: "node\($0)", address: "127.0.0.1:\(base + $0)") }
            let config = NodeConfig(home: root.appendingPathComponent(name).path, node: settings, limits: limits,
                                    chains: [ChainSettings(id: chain, role: .validator, genesisFile: "genesis/\(chain).json",
                                                           consensusKeyFile: "keys/consensus.key.json")],
                                    peers: peers)
            files += [
                ("\(name)/keys/tls.key.json", try KeyFile(key: tlsKey, passphrase: nil).jsonBytes),
                ("\(name)/keys/tls.crt.pem", Array(try CertificateCodec.pem(certificate).utf8)),
                ("\(name)/keys/consensus.key.json", try KeyFile(key: consensusKey, passphrase: nil).jsonBytes),
                ("\(name)/\(NodeConfig.fileName)", Array(config.tomlText.utf8)),
            ]
        }
        let genesis = Genesis(chainId: chain, profile: profile, genesisTime: Int64(now.timeIntervalSince1970 * 1000),
                              validators: validators, caCertificates: [caPEM])
        for index in 0..<Self.validators { files.append(("node\(index)/genesis/\(chain).json", try genesis.canonicalBytes())) }
        for (path, bytes) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
    }

    /// A signed kv transaction for this chain (fresh nonce, current time).
    func transaction(key: String = "k-\(UUID().uuidString.prefix(8))", value: String = "v",
                     signer: any Signer = P256Signer(), chain: String? = nil, time: Int64? = nil) throws -> Transaction {
        let nonce = Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255) })
        return try Transaction.sign(chain: chain ?? self.chain, contract: "kv", action: "put",
                                    payload: ["key": .string(key), "value": .string(value)], nonce: nonce,
                                    time: time ?? Int64(Date().timeIntervalSince1970 * 1000), signer: signer)
    }
}

/// Runs `body` with a fresh network, stopping it afterwards.
func withNetwork<T>(limits: NodeLimits = NodeLimits(), _ body: (APINetwork) async throws -> T) async throws -> T {
    let network = try await APINetwork(limits: limits)
    do {
        let result = try await body(network)
        await network.stop()
        return result
    } catch {
        await network.stop()
        throw error
    }
}
