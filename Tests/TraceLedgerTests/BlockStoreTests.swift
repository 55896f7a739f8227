import Foundation
import GRDB
import Testing
import TraceCrypto
import TraceConsensus
@testable import TraceLedger

/// Issue 5 item 2: one SQLite file per chain; a block and
/// its state commit together; blocks stored above the applied height are
/// re-executed on open; refused input changes nothing.
@Suite struct BlockStoreTests {
    static func temporaryPath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("chain.sqlite").path
    }

    static func open(_ path: String) throws -> BlockStore {
        try BlockStore(path: path, executor: ExecutorTests.executor)
    }

    /// The next block on `store`: `count` kv puts, root from a preview.
    static func nextBlock(_ store: BlockStore, count: Int, salt: Int) throws -> Block {
        let transactions = (0..<count).map { index in
            ExecutorTests.tx("put", ["key": .string("k\((salt * 7 + index) % 13)"), "value": .string("\(salt)-\(index)")],
                             nonce: salt * 1_000 + index)
        }
        let height = store.appliedHeight + 1
        let previous = try store.block(at: store.appliedHeight)
        return try store.makeBlock(
            transactions, time: Int64(height) * 1_000, proposer: BlockTests.validators[0].publicKey,
            validatorSetHash: try BlockTests.validatorSet().hash(.sha256),
            lastCommit: try previous.map { try BlockTests.certificate(height: height - 1, blockHash: $0.header.hash(.sha256)) })
    }

    @Test func walModeAndFullSync() throws {
        let path = try Self.temporaryPath()
        let store = try Self.open(path)
        #expect(try store.pragma("journal_mode") == "wal")
        #expect(try store.pragma("synchronous") == "2")
        #expect(store.appliedHeight == 0)
        #expect(try store.block(at: 1) == nil)
    }

    @Test func r5_3_2_commitReopenSameRoot() throws {
        let path = try Self.temporaryPath()
        var roots: [[UInt8]] = []
        var committed: [Block] = []
        do {
            let store = try Self.open(path)
            for salt in 1...5 {
                let block = try Self.nextBlock(store, count: salt, salt: salt)
                try store.commit(block)
                committed.append(block)
                roots.append(store.stateRoot)
            }
            #expect(store.appliedHeight == 5)
        }
        let reopened = try Self.open(path)
        #expect(reopened.appliedHeight == 5)
        #expect(reopened.stateRoot == roots.last)
        #expect(try reopened.block(at: 3) == committed[2])
        let id = committed[1].transactions[0].id(.sha256)
        let found = try #require(try reopened.receipt(for: id))
        #expect(found.height == 2 && found.receipt.code == .ok)
        let stored = try #require(try reopened.value(forKey: ExecutorTests.kvKey("k3")))
        #expect(reopened.proof(key: ExecutorTests.kvKey("k3"))
            .verifyMembership(key: ExecutorTests.kvKey("k3"), value: stored, root: reopened.stateRoot, hasher: MerkleHasher(.sha256)))
    }

    /// A block stored but not applied (a crash between the two) is executed on open.
    @Test func r5_3_2_storedBlockReexecutedOnOpen() throws {
        let path = try Self.temporaryPath()
        let expectedRoot: [UInt8]
        do {
            let store = try Self.open(path)
            try store.commit(try Self.nextBlock(store, count: 3, salt: 1))
            let pending = try Self.nextBlock(store, count: 4, salt: 2)
            expectedRoot = pending.header.stateRoot
            try store.storeUnapplied(pending)
            #expect(store.appliedHeight == 1)
        }
        let reopened = try Self.open(path)
        #expect(reopened.appliedHeight == 2)
        #expect(reopened.stateRoot == expectedRoot)
    }

    /// Refused blocks (wrong root, height, previous hash, structure) leave
    /// the applied height, the state and the stored blocks as they were.
    @Test func refusedBlocksChangeNothing() throws {
        let path = try Self.temporaryPath()
        let store = try Self.open(path)
        try store.commit(try Self.nextBlock(store, count: 2, salt: 1))
        let rootBefore = store.stateRoot
        let good = try Self.nextBlock(store, count: 3, salt: 2)
        let h = good.header
        let wrongRoot = BlockHeader(chain: h.chain, height: h.height, previousBlockHash: h.previousBlockHash, time: h.time,
                                    transactionsRoot: h.transactionsRoot, stateRoot: rootBefore, proposer: h.proposer,
                                    validatorSetHash: h.validatorSetHash, lastCommit: h.lastCommit)
        let wrongPrevious = BlockHeader(chain: h.chain, height: h.height, previousBlockHash: h.stateRoot, time: h.time,
                                        transactionsRoot: h.transactionsRoot, stateRoot: h.stateRoot, proposer: h.proposer,
                                        validatorSetHash: h.validatorSetHash, lastCommit: h.lastCommit)
        let bad = [Block(header: wrongRoot, transactions: good.transactions),
                   Block(header: wrongPrevious, transactions: good.transactions),
                   Block(header: h, transactions: Array(good.transactions.prefix(1)))]
        for block in bad {
            #expect(throws: LedgerError.self) { try store.commit(block) }
            #expect(store.appliedHeight == 1 && store.stateRoot == rootBefore)
        }
        #expect(throws: LedgerError.self) { try store.commit(try store.block(at: 1) ?? good) }
        #expect(try store.block(at: 2) == nil)
        let reopened = try Self.open(path)
        #expect(reopened.appliedHeight == 1 && reopened.stateRoot == rootBefore)
        try reopened.commit(good)
        #expect(reopened.appliedHeight == 2)
    }

    @Test func corruptedStateIsDetectedOnOpen() throws {
        let path = try Self.temporaryPath()
        do {
            let store = try Self.open(path)
            try store.commit(try Self.nextBlock(store, count: 3, salt: 1))
        }
        let pool = try DatabasePool(path: path)
        try pool.write { try $0.execute(sql: "UPDATE state SET value = x'00' WHERE rowid = (SELECT min(rowid) FROM state)") }
        #expect(throws: LedgerError(.corrupted, field: "", rule: "")) { try Self.open(path) }
    }
}

