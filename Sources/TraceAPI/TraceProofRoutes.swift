import TraceContracts
import TraceCrypto
import TraceLedger

/// The trace check of a verified proof bundle (issue 6 item 4): the bundle proves a
/// code's `TraceIndex` entry, and its transactions are exactly those the index lists,
/// with the listed ids — so an answer that drops or swaps a record fails.
public enum TraceProofCheck {
    /// `key`: the canonical key; nil takes the bundle's only trace index entry.
    public static func check(key: String? = nil) -> (VerifiedBundle) throws(ProofError) -> Void {
        { bundle throws(ProofError) in try verify(bundle, key: key) }
    }

    public static func verify(_ bundle: VerifiedBundle, key: String?) throws(ProofError) {
        let prefix = TraceContract.indexKey(for: "")
        let candidates = bundle.entries.filter { entry in
            key.map { entry.key == TraceContract.indexKey(for: $0) } ?? entry.key.starts(with: prefix)
        }
        guard candidates.count == 1, let entry = candidates.first else {
            throw ProofError(.checkFailed, field: "entries", rule: "exactly one trace index entry is required, found \(candidates.count)")
        }
        guard let value = entry.value else {
            throw ProofError(.checkFailed, field: "entries", rule: "the trace index entry is absent: the code was never issued")
        }
        let index: TraceIndex
        do throws(TraceIndexError) {
            index = try TraceIndex(canonicalBytes: value)
        } catch {
            throw ProofError(.checkFailed, field: "entries", rule: "the trace index does not decode: \(error)")
        }
        try bundle.requireTransactions(at: index.entries.map { (height: $0.height, index: $0.index) })
        for listed in index.entries {
            guard let carried = bundle.transactions.first(where: { $0.height == listed.height && $0.index == listed.index }),
                  carried.id == listed.transactionID else {
                throw ProofError(.checkFailed, field: "transactions",
                                 rule: "the transaction at height \(listed.height), index \(listed.index) is not the one the index lists")
            }
        }
    }
}
