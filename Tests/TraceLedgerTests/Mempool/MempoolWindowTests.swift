import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// Issue 5 item 4: the ±10 minute client-time window and nonce replay within
/// and after it.
@Suite struct MempoolWindowTests {
    typealias F = MempoolFixture

    @Test(arguments: [
        (-F.skew, true), (F.skew, true), (-F.skew - 1, false), (F.skew + 1, false), (0, true),
        (Int64.min / 2, false), (Int64.max / 2, false),
    ])
    func issue5_4_windowEdges(offset: Int64, admitted: Bool) throws {
        var mempool = try F.mempool()
        let now = F.t0 + 3_600_000
        let time = min(max(0, now + offset), Int64(1) << 53 - 1)
        let result = F.admitOne(&mempool, try F.transaction(nonce: 1, time: time), now: now)
        #expect((result.rejection == nil) == admitted)
        if !admitted { #expect(result.rejection?.code == .timeOutsideWindow) }
    }

    /// A committed and removed transaction's nonce stays refused for the window.
    @Test func issue5_4_nonceReplayWithinWindowAfterCommit() throws {
        var mempool = try F.mempool()
        let first = try F.transaction(nonce: 5, key: "a")
        _ = F.admitOne(&mempool, first)
        mempool.remove(committed: [first], now: F.t0 + 1_000)
        let replay = try F.transaction(nonce: 5, time: F.t0 + 500_000, key: "b")
        #expect(F.admitOne(&mempool, replay, now: F.t0 + 500_000).rejection?.code == .nonceReplayed)
        #expect(F.admitOne(&mempool, first, now: F.t0 + F.skew).rejection?.code == .alreadyCommitted)
    }

    /// After the window the pair is forgotten: the old transaction is refused by
    /// its time, a new one may use the nonce again.
    @Test func issue5_4_nonceAfterWindow() throws {
        var mempool = try F.mempool()
        let first = try F.transaction(nonce: 5, key: "a")
        _ = F.admitOne(&mempool, first)
        mempool.remove(committed: [first], now: F.t0)
        let later = F.t0 + F.skew + 1
        #expect(F.admitOne(&mempool, first, now: later).rejection?.code == .timeOutsideWindow)
        #expect(mempool.nonceRecordCount == 0)
        let reuse = try F.transaction(nonce: 5, time: later, key: "b")
        #expect(F.admitOne(&mempool, reuse, now: later) == .accepted(reuse.id(.sha256)))
    }

    /// A pair is kept until max(client time, time seen) + skew: a transaction
    /// dated in the future keeps its nonce longer.
    @Test func issue5_4_futureTimeKeepsTheNonceLonger() throws {
        var mempool = try F.mempool()
        let ahead = try F.transaction(nonce: 6, time: F.t0 + F.skew, key: "a")
        _ = F.admitOne(&mempool, ahead)
        mempool.remove(committed: [ahead], now: F.t0)
        let probeTime = F.t0 + 2 * F.skew
        let probe = try F.transaction(nonce: 6, time: probeTime, key: "b")
        #expect(F.admitOne(&mempool, probe, now: probeTime).rejection?.code == .nonceReplayed)
        #expect(F.admitOne(&mempool, probe, now: probeTime + 1) == .accepted(probe.id(.sha256)))
    }

    /// A waiting transaction leaves with its nonce record, once it could no longer be admitted.
    @Test func issue5_4_staleWaitingTransactionsExpire() throws {
        var mempool = try F.mempool()
        _ = F.admitOne(&mempool, try F.transaction(nonce: 1))
        mempool.remove(committed: [], now: F.t0 + F.skew)
        #expect(mempool.count == 1)
        mempool.remove(committed: [], now: F.t0 + F.skew + 1)
        #expect(mempool.count == 0 && mempool.bytes == 0 && mempool.nonceRecordCount == 0)
    }

    /// A block may commit a different transaction with a waiting one's nonce
    /// (admitted elsewhere): the waiting one is dropped.
    @Test func issue5_4_committedNonceDisplacesAWaitingTransaction() throws {
        var mempool = try F.mempool()
        let waiting = try F.transaction(nonce: 8, key: "a")
        let committedElsewhere = try F.transaction(nonce: 8, key: "b")
        _ = F.admitOne(&mempool, waiting)
        mempool.remove(committed: [committedElsewhere], now: F.t0)
        #expect(mempool.count == 0)
        #expect(F.admitOne(&mempool, committedElsewhere).rejection?.code == .alreadyCommitted)
        #expect(F.admitOne(&mempool, waiting).rejection?.code == .nonceReplayed)
    }
}