/// Issue 5 item 2: replay protection across blocks, and a stored-ahead block
/// that cannot be applied is dropped on open instead of blocking the chain.
@Suite struct BlockStoreReplayTests {
    @Test func transactionCommittedEarlierIsADuplicate() throws {
        let store = try BlockStoreTests.open(try BlockStoreTests.temporaryPath())
        let first = try BlockStoreTests.nextBlock(store, count: 2, salt: 1)
        try store.commit(first)
        let rootBefore = store.stateRoot
        let replayed = try BlockStoreTests.nextBlock(store, count: 0, salt: 2)
        let (execution, root) = try store.preview(first.transactions, time: replayed.header.time)
        #expect(execution.receipts.map(\.code) == [.duplicate, .duplicate])
        #expect(execution.changes.isEmpty && root == rootBefore)
        let original = try #require(try store.receipt(for: first.transactions[0].id(.sha256)))
        #expect(original.height == 1)
    }

    @Test func wrongChainIsRefused() throws {
        let store = try BlockStoreTests.open(try BlockStoreTests.temporaryPath())
        let block = try BlockStoreTests.nextBlock(store, count: 1, salt: 1)
        let other = try BlockStore(path: try BlockStoreTests.temporaryPath(),
                                   executor: Executor(chain: "d", profile: .standard, contracts: [KeyValueContract()]))
        #expect(throws: LedgerError(.wrongChain, field: "", rule: "")) { try other.commit(block) }
        #expect(other.appliedHeight == 0)
    }

    @Test func unappliableStoredBlockIsDroppedOnOpen() throws {
        let path = try BlockStoreTests.temporaryPath()
        let rootBefore: [UInt8]
        let good: Block
        do {
            let store = try BlockStoreTests.open(path)
            try store.commit(try BlockStoreTests.nextBlock(store, count: 2, salt: 1))
            rootBefore = store.stateRoot
            good = try BlockStoreTests.nextBlock(store, count: 2, salt: 2)
            let h = good.header
            let lying = BlockHeader(chain: h.chain, height: h.height, previousBlockHash: h.previousBlockHash, time: h.time,
                                    transactionsRoot: h.transactionsRoot, stateRoot: rootBefore, proposer: h.proposer,
                                    validatorSetHash: h.validatorSetHash, lastCommit: h.lastCommit)
            try store.storeUnapplied(Block(header: lying, transactions: good.transactions))
        }
        let reopened = try BlockStoreTests.open(path)
        #expect(reopened.appliedHeight == 1 && reopened.stateRoot == rootBefore)
        #expect(reopened.droppedBlocks.map(\.height) == [2])
        #expect(try reopened.block(at: 2) == nil)
        try reopened.commit(good)
        #expect(reopened.appliedHeight == 2)
    }
}

/// Issue 5 item 2: a failure inside the commit transaction leaves nothing behind.
@Suite struct BlockStoreAtomicityTests {
    @Test func failedWriteMidCommitLeavesNoTrace() throws {
        let path = try BlockStoreTests.temporaryPath()
        let store = try BlockStoreTests.open(path)
        try store.commit(try BlockStoreTests.nextBlock(store, count: 2, salt: 1))
        let rootBefore = store.stateRoot
        let next = try BlockStoreTests.nextBlock(store, count: 3, salt: 2)
        let saboteur = try DatabasePool(path: path)
        try saboteur.write { db in
            try db.execute(sql: """
                CREATE TRIGGER injected BEFORE INSERT ON receipts WHEN NEW.position = 2
                BEGIN SELECT RAISE(ABORT, 'injected failure'); END
                """)
        }
        #expect(throws: LedgerError(.storage, field: "", rule: "")) { try store.commit(next) }
        #expect(store.appliedHeight == 1 && store.stateRoot == rootBefore)
        #expect(try store.block(at: 2) == nil)
        #expect(try store.receipt(for: next.transactions[0].id(.sha256)) == nil)
        try saboteur.write { try $0.execute(sql: "DROP TRIGGER injected") }
        let reopened = try BlockStoreTests.open(path)
        #expect(reopened.appliedHeight == 1 && reopened.stateRoot == rootBefore)
        try reopened.commit(next)
        #expect(reopened.appliedHeight == 2)
    }
}
