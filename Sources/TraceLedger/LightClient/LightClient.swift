import TraceConsensus
import TraceCrypto

/// Checks proof bundles with nothing but the chain's genesis (issue 5 item 3,
/// issue 6 item 4): the base of light clients and of cross-chain proofs.
/// The rules are in docs/proofs.md "Verification".
public enum LightClient {
    /// Verifies `bundle` against `genesis`, then runs the caller's `check`
    /// (e.g. that an index entry lists exactly the bundled transactions).
    public static func verify(_ bundle: ProofBundle, genesis: Genesis, verifier: any SignatureVerifier = DirectVerifier(),
                              check: (VerifiedBundle) throws(ProofError) -> Void = { _ in }) throws(ProofError) -> VerifiedBundle {
        let context = try LightClientContext(genesis: genesis, verifier: verifier)
        guard bundle.chain == genesis.chainId else {
            throw ProofError(.wrongChain, field: "chain", rule: "the bundle is for '\(bundle.chain)', the genesis for '\(genesis.chainId)'")
        }
        guard bundle.genesisHash == context.genesisHash else {
            throw ProofError(.wrongGenesis, field: "genesisHash", rule: "not the hash of this genesis")
        }
        try checkHeaders(bundle, context)
        guard let anchor = bundle.certifiedHeader(at: bundle.anchorHeight)?.header else {
            throw ProofError(.missingHeader, field: "anchorHeight", rule: "no header of height \(bundle.anchorHeight) in the bundle")
        }
        let verified = VerifiedBundle(chain: bundle.chain, anchor: anchor,
                                      entries: try checkEntries(bundle.entries, anchor: anchor, context),
                                      transactions: try checkTransactions(bundle, context))
        try check(verified)
        return verified
    }

    /// Decodes `bytes` (JSON or binary form) and verifies them.
    public static func verify(bytes: [UInt8], genesis: Genesis,
                              check: (VerifiedBundle) throws(ProofError) -> Void = { _ in }) throws(ProofError) -> VerifiedBundle {
        try verify(try ProofBundle(bytes: bytes), genesis: genesis, check: check)
    }

    /// Headers: strictly ascending heights, each the anchor or the block of
    /// a bundled transaction, each certified by the genesis validators.
    static func checkHeaders(_ bundle: ProofBundle, _ context: LightClientContext) throws(ProofError) {
        guard !bundle.headers.isEmpty else { throw ProofError(.missingHeader, field: "headers", rule: "at least the anchor") }
        let transactionHeights = Set(bundle.transactions.map(\.height))
        var previous: UInt64 = 0
        for (index, certified) in bundle.headers.enumerated() {
            let field = "headers[\(index)]"
            let height = certified.header.height.rawValue
            guard height > previous else {
                throw ProofError(.notInOrder, field: field + ".header.height", rule: "heights strictly ascending, from 1")
            }
            guard height == bundle.anchorHeight || transactionHeights.contains(height) else {
                throw ProofError(.unusedHeader, field: field, rule: "neither the anchor nor the block of a bundled transaction")
            }
            try context.checkCertified(certified, field: field)
            previous = height
        }
    }

    /// Entries: strictly ascending keys, each value (or absence) proven under the anchor's state root.
    static func checkEntries(_ entries: [ProvenStateEntry], anchor: BlockHeader,
                             _ context: LightClientContext) throws(ProofError) -> [VerifiedEntry] {
        var verified: [VerifiedEntry] = []
        for (index, entry) in entries.enumerated() {
            let field = "entries[\(index)]"
            if let last = verified.last, !last.key.lexicographicallyPrecedes(entry.key) {
                throw ProofError(.notInOrder, field: field + ".key", rule: "keys strictly ascending")
            }
            let verdict = entry.proof.verify(key: entry.key, root: anchor.stateRoot, hasher: context.hasher)
            switch (verdict, entry.value) {
            case (.invalid, _):
                throw ProofError(.invalidStateProof, field: field + ".proof", rule: "does not lead to the anchor's state root")
            case (.absent, .some):
                throw ProofError(.invalidStateProof, field: field + ".proof", rule: "proves the key absent, the entry gives a value")
            case (.member, .none):
                throw ProofError(.invalidStateProof, field: field + ".proof", rule: "proves the key present, the entry says absent")
            case (.member(let valueHash), .some(let value)) where valueHash != context.hasher.algorithm.hash(value):
                throw ProofError(.wrongValue, field: field + ".value", rule: "does not hash to the proven value hash")
            case (.member, .some), (.absent, .none):
                verified.append(VerifiedEntry(key: entry.key, value: entry.value))
            }
        }
        return verified
    }

    /// Transactions: strictly ascending (height, index), each a valid signed
    /// transaction of this chain whose id is leaf `index` of its block's transactions root.
    static func checkTransactions(_ bundle: ProofBundle, _ context: LightClientContext) throws(ProofError) -> [VerifiedTransaction] {
        let headers = Dictionary(bundle.headers.map { ($0.header.height.rawValue, $0.header) }) { first, _ in first }
        var verified: [VerifiedTransaction] = []
        for (position, proven) in bundle.transactions.enumerated() {
            let field = "transactions[\(position)]"
            if let last = verified.last, (last.height, last.index) >= (proven.height, proven.index) {
                throw ProofError(.notInOrder, field: field, rule: "(height, index) strictly ascending")
            }
            guard let header = headers[proven.height] else {
                throw ProofError(.missingHeader, field: field + ".height", rule: "no header of height \(proven.height) in the bundle")
            }
            let transaction = try context.decode(proven.wireBytes, field: field + ".transaction")
            let id = transaction.id(context.hasher.algorithm)
            guard proven.proof.leafIndex == UInt64(proven.index) else {
                throw ProofError(.invalidInclusionProof, field: field + ".proof", rule: "proves leaf \(proven.proof.leafIndex), not index \(proven.index)")
            }
            guard Block.verifyInclusion(of: id, proof: proven.proof, header: header, hasher: context.hasher) else {
                throw ProofError(.invalidInclusionProof, field: field + ".proof", rule: "does not lead to the block's transaction root")
            }
            verified.append(VerifiedTransaction(height: proven.height, index: proven.index, blockTime: header.time,
                                                id: id, transaction: transaction))
        }
        return verified
    }
}
