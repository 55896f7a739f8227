import TraceConsensus
import TraceCrypto

/// The admission checks, each a rejection that names the field and says what to do.
extension Mempool {
    /// Counts admission would reach; projected over a batch so that no
    /// signature is verified for a transaction that could not fit.
    struct Usage {
        var count: Int
        var bytes: Int
        var nonces: Int

        mutating func add(_ transactionBytes: Int) {
            count += 1
            bytes += transactionBytes
            nonces += 1
        }
    }

    /// Size, chain, algorithm and time: what the transaction alone decides.
    /// Chain and algorithm are the rules of `Transaction.check(chain:profile:)`,
    /// taken apart here because its signature check must go through the
    /// batch verifier.
    func statelessRejection(_ entry: PoolEntry, now: Timestamp) -> MempoolRejection? {
        let transaction = entry.transaction
        if entry.bytes > config.transactionBytesMax {
            return MempoolRejection(.tooLarge, field: "transaction", message:
                "the wire form is \(entry.bytes) bytes, at most \(config.transactionBytesMax) are admitted; send a smaller payload")
        }
        if transaction.chain != chain {
            return MempoolRejection(.wrongChain, field: "chain", message:
                "the transaction is for chain '\(transaction.chain)', this is '\(chain)'; submit it to its own chain")
        }
        if !profile.admits(transaction.signer.algorithm) || transaction.signature.algorithm != transaction.signer.algorithm {
            let admitted = profile.signatureAlgorithms.map(\.rawValue).sorted().joined(separator: ", ")
            return MempoolRejection(.algorithmNotAdmitted, field: "signer.alg", message:
                "profile '\(profile.rawValue)' admits \(admitted), not '\(transaction.signer.algorithm.rawValue)'; sign with an admitted key")
        }
        let skew = config.clockSkewMilliseconds
        let distance = transaction.time.subtractingReportingOverflow(now)
        if distance.overflow || distance.partialValue > skew || distance.partialValue < -skew {
            return MempoolRejection(.timeOutsideWindow, field: "time", message:
                "client time \(transaction.time) ms is more than \(skew) ms from node time \(now) ms; "
                    + "set the time from a synchronised clock and sign again")
        }
        return nil
    }

    /// Duplicate, committed or replayed: what the mempool remembers decides.
    /// A pair past its expiry counts as forgotten even before `expire` runs.
    func stateRejection(_ entry: PoolEntry, now: Timestamp) -> MempoolRejection? {
        if pool.contains(entry.id) {
            return duplicate(entry.id)
        }
        let transaction = entry.transaction
        guard let record = nonces.record(for: NonceKey(signer: transaction.signer, nonce: transaction.nonce)),
              record.expiresAt >= now else {
            return nil
        }
        if record.id == entry.id {
            guard record.committed else { return duplicate(entry.id) }
            return MempoolRejection(.alreadyCommitted, field: "id", message:
                "transaction \(entry.id) is already committed; look it up by id instead of submitting it again")
        }
        return MempoolRejection(.nonceReplayed, field: "nonce", message:
            "this signer used nonce \(transaction.nonce) within the last \(config.clockSkewMilliseconds) ms; "
                + "use a fresh random 128-bit nonce and sign again")
    }

    /// A bound that adding `transactionBytes` to `usage` would break.
    func capacityRejection(_ transactionBytes: Int, usage: Usage) -> MempoolRejection? {
        let wait = config.retryAfterSeconds
        let retry = "retry after \(wait) s"
        if usage.count >= config.transactionsMax {
            return MempoolRejection(.mempoolFull, field: "mempool.transactions", message:
                "the mempool holds its maximum of \(config.transactionsMax) transactions; \(retry)", retryAfterSeconds: wait)
        }
        if usage.bytes > config.bytesMax - transactionBytes {
            return MempoolRejection(.mempoolFull, field: "mempool.bytes", message:
                "the mempool holds \(usage.bytes) of at most \(config.bytesMax) bytes; \(retry)", retryAfterSeconds: wait)
        }
        if usage.nonces >= config.nonceRecordsMax {
            return MempoolRejection(.mempoolFull, field: "mempool.nonces", message:
                "the replay memory holds its maximum of \(config.nonceRecordsMax) nonces; \(retry)", retryAfterSeconds: wait)
        }
        return nil
    }

    func duplicate(_ id: TransactionID) -> MempoolRejection {
        MempoolRejection(.duplicate, field: "id", message: "transaction \(id) is already waiting in the mempool; nothing to do")
    }

    func badSignature() -> MempoolRejection {
        MempoolRejection(.badSignature, field: "signature", message:
            "the signature does not verify over the signing bytes under the signer's key; sign the exact body again (docs/encoding.md)")
    }
}
