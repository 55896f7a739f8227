import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// Issue 5 item 4: the proposer reaps in arrival order within its bounds;
/// a committed block's transactions leave the mempool.
@Suite struct MempoolReapTests {
    typealias F = MempoolFixture

    @Test func issue5_4_reapInArrivalOrder() throws {
        var mempool = try F.mempool()
        let transactions = try [5, 3, 9, 1].map { try F.transaction(nonce: $0) }
        _ = mempool.admit(Array(transactions[0...1]), now: F.t0)
        _ = mempool.admit(Array(transactions[2...3]), now: F.t0 + 1)
        #expect(mempool.reap(maxBytes: .max, maxCount: 10) == transactions)
        #expect(mempool.reap(maxBytes: .max, maxCount: 2) == Array(transactions[0...1]))
        #expect(mempool.reap(maxBytes: .max, maxCount: 0).isEmpty)
        #expect(mempool.reap(maxBytes: 0, maxCount: 10).isEmpty)
        #expect(mempool.count == 4)
    }

    /// One that does not fit is skipped; later smaller ones still go in, in order.
    @Test func issue5_4_reapSkipsWhatDoesNotFit() throws {
        var mempool = try F.mempool()
        let small = try F.transaction(nonce: 1, valueBytes: 10)
        let large = try F.transaction(nonce: 2, valueBytes: 2_000)
        let small2 = try F.transaction(nonce: 3, valueBytes: 10)
        _ = mempool.admit([small, large, small2], now: F.t0)
        let budget = small.wireBytes.count + small2.wireBytes.count
        #expect(mempool.reap(maxBytes: budget, maxCount: 10) == [small, small2])
        #expect(mempool.reap(maxBytes: budget + large.wireBytes.count, maxCount: 10) == [small, large, small2])
    }

    @Test func issue5_4_removeCommitted() throws {
        var mempool = try F.mempool()
        let transactions = try (1...5).map { try F.transaction(nonce: $0) }
        _ = mempool.admit(transactions, now: F.t0)
        mempool.remove(committed: [transactions[1], transactions[3]], now: F.t0 + 1)
        #expect(mempool.reap(maxBytes: .max, maxCount: 10) == [transactions[0], transactions[2], transactions[4]])
        #expect(mempool.count == 3)
        #expect(mempool.bytes == [0, 2, 4].map { transactions[$0].wireBytes.count }.reduce(0, +))
        _ = mempool.admit([try F.transaction(nonce: 6)], now: F.t0 + 2)
        #expect(mempool.reap(maxBytes: .max, maxCount: 10).last == (try F.transaction(nonce: 6)))
    }

    /// Many removals from the front keep order and lookups right after the
    /// queue compacts its holes.
    @Test func issue5_4_orderSurvivesCompaction() throws {
        var mempool = try F.mempool()
        let transactions = try (1...200).map { try F.transaction(nonce: $0, valueBytes: 1) }
        _ = mempool.admit(transactions, now: F.t0)
        mempool.remove(committed: Array(transactions[0..<150]), now: F.t0)
        #expect(mempool.reap(maxBytes: .max, maxCount: 1_000) == Array(transactions[150...]))
        #expect(transactions[150...].allSatisfy { mempool.contains($0.id(.sha256)) })
        mempool.remove(committed: Array(transactions[150...]), now: F.t0)
        #expect(mempool.count == 0 && mempool.bytes == 0)
    }
}
