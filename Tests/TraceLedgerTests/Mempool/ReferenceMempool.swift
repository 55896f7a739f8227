import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// A deliberately simple mempool — arrays and linear scans, signatures checked
/// directly — that the real one is compared with on random inputs (STYLE.md #16).
struct ReferenceMempool {
    struct Record {
        let signer: PublicKey
        let nonce: String
        var id: TransactionID
        var committed: Bool
        var expiresAt: Int64
    }

    let config: MempoolConfig
    let chain = "cbetc"
    var waiting: [(id: TransactionID, transaction: Transaction, bytes: Int)] = []
    var records: [Record] = []

    var bytes: Int { waiting.map(\.bytes).reduce(0, +) }
    var skew: Int64 { config.clockSkewMilliseconds }

    mutating func admit(_ batch: [Transaction], now: Int64) -> [MempoolRejection.Code?] {
        expire(now)
        var codes: [MempoolRejection.Code?] = []
        var survivors: [Int] = []
        var projected = (count: waiting.count, bytes: bytes, nonces: records.count)
        for (index, transaction) in batch.enumerated() {
            let code = stateless(transaction, now) ?? state(transaction, now) ?? capacity(transaction, projected)
            codes.append(code)
            if code == nil {
                survivors.append(index)
                projected = (projected.count + 1, projected.bytes + transaction.wireBytes.count, projected.nonces + 1)
            }
        }
        for index in survivors {
            let transaction = batch[index]
            guard transaction.hasValidSignature else { codes[index] = .badSignature; continue }
            codes[index] = state(transaction, now) ?? capacity(transaction, (waiting.count, bytes, records.count))
            if codes[index] == nil {
                let id = transaction.id(.sha256)
                waiting.append((id, transaction, transaction.wireBytes.count))
                records.append(Record(signer: transaction.signer, nonce: transaction.nonce, id: id, committed: false,
                                      expiresAt: max(transaction.time, now) + skew))
            }
        }
        return codes
    }

    mutating func remove(committed: [Transaction], now: Int64) {
        expire(now)
        for transaction in committed {
            let id = transaction.id(.sha256)
            waiting.removeAll { $0.id == id }
            let expiresAt = max(transaction.time, now) + skew
            if let index = records.firstIndex(where: { $0.signer == transaction.signer && $0.nonce == transaction.nonce }) {
                let displaced = records[index].id
                waiting.removeAll { $0.id == displaced }
                records[index].id = id
                records[index].committed = true
                records[index].expiresAt = max(records[index].expiresAt, expiresAt)
            } else {
                records.append(Record(signer: transaction.signer, nonce: transaction.nonce, id: id, committed: true,
                                      expiresAt: expiresAt))
            }
        }
    }

    private mutating func expire(_ now: Int64) {
        let gone = Set(records.filter { $0.expiresAt < now }.map(\.id))
        records.removeAll { $0.expiresAt < now }
        waiting.removeAll { gone.contains($0.id) }
    }

    private func stateless(_ transaction: Transaction, _ now: Int64) -> MempoolRejection.Code? {
        if transaction.wireBytes.count > config.transactionBytesMax { return .tooLarge }
        if transaction.chain != chain { return .wrongChain }
        if abs(transaction.time - now) > skew { return .timeOutsideWindow }
        return nil
    }

    private func state(_ transaction: Transaction, _ now: Int64) -> MempoolRejection.Code? {
        let id = transaction.id(.sha256)
        if waiting.contains(where: { $0.id == id }) { return .duplicate }
        guard let record = records.first(where: { $0.signer == transaction.signer && $0.nonce == transaction.nonce }) else {
            return nil
        }
        if record.id == id { return record.committed ? .alreadyCommitted : .duplicate }
        return .nonceReplayed
    }

    private func capacity(_ transaction: Transaction, _ usage: (count: Int, bytes: Int, nonces: Int)) -> MempoolRejection.Code? {
        let full = usage.count >= config.transactionsMax || usage.bytes + transaction.wireBytes.count > config.bytesMax
            || usage.nonces >= config.nonceRecordsMax
        return full ? .mempoolFull : nil
    }
}
