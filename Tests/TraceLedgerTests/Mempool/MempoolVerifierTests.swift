import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// Issue 5 item 4: signatures are verified once per (id, signature), in one
/// batch call, never for work the mempool would refuse anyway.
@Suite struct MempoolVerifierTests {
    typealias F = MempoolFixture

    @Test func issue5_4_badSignatureVerifiedOnceAcrossSubmissions() throws {
        var mempool = try F.mempool()
        let forged = try F.forged(try F.transaction(nonce: 1))
        for now in [F.t0, F.t0 + 1, F.t0 + 2] {
            #expect(F.admitOne(&mempool, forged, now: now).rejection?.code == .badSignature)
        }
        #expect(mempool.verifier.verificationCount == 1)
    }

    @Test func issue5_4_duplicatesInsideOneBatchVerifiedOnce() throws {
        var mempool = try F.mempool()
        let transaction = try F.transaction(nonce: 1)
        let results = mempool.admit([transaction, transaction, transaction], now: F.t0)
        #expect(results[0] == .accepted(transaction.id(.sha256)))
        #expect(results[1].rejection?.code == .duplicate && results[2].rejection?.code == .duplicate)
        #expect(mempool.verifier.verificationCount == 1)
        #expect(mempool.count == 1)
    }

    /// A later copy with another, valid signature over the same body is
    /// admitted when the first copy's signature was bad.
    @Test func issue5_4_sameBodyBadThenGoodSignatureInOneBatch() throws {
        var mempool = try F.mempool()
        let good = try F.transaction(nonce: 1)
        let results = mempool.admit([try F.forged(good), good], now: F.t0)
        #expect(results[0].rejection?.code == .badSignature)
        #expect(results[1] == .accepted(good.id(.sha256)))
        #expect(mempool.verifier.verificationCount == 2)
    }

    @Test func issue5_4_duplicatesAcrossBatchesNeverReverified() throws {
        var mempool = try F.mempool()
        let transactions = try (1...4).map { try F.transaction(nonce: $0) }
        _ = mempool.admit(transactions, now: F.t0)
        let again = mempool.admit(transactions.reversed(), now: F.t0 + 10)
        #expect(again.allSatisfy { $0.rejection?.code == .duplicate })
        #expect(mempool.verifier.verificationCount == 4)
    }

    /// Checks that need no signature come first: nothing refused by them is verified.
    @Test func issue5_4_refusedWorkIsNotVerified() throws {
        var mempool = try F.mempool { $0.transactionsMax = 1 }
        let results = mempool.admit([
            try F.transaction(nonce: 1, chain: "other"),
            try F.transaction(nonce: 2, time: F.t0 - F.skew - 1),
            try F.transaction(nonce: 3),
            try F.transaction(nonce: 4),
        ], now: F.t0)
        #expect(results.map { $0.rejection?.code } == [.wrongChain, .timeOutsideWindow, nil, .mempoolFull])
        #expect(mempool.verifier.verificationCount == 1)
    }

    /// A node shares one verifier per profile; a verifier of another profile is refused.
    @Test func issue5_4_sharedVerifier() throws {
        let shared = BatchVerifier(profile: .standard)
        var first = try Mempool(profile: .standard, chain: "cbetc", verifier: shared)
        var second = try Mempool(profile: .standard, chain: "cbetc", verifier: shared)
        let transaction = try F.transaction(nonce: 1)
        _ = F.admitOne(&first, transaction)
        #expect(F.admitOne(&second, transaction) == .accepted(transaction.id(.sha256)))
        #expect(shared.verificationCount == 1)
        #expect(throws: LedgerError(.invalidField, field: "", rule: "")) {
            try Mempool(profile: .national, chain: "cbetc", verifier: shared)
        }
    }

    /// The three steps a locked node runs: plan (cheap), verify (no lock),
    /// complete (sees what other batches changed meanwhile).
    @Test func issue5_4_threeStepAdmission() throws {
        var mempool = try F.mempool { $0.transactionsMax = 2 }
        let (a, b, c) = (try F.transaction(nonce: 1), try F.transaction(nonce: 2), try F.transaction(nonce: 3))
        let plan = mempool.plan([a, b], now: F.t0)
        #expect(plan.candidateCount == 2 && mempool.count == 0)
        let verified = plan.verifySignatures()
        #expect(mempool.admit([b, c], now: F.t0).allSatisfy { $0.rejection == nil })
        let results = mempool.complete(verified)
        #expect(results.map { $0.rejection?.code } == [.mempoolFull, .duplicate])
        #expect(mempool.reap(maxBytes: .max, maxCount: 10) == [b, c])
        #expect(mempool.verifier.verificationCount == 3)
    }
}
