import Synchronization
import Testing
import TraceCrypto
import TraceConsensus
@testable import TraceLedger

/// Issue 7: one block's execution reads each parent-state key from the store
/// once, and still sees the block's own earlier writes first.
@Suite struct BlockStateCacheTests {
    /// Parent state that counts reads per key.
    final class CountingState: StateReader, Sendable {
        let inner: MemoryState
        let reads = Mutex<[[UInt8]: Int]>([:])
        init(_ inner: MemoryState) { self.inner = inner }
        func value(forKey key: [UInt8]) -> [UInt8]? {
            reads.withLock { $0[key, default: 0] += 1 }
            return inner.value(forKey: key)
        }
    }

    @Test func r5_3_1_eachKeyIsReadOnceAndWritesComeFirst() {
        var parent = MemoryState()
        let seed = ExecutorTests.executor.execute([ExecutorTests.tx("put", ["key": .string("a"), "value": .string("0")], nonce: 1)],
                                                  height: Height(1), time: 0, state: parent)
        parent.apply(seed.changes)
        let state = CountingState(parent)
        // Bob may not overwrite Alice's key; each refusal reads it again. Then Alice
        // overwrites it and Bob, reading her new entry from the block's writes, is refused.
        let transactions = (2..<6).map { ExecutorTests.tx("put", ["key": .string("a"), "value": .string("\($0)")], by: ExecutorTests.bob, nonce: $0) }
            + [ExecutorTests.tx("put", ["key": .string("a"), "value": .string("mine")], nonce: 6),
               ExecutorTests.tx("create", ["key": .string("b"), "value": .string("x")], by: ExecutorTests.bob, nonce: 7),
               ExecutorTests.tx("put", ["key": .string("b"), "value": .string("y")], nonce: 8)]
        let result = ExecutorTests.executor.execute(transactions, height: Height(2), time: 0, state: state)
        #expect(result.receipts.map(\.code) == [.forbidden, .forbidden, .forbidden, .forbidden, .ok, .ok, .forbidden])
        #expect(state.reads.withLock { $0 } == [ExecutorTests.kvKey("a"): 1, ExecutorTests.kvKey("b"): 1])
        #expect(result.changes.map(\.key) == [ExecutorTests.kvKey("a"), ExecutorTests.kvKey("b")])
        #expect(result.changes.first?.value.flatMap(KeyValueContract.value(ofEntry:)) == "mine")
    }
}
