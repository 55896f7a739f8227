import Foundation
import GRDB
import TraceCrypto

/// Committed data read away from the chain's driver (issue 7): each `read`
/// is one SQLite read transaction in WAL mode, so what it returns comes from
/// one applied height even while the driver commits the next block — a query
/// never waits behind a commit's fsync. `Sendable`; the driver keeps writing.
public struct StoreSnapshotReader: Sendable {
    let pool: DatabasePool

    /// Runs `body` on one consistent snapshot of the committed store. A database
    /// failure is a `LedgerError` (`storage`); what `body` throws comes out as it is.
    public func read<T>(_ body: (StoreSnapshot) throws -> T) throws -> T {
        do {
            return try pool.read { try body(StoreSnapshot(db: $0)) }
        } catch let error as DatabaseError {
            throw LedgerError(.storage, field: "database", rule: "\(error)")
        }
    }
}

/// One snapshot's reads; valid only inside `StoreSnapshotReader.read`.
public struct StoreSnapshot {
    let db: Database

    /// The applied height of this snapshot (0 before the first block).
    public func appliedHeight() throws -> UInt64 {
        let height = try Int64.fetchOne(db.cachedStatement(sql: "SELECT height FROM applied WHERE id = 0"))
        return UInt64(height ?? 0)
    }

    /// The committed value of application key `key`, or nil.
    public func value(forKey key: [UInt8]) throws -> [UInt8]? {
        try Data.fetchOne(db.cachedStatement(sql: "SELECT value FROM state WHERE key = ?"), arguments: [Data(key)]).map { Array($0) }
    }

    /// The transactions at `positions`, each with its block's header (a trace
    /// timeline). A position with no stored transaction is a `corrupted` store, named.
    public func committedTransactions(at positions: [(height: UInt64, index: UInt32)]) throws
        -> [(header: BlockHeader, transaction: Transaction)] {
        try committedWires(at: positions).map { ($0.header, try Transaction(storedWire: $0.wire)) }
    }

    /// The stored canonical wire bytes at `positions`, each with its block's header,
    /// for a reader that decodes only what it needs (issue 7). A position with no
    /// stored transaction is a `corrupted` store, named.
    public func committedWires(at positions: [(height: UInt64, index: UInt32)]) throws
        -> [(header: BlockHeader, wire: [UInt8])] {
        let headerRow = try db.cachedStatement(sql: "SELECT header FROM blocks WHERE height = ?")
        let transactionRow = try db.cachedStatement(sql: "SELECT bytes FROM block_transactions WHERE height = ? AND position = ?")
        var headers: [UInt64: BlockHeader] = [:]
        var found: [(header: BlockHeader, wire: [UInt8])] = []
        found.reserveCapacity(positions.count)
        for position in positions {
            let header: BlockHeader
            if let known = headers[position.height] {
                header = known
            } else if let bytes = try Data.fetchOne(headerRow, arguments: [Int64(position.height)]) {
                header = try BlockHeader(canonicalBytes: Array(bytes))
                headers[position.height] = header
            } else {
                throw Self.missing(position)
            }
            guard let bytes = try Data.fetchOne(transactionRow, arguments: [Int64(position.height), Int64(position.index)]) else {
                throw Self.missing(position)
            }
            found.append((header, Array(bytes)))
        }
        return found
    }

    static func missing(_ position: (height: UInt64, index: UInt32)) -> LedgerError {
        LedgerError(.corrupted, field: "block_transactions", rule: "no transaction at height \(position.height), index \(position.index)")
    }
}

extension BlockStore {
    /// A reader of committed data that any thread may use while this store's owner writes.
    public var snapshotReader: StoreSnapshotReader { StoreSnapshotReader(pool: pool) }
}
