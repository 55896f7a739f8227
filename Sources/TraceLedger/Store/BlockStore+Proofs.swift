import TraceConsensus
import TraceCrypto

/// Read-only helpers for proof bundles (issue 5 item 3): what a `ProofBuilder` reads.
extension BlockStore {
    /// The certificate deciding height `height` that the store holds: the
    /// `lastCommit` of block `height + 1`, when that block is stored. The
    /// applied height's certificate is the runtime's kept decision
    /// (`ChainRuntime.decision(at:)`), not in the store.
    public func certificate(ofHeight height: UInt64) throws(LedgerError) -> CommitCertificate? {
        try header(at: height + 1)?.lastCommit
    }

    /// Transaction `index` of stored block `height` with its inclusion proof
    /// against that block's transactions root; `nil` when there is no such transaction.
    /// Read alone, with the block's ids from the id index (applied blocks).
    public func transactionProof(height: UInt64, index: Int) throws(LedgerError) -> (transaction: Transaction, proof: InclusionProof)? {
        guard height <= appliedHeight, let transaction = try transaction(height: height, index: index) else { return nil }
        let ids = try transactionIDs(at: height)
        guard ids.indices.contains(index), ids[index] == transaction.id(hasher.algorithm) else {
            throw LedgerError(.corrupted, field: "transactions", rule: "the id index of block \(height) disagrees with its transaction \(index)")
        }
        let leaves = ids.map { hasher.leafHash($0.bytes) }
        guard let proof = MerkleTree.inclusionProof(index: index, leafHashes: leaves, hasher: hasher) else { return nil }
        return (transaction, proof)
    }

    /// The committed value of `key` (nil: absent) with its proof under `stateRoot`.
    public func stateEntry(key: [UInt8]) throws(LedgerError) -> (value: [UInt8]?, proof: StateProof) {
        (try value(forKey: key), proof(key: key))
    }
}
