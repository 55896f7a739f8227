import TraceConsensus
import TraceCrypto

/// The JSON form of a genesis. Keys are written `{"alg": …, "key": hex}`;
/// every member is required and unknown members are refused.
extension Genesis {
    static let members = ["caCertificates", "chainId", "consensus", "cryptoProfile", "genesisTime",
                          "replicas", "validators", "verifiers", "version"]

    var json: CanonicalJSON {
        .object([
            "version": .integer(Self.version),
            "chainId": .string(chainId),
            "cryptoProfile": .string(profile.rawValue),
            "genesisTime": .integer(genesisTime),
            "validators": .array(validators.map { validator in
                .object(["name": .string(validator.name), "consensusKey": Self.keyJSON(validator.consensusKey),
                         "power": .integer(Int64(clamping: validator.power)), "nodeKey": Self.keyJSON(validator.nodeKey)])
            }),
            "replicas": .array(replicas.map { .object(["name": .string($0.name), "nodeKey": Self.keyJSON($0.nodeKey)]) }),
            "caCertificates": .array(caCertificates.map { .string($0) }),
            "consensus": Self.consensusJSON(consensus),
            "verifiers": .array(verifiers.map {
                .object(["participantId": .string($0.participantId), "publicKey": Self.keyJSON($0.publicKey)])
            }),
        ])
    }

    init(json: CanonicalJSON) throws(GenesisError) {
        let root = try JSONObject(json, field: "", members: Self.members)
        guard try root.integer("version") == Self.version else {
            throw GenesisError(.invalidField, field: "version", rule: "must be \(Self.version)")
        }
        let profileName = try root.string("cryptoProfile")
        guard let profile = CryptoProfile(rawValue: profileName) else {
            throw GenesisError(.invalidField, field: "cryptoProfile", rule: "standard or national")
        }
        self.init(chainId: try root.string("chainId"), profile: profile, genesisTime: try root.integer("genesisTime"),
                  validators: try root.array("validators", Self.validator), replicas: try root.array("replicas", Self.replica),
                  caCertificates: try root.array("caCertificates", JSONObject.string(_:field:)),
                  consensus: try Self.consensus(root.member("consensus"), field: "consensus"),
                  verifiers: try root.array("verifiers", Self.verifier))
    }

    static func keyJSON(_ key: PublicKey) -> CanonicalJSON {
        .object(["alg": .string(key.algorithm.rawValue), "key": .string(Hex.encode(key.rawBytes))])
    }

    static func key(_ value: CanonicalJSON, field: String) throws(GenesisError) -> PublicKey {
        let object = try JSONObject(value, field: field, members: ["alg", "key"])
        guard let algorithm = SignatureAlgorithm(rawValue: try object.string("alg")) else {
            throw GenesisError(.invalidField, field: field + ".alg", rule: "p256, ed25519 or sm2")
        }
        let hex = try object.string("key")
        guard hex.utf8.count <= 256, let bytes = try? Hex.decode(hex, field: field + ".key") else {
            throw GenesisError(.invalidField, field: field + ".key", rule: "lowercase hex of at most 128 bytes")
        }
        return PublicKey(algorithm: algorithm, rawBytes: bytes)
    }

    static func validator(_ value: CanonicalJSON, field: String) throws(GenesisError) -> GenesisValidator {
        let object = try JSONObject(value, field: field, members: ["consensusKey", "name", "nodeKey", "power"])
        let power = try object.integer("power")
        guard power >= 0 else { throw GenesisError(.invalidField, field: field + ".power", rule: "not negative") }
        return GenesisValidator(name: try object.string("name"), consensusKey: try key(object.member("consensusKey"), field: field + ".consensusKey"),
                                power: UInt64(power), nodeKey: try key(object.member("nodeKey"), field: field + ".nodeKey"))
    }

    static func replica(_ value: CanonicalJSON, field: String) throws(GenesisError) -> GenesisReplica {
        let object = try JSONObject(value, field: field, members: ["name", "nodeKey"])
        return GenesisReplica(name: try object.string("name"), nodeKey: try key(object.member("nodeKey"), field: field + ".nodeKey"))
    }

    static func verifier(_ value: CanonicalJSON, field: String) throws(GenesisError) -> GenesisVerifier {
        let object = try JSONObject(value, field: field, members: ["participantId", "publicKey"])
        return GenesisVerifier(participantId: try object.string("participantId"),
                               publicKey: try key(object.member("publicKey"), field: field + ".publicKey"))
    }

    static let consensusMembers = ["futureRoundsMax", "payloadBytesMax", "roundMax", "timeoutPrecommitBase",
                                   "timeoutPrecommitDelta", "timeoutPrevoteBase", "timeoutPrevoteDelta",
                                   "timeoutProposeBase", "timeoutProposeDelta"]

    static func consensusJSON(_ config: ConsensusConfig) -> CanonicalJSON {
        .object([
            "timeoutProposeBase": .integer(config.timeoutProposeBase), "timeoutProposeDelta": .integer(config.timeoutProposeDelta),
            "timeoutPrevoteBase": .integer(config.timeoutPrevoteBase), "timeoutPrevoteDelta": .integer(config.timeoutPrevoteDelta),
            "timeoutPrecommitBase": .integer(config.timeoutPrecommitBase),
            "timeoutPrecommitDelta": .integer(config.timeoutPrecommitDelta),
            "futureRoundsMax": .integer(Int64(config.futureRoundsMax)), "roundMax": .integer(Int64(config.roundMax)),
            "payloadBytesMax": .integer(Int64(config.payloadBytesMax)),
        ])
    }

    static func consensus(_ value: CanonicalJSON, field: String) throws(GenesisError) -> ConsensusConfig {
        let object = try JSONObject(value, field: field, members: consensusMembers)
        var config = ConsensusConfig()
        config.timeoutProposeBase = try object.integer("timeoutProposeBase")
        config.timeoutProposeDelta = try object.integer("timeoutProposeDelta")
        config.timeoutPrevoteBase = try object.integer("timeoutPrevoteBase")
        config.timeoutPrevoteDelta = try object.integer("timeoutPrevoteDelta")
        config.timeoutPrecommitBase = try object.integer("timeoutPrecommitBase")
        config.timeoutPrecommitDelta = try object.integer("timeoutPrecommitDelta")
        config.futureRoundsMax = try object.integer("futureRoundsMax", in: 1...1_000, as: UInt32.self)
        config.roundMax = try object.integer("roundMax", in: 1...1_000_000, as: UInt32.self)
        config.payloadBytesMax = try object.integer("payloadBytesMax", in: 1...(64 << 20), as: Int.self)
        return config
    }
}
