import TraceConsensus
import TraceCrypto

/// Transactions waiting for a block (issue 5 item 4; DESIGN.md "mempool ►
/// consensus driver"). Pure and deterministic: time is passed in, outputs
/// follow arrival order, and every operation returns at once — a full mempool
/// refuses work (`mempoolFull`, HTTP 429) and never blocks consensus.
///
/// Admission refuses, with a reason: a wire form over `transactionBytesMax`,
/// another chain, an algorithm the profile does not admit, a client time
/// outside ±`clockSkewMax`, a duplicate or already committed id, a (signer,
/// nonce) already seen in the window, a bad signature (checked through the
/// shared `BatchVerifier`: in parallel, once per batch call, and never twice
/// for the same (id, key, signature)), and any bound that would be exceeded.
public struct Mempool: Sendable {
    public let config: MempoolConfig
    public let profile: CryptoProfile
    public let chain: String
    /// The signature checker; a node shares one per profile with consensus.
    public let verifier: BatchVerifier
    private(set) var pool = ArrivalQueue()
    private(set) var nonces = NonceMemory()

    public init(config: MempoolConfig = MempoolConfig(), profile: CryptoProfile, chain: String,
                verifier: BatchVerifier? = nil) throws(LedgerError) {
        try config.validate()
        let verifier = verifier ?? BatchVerifier(profile: profile)
        guard verifier.profile == profile else {
            throw LedgerError(.invalidField, field: "mempool.verifier", rule: "must use profile '\(profile.rawValue)'")
        }
        self.config = config
        self.profile = profile
        self.chain = chain
        self.verifier = verifier
    }

    /// Transactions waiting.
    public var count: Int { pool.count }
    /// Their canonical wire bytes, summed.
    public var bytes: Int { pool.bytes }
    /// (signer, nonce) pairs remembered for replay checks.
    public var nonceRecordCount: Int { nonces.count }

    public func contains(_ id: TransactionID) -> Bool { pool.contains(id) }

    /// The waiting transaction whose canonical wire form is `wire`, if any.
    public func transaction(wire: [UInt8]) -> Transaction? { pool.transaction(wire: wire) }

    /// One result per transaction, in order: `plan`, `verifySignatures`, then
    /// `complete` in one call. A node that guards the mempool with a lock runs
    /// the three steps itself and verifies outside the lock (`Mempool+Admission.swift`).
    public mutating func admit(_ batch: [Transaction], now: Timestamp) -> [AdmissionResult] {
        complete(plan(batch, now: now).verifySignatures())
    }

    /// Up to `maxCount` waiting transactions whose wire bytes sum to at most
    /// `maxBytes`, oldest first; one that does not fit is skipped, not waited
    /// for. Nothing is removed: the proposer's block may not commit.
    public func reap(maxBytes: Int, maxCount: Int) -> [Transaction] {
        var chosen: [Transaction] = []
        var bytesLeft = maxBytes
        for entry in pool.inArrivalOrder {
            guard chosen.count < maxCount else { break }
            guard entry.bytes <= bytesLeft else { continue }
            chosen.append(entry.transaction)
            bytesLeft -= entry.bytes
        }
        return chosen
    }

    /// After a block commits: drops its transactions and any waiting one that
    /// used the same (signer, nonce), and remembers each pair as committed, so
    /// resubmitting within the window is refused even if this node never held
    /// the transaction.
    public mutating func remove(committed transactions: [Transaction], now: Timestamp) {
        expire(now: now)
        for transaction in transactions {
            let id = transaction.id(profile.hash)
            pool.remove(id)
            let key = NonceKey(signer: transaction.signer, nonce: transaction.nonce)
            if let displaced = nonces.markCommitted(key, id: id, expiresAt: expiry(of: transaction, now: now)) {
                pool.remove(displaced)
            }
        }
    }

    mutating func expire(now: Timestamp) {
        for id in nonces.expire(now: now) { pool.remove(id) }
    }

    mutating func add(_ entry: PoolEntry, now: Timestamp) -> AdmissionResult {
        if let rejection = stateRejection(entry, now: now) { return .rejected(rejection) }
        let usage = Usage(count: pool.count, bytes: pool.bytes, nonces: nonces.count)
        if let rejection = capacityRejection(entry.bytes, usage: usage) { return .rejected(rejection) }
        pool.append(entry)
        let transaction = entry.transaction
        nonces.remember(NonceKey(signer: transaction.signer, nonce: transaction.nonce), id: entry.id,
                        expiresAt: expiry(of: transaction, now: now))
        return .accepted(entry.id)
    }

    func entry(for transaction: Transaction) -> PoolEntry {
        PoolEntry(transaction: transaction, id: transaction.id(profile.hash), bytes: transaction.wireBytes.count)
    }

    /// A pair is kept while the transaction could still be admitted or was seen recently.
    private func expiry(of transaction: Transaction, now: Timestamp) -> Timestamp {
        let (sum, overflow) = max(transaction.time, now).addingReportingOverflow(config.clockSkewMilliseconds)
        return overflow ? .max : sum
    }
}
