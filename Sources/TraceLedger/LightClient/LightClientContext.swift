import TraceConsensus
import TraceCrypto

/// What a light client takes from genesis: the chain, its profile, its
/// validator set and the set's hash, and the genesis hash.
struct LightClientContext {
    let genesis: Genesis
    let genesisHash: [UInt8]
    let validators: ValidatorSet
    let validatorSetHash: [UInt8]
    let verifier: any SignatureVerifier

    var profile: CryptoProfile { genesis.profile }
    var hasher: MerkleHasher { genesis.profile.merkleHasher }

    init(genesis: Genesis, verifier: any SignatureVerifier) throws(ProofError) {
        do {
            self.genesisHash = try genesis.hash()
            self.validators = try genesis.validatorSet()
        } catch {
            throw ProofError(.wrongGenesis, field: "genesis", rule: error.description)
        }
        self.genesis = genesis
        self.validatorSetHash = validators.hash(genesis.profile.hash)
        self.verifier = verifier
    }

    /// A header of this chain, signed by this chain's validators, decided by `certified.certificate`.
    func checkCertified(_ certified: CertifiedHeader, field: String) throws(ProofError) {
        let header = certified.header
        guard header.chain == genesis.chainId else {
            throw ProofError(.wrongChain, field: field + ".header.chain", rule: "'\(header.chain)' is not '\(genesis.chainId)'")
        }
        guard header.validatorSetHash == validatorSetHash else {
            throw ProofError(.wrongValidatorSet, field: field + ".header.validatorSetHash", rule: "not the genesis validator set")
        }
        guard validators.index(of: header.proposer) != nil else {
            throw ProofError(.wrongValidatorSet, field: field + ".header.proposer", rule: "not a genesis validator")
        }
        try checkCertificate(certified.certificate, decides: header, field: field + ".certificate")
    }

    /// Precommits, one per validator in index order, each signed under the
    /// profile for exactly (height, round, block id = header hash), together
    /// more than 2/3 of the genesis voting power.
    func checkCertificate(_ certificate: CommitCertificate, decides header: BlockHeader, field: String) throws(ProofError) {
        guard certificate.height == header.height else {
            throw ProofError(.wrongHeight, field: field + ".height", rule: "not the header's height \(header.height.rawValue)")
        }
        guard certificate.blockID == BlockID(hash: header.hash(profile.hash)) else {
            throw ProofError(.wrongBlock, field: field + ".blockID", rule: "not the header's hash")
        }
        var power: UInt64 = 0
        var previous = -1
        for (position, vote) in certificate.precommits.enumerated() {
            let voteField = "\(field).precommits[\(position)]"
            guard vote.type == .precommit, vote.height == certificate.height, vote.round == certificate.round,
                  vote.blockID == certificate.blockID else {
                throw ProofError(.wrongBlock, field: voteField, rule: "not a precommit for the certificate's height, round and block")
            }
            guard vote.validatorIndex > previous, vote.validatorIndex < validators.count else {
                throw ProofError(.malformed, field: voteField + ".validatorIndex", rule: "one precommit per genesis validator, in index order")
            }
            let key = validators.validators[vote.validatorIndex].publicKey
            guard profile.admits(vote.signature.algorithm), vote.signature.algorithm == key.algorithm else {
                throw ProofError(.unsupportedAlgorithm, field: voteField + ".signature", rule: "not the validator's scheme under profile '\(profile.rawValue)'")
            }
            guard verifier.isValid(vote.signature, key: key, message: vote.signBytes) else {
                throw ProofError(.invalidSignature, field: voteField + ".signature", rule: "does not verify under validator \(vote.validatorIndex)'s key")
            }
            previous = vote.validatorIndex
            power += validators.power(of: vote.validatorIndex)
        }
        guard validators.isQuorum(power) else {
            throw ProofError(.insufficientPower, field: field,
                             rule: "precommits hold \(power) of \(validators.totalPower) voting power, not more than 2/3")
        }
    }

    /// A transaction of this chain in canonical wire form, signed under the profile.
    func decode(_ wire: [UInt8], field: String) throws(ProofError) -> Transaction {
        let transaction: Transaction
        do { transaction = try Transaction(wireBytes: wire) } catch {
            throw ProofError(.invalidTransaction, field: field, rule: error.description)
        }
        guard transaction.wireBytes == wire else {
            throw ProofError(.invalidTransaction, field: field, rule: "not the canonical JSON of the wire form")
        }
        do { try transaction.check(chain: genesis.chainId, profile: profile) } catch {
            let code: ProofError.Code = error.code == .wrongChain ? .wrongChain : .invalidTransaction
            throw ProofError(code, field: field + "." + error.field, rule: error.rule)
        }
        return transaction
    }
}
