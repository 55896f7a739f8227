import TraceConsensus
import TraceCrypto

/// A state entry whose value (or absence) is proven under the anchor's state root.
public struct VerifiedEntry: Hashable, Sendable {
    public let key: [UInt8]
    /// `nil`: the key is absent from the state.
    public let value: [UInt8]?
}

/// A transaction proven to be transaction `index` of the certified block `height`.
public struct VerifiedTransaction: Hashable, Sendable {
    public let height: UInt64
    public let index: UInt32
    /// The block's BFT time.
    public let blockTime: Timestamp
    public let id: TransactionID
    public let transaction: Transaction
}

/// What `LightClient.verify` established: everything here is decided by
/// more than 2/3 of the genesis validators' voting power.
public struct VerifiedBundle: Hashable, Sendable {
    public let chain: String
    /// The anchor header, whose state root the entries are proven against.
    public let anchor: BlockHeader
    /// In strictly ascending key order.
    public let entries: [VerifiedEntry]
    /// In strictly ascending (height, index) order.
    public let transactions: [VerifiedTransaction]

    /// The verified entry of `key`, if the bundle carries one.
    public func entry(forKey key: [UInt8]) -> VerifiedEntry? { entries.first { $0.key == key } }

    /// Fails unless the bundle proves `key` holding exactly `expected` (`nil`: absent).
    public func requireValue(_ expected: [UInt8]?, forKey key: [UInt8]) throws(ProofError) {
        guard let index = entries.firstIndex(where: { $0.key == key }) else {
            throw ProofError(.checkFailed, field: "entries", rule: "no entry for key \(Hex.encode(key))")
        }
        guard entries[index].value == expected else {
            throw ProofError(.wrongValue, field: "entries[\(index)].value", rule: "not the expected value")
        }
    }

    /// Fails unless the bundle's transactions are exactly those at `positions`
    /// (an index entry's list): none missing, none extra.
    public func requireTransactions(at positions: [(height: UInt64, index: UInt32)]) throws(ProofError) {
        let expected = positions.map { [$0.height, UInt64($0.index)] }.sorted { $0.lexicographicallyPrecedes($1) }
        let carried = transactions.map { [$0.height, UInt64($0.index)] }
        let carriedSet = Set(carried), expectedSet = Set(expected)
        if let missing = expected.first(where: { !carriedSet.contains($0) }) {
            throw ProofError(.checkFailed, field: "transactions",
                             rule: "the transaction at height \(missing[0]), index \(missing[1]) is missing")
        }
        if let extra = carried.firstIndex(where: { !expectedSet.contains($0) }) {
            throw ProofError(.checkFailed, field: "transactions[\(extra)]", rule: "not a transaction the caller expects")
        }
    }
}
