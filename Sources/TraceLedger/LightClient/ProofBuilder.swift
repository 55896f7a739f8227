import TraceConsensus
import TraceCrypto

/// Builds proof bundles from a chain's `BlockStore` (issue 5 item 3, issue 6
/// item 4). The anchor is the applied height: state proofs exist only for
/// the applied state. Its certificate comes from the caller (the runtime's
/// kept decision, `ChainRuntime.decision(at:)`) or, when block
/// `appliedHeight + 1` is stored, from that block's `lastCommit`.
public struct ProofBuilder {
    let store: BlockStore
    let genesisHash: [UInt8]

    /// `genesisHash`: `Genesis.hash()` of the store's chain.
    public init(store: BlockStore, genesisHash: [UInt8]) {
        self.store = store
        self.genesisHash = genesisHash
    }

    /// A bundle proving `keys` (present or absent) under the applied state
    /// root and the transactions at `positions`, all in canonical order.
    public func build(keys: [[UInt8]], transactions positions: [(height: UInt64, index: UInt32)],
                      anchorCertificate: CommitCertificate?) throws(ProofError) -> ProofBundle {
        let anchorHeight = store.appliedHeight
        guard anchorHeight > 0, let anchor = try read({ () throws(LedgerError) in try store.header(at: anchorHeight) }) else {
            throw ProofError(.missingHeader, field: "anchorHeight", rule: "the store has applied no block")
        }
        let stored = try read { () throws(LedgerError) in try store.certificate(ofHeight: anchorHeight) }
        guard let certificate = anchorCertificate ?? stored else {
            throw ProofError(.missingHeader, field: "anchorCertificate", rule: "no certificate for the applied height \(anchorHeight)")
        }
        var headers = [anchorHeight: CertifiedHeader(header: anchor, certificate: certificate)]
        let unique = Set(positions.map { Position(height: $0.height, index: $0.index) }).sorted()
        var transactions: [ProvenTransaction] = []
        for position in unique {
            transactions.append(try proven(position))
            if headers[position.height] == nil { headers[position.height] = try certifiedHeader(position.height) }
        }
        let entries = try Set(keys).sorted { $0.lexicographicallyPrecedes($1) }.map { key throws(ProofError) in
            let (value, proof) = try read { () throws(LedgerError) in try store.stateEntry(key: key) }
            return ProvenStateEntry(key: key, value: value, proof: proof)
        }
        return ProofBundle(chain: anchor.chain, genesisHash: genesisHash, anchorHeight: anchorHeight,
                           headers: headers.keys.sorted().compactMap { headers[$0] }, entries: entries, transactions: transactions)
    }

    private struct Position: Hashable, Comparable {
        let height: UInt64
        let index: UInt32
        static func < (lhs: Self, rhs: Self) -> Bool { (lhs.height, lhs.index) < (rhs.height, rhs.index) }
    }

    private func proven(_ position: Position) throws(ProofError) -> ProvenTransaction {
        guard position.height <= store.appliedHeight, let found = try read({ () throws(LedgerError) in
            try store.transactionProof(height: position.height, index: Int(position.index))
        }) else {
            throw ProofError(.missingHeader, field: "transactions",
                             rule: "no committed transaction at height \(position.height), index \(position.index)")
        }
        return ProvenTransaction(height: position.height, index: position.index, wireBytes: found.transaction.wireBytes,
                                 proof: found.proof)
    }

    private func certifiedHeader(_ height: UInt64) throws(ProofError) -> CertifiedHeader {
        guard let header = try read({ () throws(LedgerError) in try store.header(at: height) }),
              let certificate = try read({ () throws(LedgerError) in try store.certificate(ofHeight: height) }) else {
            throw ProofError(.missingHeader, field: "headers", rule: "no certified header of height \(height) in the store")
        }
        return CertifiedHeader(header: header, certificate: certificate)
    }

    private func read<T>(_ body: () throws(LedgerError) -> T) throws(ProofError) -> T {
        do { return try body() } catch { throw ProofError(.malformed, field: "store", rule: error.description) }
    }
}
