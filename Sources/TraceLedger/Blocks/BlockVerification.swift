import TraceConsensus
import TraceCrypto

extension BlockHeader {
    /// Checks the header against the chain's validators: the
    /// validator-set hash is that of `validators`, the proposer is one of
    /// them, and the carried commit certificate proves, under
    /// `previousValidators`, a decision for the block at height − 1, whose
    /// hash `previousBlockHash` the caller knows from its store: the header's
    /// `previousBlockHash` must be it, and the certificate's block id is it
    /// (the consensus block id is the ledger block hash, `Block.consensusBlock`).
    public func checkSigners(validators: ValidatorSet, previousValidators: ValidatorSet?, previousBlockHash: [UInt8]?,
                             profile: CryptoProfile, verifier: any SignatureVerifier = DirectVerifier()) throws(LedgerError) {
        guard validatorSetHash == validators.hash(profile.hash) else {
            throw LedgerError(.invalidField, field: "header.validatorSetHash", rule: "the hash of this height's validator set")
        }
        guard validators.index(of: proposer) != nil else {
            throw LedgerError(.invalidField, field: "header.proposer", rule: "a validator of this height")
        }
        guard self.previousBlockHash == previousBlockHash else {
            throw LedgerError(.invalidField, field: "header.previousBlockHash", rule: "the stored previous block's hash")
        }
        guard let lastCommit else { return }
        guard let previousValidators, let previousBlockHash, lastCommit.blockID == BlockID(hash: previousBlockHash) else {
            throw LedgerError(.invalidField, field: "header.lastCommit.blockID", rule: "the previous block's id")
        }
        guard lastCommit.verify(previousValidators, verifier: verifier) else {
            throw LedgerError(.invalidSignature, field: "header.lastCommit",
                              rule: "precommits of more than 2/3 of the voting power, each signature valid")
        }
    }
}
