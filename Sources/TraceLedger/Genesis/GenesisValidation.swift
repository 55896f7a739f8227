import TraceConsensus
import TraceCrypto
import X509

/// Every rule of a genesis, checked once by `validate()`; the first broken
/// rule is thrown with its field path. See docs/operations.md "Genesis".
extension Genesis {
    public static let caCertificatesMax = 8
    public static let replicasMax = 1_000
    public static let verifiersMax = 1_000

    /// `[a-z0-9-]{1,32}`.
    public static func isValidChainId(_ text: String) -> Bool {
        (1...32).contains(text.utf8.count) && text.utf8.allSatisfy { byte in
            (0x61...0x7a).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2d
        }
    }

    /// Node and participant names: 1–64 of `[A-Za-z0-9._-]` (as certificate identities are).
    public static func isValidName(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count) && text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte)
                || byte == 0x2e || byte == 0x5f || byte == 0x2d
        }
    }

    public func validate() throws(GenesisError) {
        guard Self.isValidChainId(chainId) else {
            throw GenesisError(.invalidField, field: "chainId", rule: "1-32 of [a-z0-9-]")
        }
        guard genesisTime >= 0, genesisTime <= CanonicalJSON.integerMagnitudeMax else {
            throw GenesisError(.invalidField, field: "genesisTime", rule: "milliseconds since 1970, 0...2^53-1")
        }
        try validateValidators()
        try validateNodes()
        try validateCertificates()
        try validateVerifiers()
        do { try consensus.validate() } catch {
            throw GenesisError(.invalidField, field: "consensus.\(error.field)", rule: error.rule)
        }
    }

    private func validateValidators() throws(GenesisError) {
        guard (1...ValidatorSet.countMax).contains(validators.count) else {
            throw GenesisError(.invalidField, field: "validators", rule: "1...\(ValidatorSet.countMax) validators")
        }
        var keys = Set<PublicKey>()
        var total: UInt64 = 0
        for (index, validator) in validators.enumerated() {
            let field = "validators[\(index)]"
            try checkConsensusKey(validator.consensusKey, field: field + ".consensusKey")
            guard keys.insert(validator.consensusKey).inserted else {
                throw GenesisError(.duplicateKey, field: field + ".consensusKey", rule: "consensus keys are unique")
            }
            guard validator.power > 0 else { throw GenesisError(.zeroPower, field: field + ".power", rule: "must be positive") }
            guard validator.power <= ValidatorSet.totalPowerMax, total + validator.power <= ValidatorSet.totalPowerMax else {
                throw GenesisError(.invalidField, field: field + ".power", rule: "total power at most 2^40")
            }
            total += validator.power
        }
    }

    /// Names and TLS node keys, unique across validators and replicas.
    private func validateNodes() throws(GenesisError) {
        guard replicas.count <= Self.replicasMax else {
            throw GenesisError(.invalidField, field: "replicas", rule: "at most \(Self.replicasMax)")
        }
        let nodes = validators.enumerated().map { ("validators[\($0.offset)]", $0.element.name, $0.element.nodeKey) }
            + replicas.enumerated().map { ("replicas[\($0.offset)]", $0.element.name, $0.element.nodeKey) }
        var names = Set<String>()
        var keys = Set<PublicKey>()
        for (field, name, key) in nodes {
            guard Self.isValidName(name) else { throw GenesisError(.invalidField, field: field + ".name", rule: "1-64 of [A-Za-z0-9._-]") }
            guard names.insert(name).inserted else {
                throw GenesisError(.duplicateKey, field: field + ".name", rule: "node names are unique")
            }
            guard key.algorithm == .p256 else {
                throw GenesisError(.keyNotAdmitted, field: field + ".nodeKey", rule: "node TLS keys are P-256 in every profile")
            }
            do { try key.validate() } catch { throw GenesisError(.invalidKey, field: field + ".nodeKey", rule: error.reason) }
            guard keys.insert(key).inserted else {
                throw GenesisError(.duplicateKey, field: field + ".nodeKey", rule: "node keys are unique")
            }
        }
    }

    private func validateCertificates() throws(GenesisError) {
        guard (1...Self.caCertificatesMax).contains(caCertificates.count) else {
            throw GenesisError(.invalidField, field: "caCertificates", rule: "1...\(Self.caCertificatesMax) certificates")
        }
        for (index, certificate) in try networkCAs().enumerated() {
            guard let constraints = try? certificate.extensions.basicConstraints, case .isCertificateAuthority = constraints else {
                throw GenesisError(.badPEM, field: "caCertificates[\(index)]", rule: "must be a CA certificate (basic constraints cA)")
            }
        }
        guard Set(caCertificates).count == caCertificates.count else {
            throw GenesisError(.duplicateKey, field: "caCertificates", rule: "certificates are unique")
        }
    }

    private func validateVerifiers() throws(GenesisError) {
        guard verifiers.count <= Self.verifiersMax else {
            throw GenesisError(.invalidField, field: "verifiers", rule: "at most \(Self.verifiersMax)")
        }
        var ids = Set<String>()
        var keys = Set<PublicKey>()
        for (index, verifier) in verifiers.enumerated() {
            let field = "verifiers[\(index)]"
            guard Self.isValidName(verifier.participantId) else {
                throw GenesisError(.invalidField, field: field + ".participantId", rule: "1-64 of [A-Za-z0-9._-]")
            }
            try checkConsensusKey(verifier.publicKey, field: field + ".publicKey")
            guard ids.insert(verifier.participantId).inserted, keys.insert(verifier.publicKey).inserted else {
                throw GenesisError(.duplicateKey, field: field, rule: "verifier ids and keys are unique")
            }
        }
    }

    /// A key the profile admits, whose bytes are a key of its scheme.
    private func checkConsensusKey(_ key: PublicKey, field: String) throws(GenesisError) {
        guard profile.admits(key.algorithm) else {
            let admitted = profile.signatureAlgorithms.map(\.rawValue).joined(separator: ", ")
            throw GenesisError(.keyNotAdmitted, field: field, rule: "profile \(profile.rawValue) admits \(admitted)")
        }
        do { try key.validate() } catch { throw GenesisError(.invalidKey, field: field, rule: error.reason) }
    }
}
