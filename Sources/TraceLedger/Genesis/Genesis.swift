import Foundation
import TraceConsensus
import TraceCrypto
import X509

/// A chain's genesis: everything every node and every light client of the
/// chain must agree on before block 1 (R-5.3.1, issue 5 item 5). Stored as
/// RFC 8785 canonical JSON (keys sorted), so the file has one byte form and
/// one `hash`. See docs/operations.md "Genesis".
public struct Genesis: Hashable, Sendable {
    public static let version: Int64 = 1
    public static let fileBytesMax = 4 << 20
    public static let hashDomainTag = Array("crosstrace/genesis/v1\n".utf8)

    /// `cbetc`, `cbeac` or any `[a-z0-9-]{1,32}`.
    public var chainId: String
    /// The chain's cryptography: which keys it admits and which hash it uses.
    public var profile: CryptoProfile
    /// Unix time in milliseconds; block 1's time is at or after it.
    public var genesisTime: Int64
    /// The bookkeeping nodes in index order.
    public var validators: [GenesisValidator]
    /// Nodes that replicate the chain without voting.
    public var replicas: [GenesisReplica]
    /// The network CA certificates, PEM; the only trust roots of peer TLS.
    public var caCertificates: [String]
    /// Consensus timeouts and limits.
    public var consensus: ConsensusConfig
    /// Verifier participants named in genesis, who approve participants (R-6.3.1.2).
    public var verifiers: [GenesisVerifier]

    public init(chainId: String, profile: CryptoProfile, genesisTime: Int64, validators: [GenesisValidator],
                replicas: [GenesisReplica] = [], caCertificates: [String], consensus: ConsensusConfig = ConsensusConfig(),
                verifiers: [GenesisVerifier] = []) {
        self.chainId = chainId
        self.profile = profile
        self.genesisTime = genesisTime
        self.validators = validators
        self.replicas = replicas
        self.caCertificates = caCertificates
        self.consensus = consensus
        self.verifiers = verifiers
    }

    /// Reads and validates the genesis file at `path`.
    public static func load(_ path: String) throws(GenesisError) -> Genesis {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw GenesisError(.malformed, field: "file", rule: "cannot open \(path)")
        }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: fileBytesMax + 1) else {
            throw GenesisError(.malformed, field: "file", rule: "cannot read \(path)")
        }
        return try parse(Array(data))
    }

    /// Parses and validates genesis JSON (at most `fileBytesMax` bytes, no duplicate members).
    public static func parse(_ bytes: [UInt8]) throws(GenesisError) -> Genesis {
        guard bytes.count <= fileBytesMax else {
            throw GenesisError(.malformed, field: "file", rule: "at most \(fileBytesMax) bytes")
        }
        let json: CanonicalJSON
        do { json = try CanonicalJSONParser.parse(bytes, sizeMax: fileBytesMax) } catch {
            let code: GenesisError.Code = error.code == .duplicateKey ? .duplicateKey : .malformed
            throw GenesisError(code, field: "file", rule: "JSON: \(error)")
        }
        let genesis = try Genesis(json: json)
        try genesis.validate()
        return genesis
    }

    /// The canonical file bytes (RFC 8785).
    public func canonicalBytes() throws(GenesisError) -> [UInt8] {
        do { return try json.canonicalBytes() } catch {
            throw GenesisError(.invalidField, field: "file", rule: "cannot encode: \(error)")
        }
    }

    /// The genesis hash: `profile.hash("crosstrace/genesis/v1\n" ‖ canonical bytes)`.
    public func hash() throws(GenesisError) -> [UInt8] {
        profile.hash.hash(Self.hashDomainTag + (try canonicalBytes()))
    }

    /// The consensus validator set of height 1, in genesis order.
    public func validatorSet() throws(GenesisError) -> ValidatorSet {
        do {
            return try ValidatorSet(validators.map { Validator(publicKey: $0.consensusKey, power: VotingPower($0.power)) })
        } catch {
            throw GenesisError(.invalidField, field: "validators", rule: error.description)
        }
    }

    /// The role of the node whose TLS certificate holds `nodeKey`, or nil when
    /// genesis names no such node: peer admission accepts only validators and
    /// replicas of this chain, never another certificate of the same CA (issue 5 item 4).
    public func nodeRole(of nodeKey: PublicKey) -> NodeRole? {
        if validators.contains(where: { $0.nodeKey == nodeKey }) { return .validator }
        if replicas.contains(where: { $0.nodeKey == nodeKey }) { return .replica }
        return nil
    }

    /// The network CA certificates, parsed.
    public func networkCAs() throws(GenesisError) -> [Certificate] {
        var certificates: [Certificate] = []
        for (index, pem) in caCertificates.enumerated() {
            do { certificates.append(try CertificateCodec.certificate(pem: pem)) } catch {
                throw GenesisError(.badPEM, field: "caCertificates[\(index)]", rule: "a PEM X.509 certificate")
            }
        }
        return certificates
    }
}

/// A validator: its name, consensus key (admitted by the profile), voting
/// power, and the P-256 public key of its node TLS certificate.
public struct GenesisValidator: Hashable, Sendable {
    public var name: String
    public var consensusKey: PublicKey
    public var power: UInt64
    public var nodeKey: PublicKey

    public init(name: String, consensusKey: PublicKey, power: UInt64, nodeKey: PublicKey) {
        self.name = name
        self.consensusKey = consensusKey
        self.power = power
        self.nodeKey = nodeKey
    }
}

/// A replica node: its name and the P-256 public key of its node TLS certificate.
public struct GenesisReplica: Hashable, Sendable {
    public var name: String
    public var nodeKey: PublicKey

    public init(name: String, nodeKey: PublicKey) {
        self.name = name
        self.nodeKey = nodeKey
    }
}

/// A verifier participant named in genesis (R-6.3.1.2): its participant id and signing key.
public struct GenesisVerifier: Hashable, Sendable {
    public var participantId: String
    public var publicKey: PublicKey

    public init(participantId: String, publicKey: PublicKey) {
        self.participantId = participantId
        self.publicKey = publicKey
    }
}
