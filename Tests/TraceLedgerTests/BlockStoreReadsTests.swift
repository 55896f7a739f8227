import Foundation
import GRDB
import Testing
import TraceCrypto
import TraceConsensus
@testable import TraceLedger

/// Issue 7 (trace queries at scale) with kept: a stored block is its
/// header plus one row per transaction; a query reads the header or one
/// transaction alone, and an inclusion proof comes from the id index — the
/// same answers as decoding the whole block.
@Suite struct BlockStoreReadsTests {
    @Test func r5_3_2_singleReadsAgreeWithTheWholeBlock() throws {
        let store = try BlockStoreTests.open(try BlockStoreTests.temporaryPath())
        for salt in 1...3 { try store.commit(try BlockStoreTests.nextBlock(store, count: 4 + salt, salt: salt)) }
        for height in UInt64(1)...3 {
            let block = try #require(try store.block(at: height))
            #expect(try store.header(at: height) == block.header)
            #expect(try store.transactionIDs(at: height) == block.transactionIDs(.sha256))
            #expect(try store.summary(at: height)?.transactions == block.transactions.count)
            for index in block.transactions.indices {
                #expect(try store.transaction(height: height, index: index) == block.transactions[index])
                let proven = try #require(try store.transactionProof(height: height, index: index))
                #expect(proven.proof == block.inclusionProof(index: index, hasher: MerkleHasher(.sha256)))
                #expect(Block.verifyInclusion(of: block.transactions[index].id(.sha256), proof: proven.proof,
                                              header: block.header, hasher: MerkleHasher(.sha256)))
            }
            #expect(try store.transaction(height: height, index: block.transactions.count) == nil)
        }
        #expect(try store.header(at: 4) == nil)
        #expect(try store.transactionProof(height: 4, index: 0) == nil)
    }

    /// The reads a query makes go through an index, never a scan of every
    /// committed transaction (issue 7: a block's ids scanned the id table,
    /// 10 ms per proof entry at a million transactions). Checked on the plan.
    @Test func r5_3_2_queryReadsUseIndexes() throws {
        let store = try BlockStoreTests.open(try BlockStoreTests.temporaryPath())
        let queries = [
            "SELECT id FROM transactions WHERE height = 1 ORDER BY position",
            "SELECT bytes FROM block_transactions WHERE height = 1 AND position = 0",
            "SELECT header FROM blocks WHERE height = 1",
            "SELECT b.header, t.bytes FROM block_transactions t JOIN blocks b ON b.height = t.height WHERE t.height = 1 AND t.position = 0",
            "SELECT value FROM state WHERE key = x'00'",
        ]
        for sql in queries {
            let plan = try store.pool.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String? ?? "" }
            }
            #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(sql): \(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(sql): \(plan)")
        }
    }

    /// A block whose transaction rows do not match its header row is
    /// reported as corrupted, naming the table, never half-read.
    @Test func r5_3_2_missingTransactionRowIsCorruption() throws {
        let path = try BlockStoreTests.temporaryPath()
        let store = try BlockStoreTests.open(path)
        try store.commit(try BlockStoreTests.nextBlock(store, count: 3, salt: 1))
        try store.pool.write { try $0.execute(sql: "DELETE FROM block_transactions WHERE height = 1 AND position = 2") }
        #expect { try store.block(at: 1) } throws: { error in
            (error as? LedgerError)?.code == .corrupted && (error as? LedgerError)?.field == "block_transactions"
        }
        #expect(try store.header(at: 1) != nil)
        #expect { try store.snapshotReader.read { try $0.committedTransactions(at: [(1, 0), (1, 2)]) } } throws: { error in
            (error as? LedgerError)?.code == .corrupted && (error as? LedgerError)?.field == "block_transactions"
        }
    }

    /// A trace timeline's transactions read in one go are those read one by one,
    /// each with its own block's time (issue 7, R-6.3.1.3).
    @Test func r6_3_1_3_timelineReadInOneGo() throws {
        let store = try BlockStoreTests.open(try BlockStoreTests.temporaryPath())
        for salt in 1...3 { try store.commit(try BlockStoreTests.nextBlock(store, count: 3, salt: salt)) }
        let positions: [(height: UInt64, index: UInt32)] = [(1, 0), (1, 2), (2, 1), (3, 0), (3, 2)]
        let found = try store.snapshotReader.read { try $0.committedTransactions(at: positions) }
        #expect(found.count == positions.count)
        for (position, entry) in zip(positions, found) {
            #expect(try entry.transaction == #require(try store.transaction(height: position.height, index: Int(position.index))))
            #expect(try entry.time == #require(try store.header(at: position.height)).time)
        }
        #expect(try store.snapshotReader.read { try $0.committedTransactions(at: []) }.isEmpty)
        // The off-driver reader sees the same committed height and state.
        let seen = try store.snapshotReader.read { snapshot in
            (try snapshot.appliedHeight(), try snapshot.value(forKey: Array("absent".utf8)),
             try snapshot.committedTransactions(at: positions).map(\.transaction))
        }
        #expect(seen.0 == store.appliedHeight && seen.0 == 3)
        #expect(seen.1 == nil)
        #expect(seen.2 == found.map(\.transaction))
    }

    /// A snapshot read sees one applied height even when a block commits while
    /// it reads; the next read sees the new block; a failed read leaves no
    /// transaction open (issue 7, R-6.3.1.3).
    @Test func r6_3_1_3_snapshotIsOneHeight() throws {
        let store = try BlockStoreTests.open(try BlockStoreTests.temporaryPath())
        try store.commit(try BlockStoreTests.nextBlock(store, count: 2, salt: 1))
        let next = try BlockStoreTests.nextBlock(store, count: 2, salt: 2)
        let seen = try store.snapshotReader.read { snapshot in
            let before = try snapshot.appliedHeight()
            try store.commit(next)
            let blocks = try Int.fetchOne(snapshot.db, sql: "SELECT COUNT(*) FROM blocks")
            return (before, try snapshot.appliedHeight(), blocks)
        }
        #expect(seen.0 == 1 && seen.1 == 1 && seen.2 == 1)
        #expect(try store.snapshotReader.read { try $0.appliedHeight() } == 2)
        struct Refused: Error {}
        #expect(throws: Refused.self) { try store.snapshotReader.read { _ in throw Refused() } }
        #expect(try store.snapshotReader.read { try $0.committedTransactions(at: [(2, 1)]) }.map(\.transaction)
            == [next.transactions[1]])
    }
}
