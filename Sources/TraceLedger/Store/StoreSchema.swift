import Foundation
import GRDB

/// The tables of a chain's SQLite file (issue 5 item 2, docs/ledger.md).
/// The four information-block tables join this file later.
enum StoreSchema {
    static let statements = [
        "CREATE TABLE IF NOT EXISTS blocks (height INTEGER PRIMARY KEY, hash BLOB NOT NULL UNIQUE, header BLOB NOT NULL, count INTEGER NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS block_transactions (height INTEGER NOT NULL, position INTEGER NOT NULL, bytes BLOB NOT NULL,
            PRIMARY KEY (height, position))
        """,
        "CREATE TABLE IF NOT EXISTS transactions (id BLOB PRIMARY KEY, height INTEGER NOT NULL, position INTEGER NOT NULL)",
        // A block's ids in order (proofs, the compact block answer) without scanning every id.
        "CREATE INDEX IF NOT EXISTS transactions_by_position ON transactions (height, position)",
        "CREATE TABLE IF NOT EXISTS receipts (height INTEGER NOT NULL, position INTEGER NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY (height, position))",
        "CREATE TABLE IF NOT EXISTS state (key BLOB PRIMARY KEY, value BLOB NOT NULL)",
        "CREATE TABLE IF NOT EXISTS applied (id INTEGER PRIMARY KEY CHECK (id = 0), height INTEGER NOT NULL, state_root BLOB NOT NULL)",
    ]

    static func create(_ db: Database) throws {
        for statement in statements { try db.execute(sql: statement) }
    }
}

/// Reads committed state inside a database access.
struct DatabaseStateReader: StateReader {
    let db: Database

    /// The snapshot's cached-statement read (preparing one per read was a tenth of
    /// a validator's CPU under load, issue 7); a failed read is absent.
    func value(forKey key: [UInt8]) -> [UInt8]? {
        (try? StoreSnapshot(db: db).value(forKey: key)) ?? nil
    }

    func containsTransaction(_ id: TransactionID) -> Bool {
        let found = try? Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM transactions WHERE id = ?"),
                                      arguments: [Data(id.bytes)])
        return found != nil
    }
}

