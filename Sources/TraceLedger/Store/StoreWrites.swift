import Foundation
import GRDB

/// The rows one committed block writes (all inside the caller's transaction).
enum StoreWrites {
    /// The header row and one row per transaction (wire bytes), replacing a
    /// block stored before at that height.
    static func block(_ block: Block, hash: [UInt8], into db: Database) throws {
        let height = Int64(block.header.height.rawValue)
        try db.execute(sql: "DELETE FROM block_transactions WHERE height = ?", arguments: [height])
        try db.execute(sql: "INSERT OR REPLACE INTO blocks (height, hash, header, count) VALUES (?, ?, ?, ?)",
                       arguments: [height, Data(hash), Data(block.header.canonicalBytes), block.transactions.count])
        let insert = try db.cachedStatement(sql: "INSERT INTO block_transactions (height, position, bytes) VALUES (?, ?, ?)")
        for (position, transaction) in block.transactions.enumerated() {
            try insert.execute(arguments: [height, position, Data(transaction.wireBytes)])
        }
    }

    /// Drops the stored blocks from `height` up.
    static func deleteBlocks(from height: UInt64, in db: Database) throws {
        try db.execute(sql: "DELETE FROM block_transactions WHERE height >= ?", arguments: [Int64(height)])
        try db.execute(sql: "DELETE FROM blocks WHERE height >= ?", arguments: [Int64(height)])
    }

    static func execution(_ execution: BlockExecution, height: UInt64, into db: Database) throws {
        let transaction = try db.cachedStatement(sql: "INSERT OR IGNORE INTO transactions (id, height, position) VALUES (?, ?, ?)")
        let receipt = try db.cachedStatement(sql: "INSERT INTO receipts (height, position, bytes) VALUES (?, ?, ?)")
        for row in execution.receipts {
            try transaction.execute(arguments: [Data(row.transactionID.bytes), Int64(height), Int64(row.index)])
            try receipt.execute(arguments: [Int64(height), Int64(row.index), Data(row.canonicalBytes)])
        }
        let put = try db.cachedStatement(sql: "INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)")
        let delete = try db.cachedStatement(sql: "DELETE FROM state WHERE key = ?")
        for change in execution.changes {
            if let value = change.value {
                try put.execute(arguments: [Data(change.key), Data(value)])
            } else {
                try delete.execute(arguments: [Data(change.key)])
            }
        }
    }

    static func applied(height: UInt64, stateRoot: [UInt8], into db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO applied (id, height, state_root) VALUES (0, ?, ?)",
                       arguments: [Int64(height), Data(stateRoot)])
    }
}

/// What opening a store reads.
enum StoreReads {
    struct Loaded {
        var state: [([UInt8], [UInt8])] = []
        var applied: (height: UInt64, stateRoot: [UInt8], hash: [UInt8]?)?
        var committedIDs = CommittedIDFilter()
    }

    static func load(_ db: Database) throws -> Loaded {
        var loaded = Loaded()
        let rows = try Row.fetchCursor(db, sql: "SELECT key, value FROM state ORDER BY key")
        while let row = try rows.next() {
            let key: Data = row["key"]
            let value: Data = row["value"]
            loaded.state.append((Array(key), Array(value)))
        }
        let ids = try Row.fetchCursor(db, sql: "SELECT id FROM transactions")
        while let row = try ids.next() {
            if let id = try row.withUnsafeData(atIndex: 0, { $0.map { TransactionID(bytes: Array($0)) } }) {
                loaded.committedIDs.insert(id)
            }
        }
        if let row = try Row.fetchOne(db, sql: "SELECT height, state_root FROM applied WHERE id = 0") {
            let height: Int64 = row["height"]
            let root: Data = row["state_root"]
            let hash = try Data.fetchOne(db, sql: "SELECT hash FROM blocks WHERE height = ?", arguments: [height])
            loaded.applied = (UInt64(height), Array(root), hash.map { Array($0) })
        }
        return loaded
    }
}
