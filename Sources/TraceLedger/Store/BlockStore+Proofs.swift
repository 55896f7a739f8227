import TraceConsensus
import TraceCrypto

/// Read-only helpers for proof bundles (issue 5 item 3): what a `ProofBuilder` reads.
extension BlockStore {
    /// The certificate deciding height `height` that the store holds: the
    /// `lastCommit` of block `height + 1`, when that block is stored. The
    /// applied height's certificate is the runtime's kept decision
    /// (`ChainRuntime.decision(at:)`), not in the store.
    public func certificate(ofHeight height: UInt64) throws(LedgerError) -> CommitCertificate? {
        try block(at: height + 1)?.header.lastCommit
    }

    /// Transaction `index` of stored block `height` with its inclusion proof
    /// against that block's transactions root; `nil` when there is no such transaction.
    public func transactionProof(height: UInt64, index: Int) throws(LedgerError) -> (transaction: Transaction, proof: InclusionProof)? {
        guard let block = try block(at: height), block.transactions.indices.contains(index),
              let proof = block.inclusionProof(index: index, hasher: hasher) else { return nil }
        return (block.transactions[index], proof)
    }

    /// The committed value of `key` (nil: absent) with its proof under `stateRoot`.
    public func stateEntry(key: [UInt8]) throws(LedgerError) -> (value: [UInt8]?, proof: StateProof) {
        (try value(forKey: key), proof(key: key))
    }
}
