import Foundation
import GRDB
import TraceCrypto

/// Reads of stored blocks (docs/ledger.md). A block is stored as its header
/// and one row per transaction (`block_transactions`), so a trace query or a
/// proof reads the header and the transactions it names — never a whole
/// block of a thousand transactions to use one (issue 7: trace queries
/// decoded every block a trace touched).
extension BlockStore {
    /// The stored block at `height`, every transaction read and checked canonical.
    public func block(at height: UInt64) throws(LedgerError) -> Block? {
        let rows = try access { () throws -> (header: Data, count: Int, transactions: [Data])? in
            try pool.read { db in
                guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT header, count FROM blocks WHERE height = ?"),
                                                 arguments: [Int64(height)]) else { return nil }
                let transactions = try Data.fetchAll(db.cachedStatement(sql:
                    "SELECT bytes FROM block_transactions WHERE height = ? ORDER BY position"), arguments: [Int64(height)])
                return (row["header"], row["count"], transactions)
            }
        }
        guard let rows else { return nil }
        guard rows.transactions.count == rows.count else {
            throw LedgerError(.corrupted, field: "block_transactions", rule: "block \(height) lists \(rows.count) transactions, \(rows.transactions.count) stored")
        }
        let header = try BlockHeader(canonicalBytes: Array(rows.header))
        var transactions: [Transaction] = []
        transactions.reserveCapacity(rows.count)
        for bytes in rows.transactions { transactions.append(try Self.storedTransaction(Array(bytes))) }
        return Block(header: header, transactions: transactions)
    }

    /// The header of the stored block at `height`, without its transactions.
    public func header(at height: UInt64) throws(LedgerError) -> BlockHeader? {
        let bytes = try access {
            try pool.read { try Data.fetchOne($0.cachedStatement(sql: "SELECT header FROM blocks WHERE height = ?"),
                                              arguments: [Int64(height)]) }
        }
        return try bytes.map { bytes throws(LedgerError) in try BlockHeader(canonicalBytes: Array(bytes)) }
    }

    /// Transaction `index` of the stored block at `height`, read alone (its
    /// fields checked; its bytes, written canonical by this store, are not
    /// serialised again: a proof's id check still covers them).
    public func transaction(height: UInt64, index: Int) throws(LedgerError) -> Transaction? {
        let bytes = try access {
            try pool.read { try Data.fetchOne($0.cachedStatement(sql:
                "SELECT bytes FROM block_transactions WHERE height = ? AND position = ?"), arguments: [Int64(height), Int64(index)]) }
        }
        return try bytes.map { bytes throws(LedgerError) in try Transaction(storedWire: Array(bytes)) }
    }

    /// The ids of an applied block's transactions in block order (from the id index).
    public func transactionIDs(at height: UInt64) throws(LedgerError) -> [TransactionID] {
        let ids = try access {
            try pool.read { try Data.fetchAll($0.cachedStatement(sql:
                "SELECT id FROM transactions WHERE height = ? ORDER BY position"), arguments: [Int64(height)]) }
        }
        return ids.map { TransactionID(bytes: Array($0)) }
    }

    /// The header of the applied block at `height` and its transaction ids in
    /// block order, no transaction decoded (the compact block answer of the API).
    public func headerAndIDs(at height: UInt64) throws(LedgerError) -> (header: BlockHeader, ids: [TransactionID])? {
        guard height >= 1, height <= appliedHeight, let header = try header(at: height) else { return nil }
        return (header, try transactionIDs(at: height))
    }

    /// The hash and transaction count of the stored block at `height` (what a node logs per commit).
    public func summary(at height: UInt64) throws(LedgerError) -> (hash: [UInt8], transactions: Int)? {
        let row = try access {
            try pool.read { try Row.fetchOne($0.cachedStatement(sql: "SELECT hash, count FROM blocks WHERE height = ?"),
                                             arguments: [Int64(height)]) }
        }
        guard let row, let hash: Data = row["hash"], let count: Int = row["count"] else { return nil }
        return (Array(hash), count)
    }

    /// Where transaction `id` was committed and its receipt.
    public func receipt(for id: TransactionID) throws(LedgerError) -> (height: UInt64, receipt: Receipt)? {
        let row = try access {
            try pool.read { db in
                try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT r.height AS height, r.bytes AS bytes FROM transactions t
                    JOIN receipts r ON r.height = t.height AND r.position = t.position WHERE t.id = ?
                    """), arguments: [Data(id.bytes)])
            }
        }
        guard let row, let height: Int64 = row["height"], let bytes: Data = row["bytes"] else { return nil }
        return (UInt64(height), try Receipt(canonicalBytes: Array(bytes)))
    }

    /// A stored transaction: it decodes and its bytes are its canonical wire form.
    static func storedTransaction(_ wire: [UInt8]) throws(LedgerError) -> Transaction {
        let transaction = try Transaction(wireBytes: wire)
        guard transaction.wireBytes == wire else {
            throw LedgerError(.malformed, field: "block.transaction", rule: "canonical JSON of the wire form")
        }
        return transaction
    }
}
