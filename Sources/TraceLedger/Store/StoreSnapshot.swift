import Foundation
import GRDB
import TraceConsensus
import TraceCrypto

/// Committed data read away from the chain's driver (issue 7): each `read`
/// is one SQLite read transaction in WAL mode, so what it returns comes from
/// one applied height even while the driver commits the next block — a query
/// never waits behind a commit's fsync. `Sendable`; the driver keeps writing.
public struct StoreSnapshotReader: Sendable {
    let pool: DatabasePool

    /// Runs `body` on one consistent snapshot of the committed store. A database
    /// failure is a `LedgerError` (`storage`); what `body` throws comes out as it is.
    ///
    /// The read transaction is begun and ended by cached statements: GRDB's
    /// `read` prepares `BEGIN` anew on every call, which was a fifteenth of a
    /// trace query's CPU (issue 7).
    public func read<T>(_ body: (StoreSnapshot) throws -> T) throws -> T {
        do {
            return try pool.unsafeRead { db in
                try db.cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
                do {
                    let value = try body(StoreSnapshot(db: db))
                    try db.cachedStatement(sql: "COMMIT").execute()
                    return value
                } catch {
                    // GRDB traps on a transaction left open: end it whatever failed.
                    try? db.cachedStatement(sql: "ROLLBACK").execute()
                    throw error
                }
            }
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
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT value FROM state WHERE key = ?"), arguments: [Data(key)])
        return try rows.next()?.withUnsafeData(atIndex: 0) { $0.map { Array($0) } }
    }

    /// The transactions at `positions`, each with its block's BFT time (a trace
    /// timeline). A position with no stored transaction is a `corrupted` store, named.
    public func committedTransactions(at positions: [(height: UInt64, index: UInt32)]) throws
        -> [(time: Timestamp, transaction: Transaction)] {
        try committedWires(at: positions).map { ($0.time, try Transaction(storedWire: $0.wire)) }
    }

    /// The stored canonical wire bytes at `positions`, each with its block's BFT
    /// time, for a reader that decodes only what it needs (issue 7): one row per
    /// position, and of the header only the prefix up to the time, read in
    /// place (copying the header and the wire into `Data` first was a tenth of
    /// a trace query's CPU). A position with no stored transaction is a
    /// `corrupted` store, named.
    public func committedWires(at positions: [(height: UInt64, index: UInt32)]) throws
        -> [(time: Timestamp, wire: [UInt8])] {
        let row = try db.cachedStatement(sql: """
            SELECT b.header, t.bytes FROM block_transactions t JOIN blocks b ON b.height = t.height
            WHERE t.height = ? AND t.position = ?
            """)
        var found: [(time: Timestamp, wire: [UInt8])] = []
        found.reserveCapacity(positions.count)
        for position in positions {
            let rows = try Row.fetchCursor(row, arguments: [Int64(position.height), Int64(position.index)])
            guard let stored = try rows.next(),
                  let time = try stored.withUnsafeData(atIndex: 0, { try $0.map(BlockHeader.time(canonicalBytes:)) }),
                  let wire = try stored.withUnsafeData(atIndex: 1, { $0.map { Array($0) } }) else {
                throw Self.missing(position)
            }
            found.append((time, wire))
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
