import Testing
import TraceCrypto
import TraceConsensus
@testable import TraceLedger

/// Issue 7: the committed values that execution reads are kept across blocks,
/// and the cache mirrors the applied state exactly.
@Suite struct CommittedStateCacheTests {
    @Test func r5_3_1_readsOnceAndCachesAbsence() {
        let cache = CommittedStateCache()
        var reads = 0
        let read = { () -> [UInt8]? in reads += 1; return nil }
        #expect(cache.value([1], read: read) == nil)
        #expect(cache.value([1], read: read) == nil)
        #expect(reads == 1)
        #expect(cache.value([2]) { [9, 9] } == [9, 9])
        #expect(cache.value([2]) { Issue.record("read again"); return nil } == [9, 9])
        #expect(cache.bytes == 2 * CommittedStateCache.entryOverhead + 1 + 1 + 2)
    }

    @Test func r5_3_1_committedChangesReplaceAndRemove() {
        let cache = CommittedStateCache()
        _ = cache.value([1]) { [1] }
        cache.apply([StateChange(key: [1], value: nil), StateChange(key: [2], value: [2, 2, 2])])
        #expect(cache.value([1]) { Issue.record("read a committed removal"); return [7] } == nil)
        #expect(cache.value([2]) { Issue.record("read a committed write"); return nil } == [2, 2, 2])
        #expect(cache.bytes == 2 * CommittedStateCache.entryOverhead + 1 + 1 + 3)
    }

    /// Past its bound the cache starts empty: values are read again, never wrong.
    @Test func r5_3_1_boundStartsAfresh() {
        let cache = CommittedStateCache(bytesMax: 2 * CommittedStateCache.entryOverhead + 9)
        cache.apply([StateChange(key: [1], value: [1, 1, 1, 1])])
        cache.apply([StateChange(key: [2], value: [2, 2, 2, 2])])
        #expect(cache.count == 1 && cache.bytes == CommittedStateCache.entryOverhead + 5)
        #expect(cache.value([1]) { [1, 1, 1, 1] } == [1, 1, 1, 1])
        cache.apply([StateChange(key: [3], value: Array(repeating: 3, count: 300))])
        #expect(cache.count == 0 && cache.bytes == 0)
        #expect(cache.value([3]) { [3] } == [3])
    }

    /// After commits that put and delete, and after a refused block, every key
    /// the cache holds has the store's value.
    @Test func r5_3_2_cacheMirrorsTheStoreAcrossCommitsAndRefusals() throws {
        let store = try BlockStoreTests.open(try BlockStoreTests.temporaryPath())
        for salt in 1...4 {
            try store.commit(try BlockStoreTests.nextBlock(store, count: 5, salt: salt))
        }
        let delete = ExecutorTests.tx("delete", ["key": .string("k3")], nonce: 99_001)
        let height = store.appliedHeight + 1
        let previous = try #require(try store.block(at: store.appliedHeight))
        let block = try store.makeBlock([delete], time: Int64(height) * 1_000, proposer: BlockTests.validators[0].publicKey,
                                        validatorSetHash: try BlockTests.validatorSet().hash(.sha256),
                                        lastCommit: try BlockTests.certificate(height: height - 1,
                                                                               blockHash: previous.header.hash(.sha256)))
        let h = block.header
        let wrongRoot = BlockHeader(chain: h.chain, height: h.height, previousBlockHash: h.previousBlockHash, time: h.time,
                                    transactionsRoot: h.transactionsRoot, stateRoot: store.stateRoot, proposer: h.proposer,
                                    validatorSetHash: h.validatorSetHash, lastCommit: h.lastCommit)
        // Executed (the delete ran), then refused for its root: the cache keeps k3.
        #expect(throws: LedgerError.self) { try store.commit(Block(header: wrongRoot, transactions: block.transactions)) }
        #expect(store.committedValues.value(ExecutorTests.kvKey("k3")) { nil } != nil)
        try store.commit(block)
        #expect(try store.value(forKey: ExecutorTests.kvKey("k3")) == nil)
        for index in 1..<13 { // salts 1–4 touched k1…k12
            let key = ExecutorTests.kvKey("k\(index)")
            let cached = store.committedValues.value(key) { Issue.record("k\(index) not cached"); return nil }
            #expect(cached == (try store.value(forKey: key)), "k\(index)")
        }
    }
}

/// Issue 7: the committed-id filter never says no to an id it holds, says no to
/// nearly every other, and a reopened store refills it from the store.
@Suite struct CommittedIDFilterTests {
    static func id(_ number: Int) -> TransactionID { TransactionID(bytes: HashAlgorithm.sha256.hash(Array("id \(number)".utf8))) }

    @Test func r5_3_1_noFalseNegativesFewFalsePositives() {
        var filter = CommittedIDFilter()
        for number in 0..<20_000 { filter.insert(Self.id(number)) }
        #expect((0..<20_000).allSatisfy { filter.mayContain(Self.id($0)) })
        let positives = (20_000..<40_000).filter { filter.mayContain(Self.id($0)) }.count
        #expect(positives < 20, "false positives: \(positives) of 20,000")
        // An id too short to probe is always a maybe (the store decides).
        #expect(filter.mayContain(TransactionID(bytes: [1, 2, 3])))
    }

    /// a transaction committed before a reopen is still a duplicate after it.
    @Test func r5_3_1_reopenedStoreStillRefusesReplays() throws {
        let path = try BlockStoreTests.temporaryPath()
        let first: Block
        do {
            let store = try BlockStoreTests.open(path)
            first = try BlockStoreTests.nextBlock(store, count: 3, salt: 1)
            try store.commit(first)
            #expect(first.transactions.allSatisfy { store.committedIDs.mayContain($0.id(.sha256)) })
        }
        let reopened = try BlockStoreTests.open(path)
        #expect(first.transactions.allSatisfy { reopened.committedIDs.mayContain($0.id(.sha256)) })
        let (execution, _) = try reopened.preview(first.transactions, time: 5_000)
        #expect(execution.receipts.map(\.code) == [.duplicate, .duplicate, .duplicate])
    }
}
