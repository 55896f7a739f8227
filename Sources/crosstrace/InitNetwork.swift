import ArgumentParser
import Foundation
import TraceConsensus
import TraceCrypto
import TraceLedger

/// The files of a local network, made in memory and then written:
///
///     DIR/ca/ca.key.json, ca.crt.pem
///     DIR/genesis/<chain>.json
///     DIR/nodeK/node.toml
///     DIR/nodeK/genesis/<chain>.json             (a copy: each home is self-contained)
///     DIR/nodeK/keys/tls.key.json, tls.crt.pem   (P-256; SAN crosstrace:node:<chain>:validator)
///     DIR/nodeK/keys/<chain>-consensus.key.json  (the chain profile's scheme)
///     DIR/verifiers/<name>.key.json              (genesis verifiers, R-6.3.1.2)
struct InitNetwork {
    /// The genesis verifiers of every chain (R-6.3.1.2): the platform operator;
    /// market supervision also on the trade chain (`cbetc`).
    static func verifierNames(chain: String) -> [String] {
        chain == "cbetc" ? ["platform-operator", "market-supervision"] : ["platform-operator"]
    }

    /// The key file of verifier `name` of `chain`, relative to DIR: one key per chain and verifier.
    static func verifierKeyPath(chain: String, name: String) -> String { "verifiers/\(chain)-\(name).key.json" }

    static let validatorPower: UInt64 = 10
    static let certificateLifetime: TimeInterval = 10 * 365 * 24 * 3600

    let plan: InitPlan
    private(set) var files: [(path: String, bytes: [UInt8], secret: Bool)] = []
    private(set) var genesisHashes: [(String, [UInt8])] = []

    init(plan: InitPlan, now: Date) throws {
        self.plan = plan
        let notBefore = now.addingTimeInterval(-3600), notAfter = now.addingTimeInterval(Self.certificateLifetime)
        let caKey = P256Signer()
        let ca = try NetworkCA(name: "crosstrace-local", key: caKey, notBefore: notBefore, notAfter: notAfter)
        let caPEM = try CertificateCodec.pem(ca.certificate)
        add("ca/ca.key.json", try KeyFile(key: .p256(caKey), passphrase: nil).jsonBytes + [0x0a], secret: true)
        add("ca/ca.crt.pem", Array(caPEM.utf8))

        var validators: [String: [GenesisValidator]] = [:]
        for index in 0..<plan.validators {
            let home = "node\(index)"
            let tlsKey = SigningKey.generate(.p256)
            let roles = Dictionary(uniqueKeysWithValues: plan.chains.map { ($0.id, NodeRole.validator) })
            let certificate = try ca.issue(publicKey: tlsKey.publicKey, claims: IdentityClaims(participantId: home, nodeRoles: roles),
                                           serial: UInt64(index) + 2, notBefore: notBefore, notAfter: notAfter)
            add("\(home)/keys/tls.key.json", try KeyFile(key: tlsKey, passphrase: nil).jsonBytes + [0x0a], secret: true)
            add("\(home)/keys/tls.crt.pem", Array(try CertificateCodec.pem(certificate).utf8))
            for chain in plan.chains {
                let consensusKey = SigningKey.generate(chain.profile.defaultSignatureAlgorithm)
                add("\(home)/keys/\(chain.id)-consensus.key.json", try KeyFile(key: consensusKey, passphrase: nil).jsonBytes + [0x0a], secret: true)
                validators[chain.id, default: []].append(GenesisValidator(name: home, consensusKey: consensusKey.publicKey,
                                                                          power: Self.validatorPower, nodeKey: tlsKey.publicKey))
            }
            add("\(home)/\(NodeConfig.fileName)", Array(nodeConfig(index).tomlText.utf8))
        }
        let genesisTime = Int64(now.timeIntervalSince1970 * 1000)
        for chain in plan.chains {
            var verifiers: [GenesisVerifier] = []
            for name in Self.verifierNames(chain: chain.id) {
                let key = SigningKey.generate(chain.profile.defaultSignatureAlgorithm)
                add(Self.verifierKeyPath(chain: chain.id, name: name), try KeyFile(key: key, passphrase: nil).jsonBytes + [0x0a], secret: true)
                verifiers.append(GenesisVerifier(participantId: name, publicKey: key.publicKey))
            }
            let genesis = Genesis(chainId: chain.id, profile: chain.profile, genesisTime: genesisTime,
                                  validators: validators[chain.id] ?? [], caCertificates: [caPEM], verifiers: verifiers)
            try genesis.validate()
            let bytes = try genesis.canonicalBytes() + [0x0a]
            add("genesis/\(chain.id).json", bytes)
            for index in 0..<plan.validators { add("node\(index)/genesis/\(chain.id).json", bytes) }
            genesisHashes.append((chain.id, try genesis.hash()))
        }
    }

    private func nodeConfig(_ index: Int) -> NodeConfig {
        var settings = NodeSettings(name: "node\(index)")
        settings.listenP2P = "127.0.0.1:\(plan.basePort + index)"
        settings.listenHTTP = "127.0.0.1:\(plan.httpBasePort + index)"
        let chains = plan.chains.map {
            ChainSettings(id: $0.id, role: .validator, genesisFile: "genesis/\($0.id).json", consensusKeyFile: "keys/\($0.id)-consensus.key.json")
        }
        let peers = (0..<plan.validators).filter { $0 != index }.map {
            PeerSettings(name: "node\($0)", address: "127.0.0.1:\(plan.basePort + $0)")
        }
        return NodeConfig(home: "\(plan.out)/node\(index)", node: settings, chains: chains, peers: peers)
    }

    private mutating func add(_ path: String, _ bytes: [UInt8], secret: Bool = false) {
        files.append((path, bytes, secret))
    }

    /// Creates DIR (which must not exist) and writes every file; key files
    /// get mode 0600 and their directories 0700.
    func write() throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: plan.out, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        for file in files {
            let path = plan.out + "/" + file.path
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            let mode = file.secret ? 0o700 : 0o755
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: mode])
            guard manager.createFile(atPath: path, contents: Data(file.bytes),
                                     attributes: [.posixPermissions: file.secret ? 0o600 : 0o644]) else {
                throw ValidationError("cannot write \(path)")
            }
        }
    }
}
