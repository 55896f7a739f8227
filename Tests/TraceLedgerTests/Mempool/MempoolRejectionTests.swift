import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// Issue 5 item 4: every rejection code, with its field and a message that
/// says what to do.
@Suite struct MempoolRejectionTests {
    typealias F = MempoolFixture

    @Test func issue5_4_codesHaveFixedRawValues() {
        #expect(MempoolRejection.Code.allCases.map(\.rawValue) == [
            "duplicate", "alreadyCommitted", "badSignature", "wrongChain", "algorithmNotAdmitted",
            "timeOutsideWindow", "nonceReplayed", "tooLarge", "mempoolFull",
        ])
    }

    @Test func issue5_4_acceptsAValidTransaction() throws {
        var mempool = try F.mempool()
        let transaction = try F.transaction(nonce: 1)
        #expect(F.admitOne(&mempool, transaction) == .accepted(transaction.id(.sha256)))
        #expect(mempool.count == 1)
        #expect(mempool.bytes == transaction.wireBytes.count)
        #expect(mempool.contains(transaction.id(.sha256)))
    }

    @Test func issue5_4_tooLarge() throws {
        var mempool = try F.mempool { $0.transactionBytesMax = 512 }
        let rejection = try #require(F.admitOne(&mempool, try F.transaction(nonce: 1, valueBytes: 600)).rejection)
        #expect(rejection.code == .tooLarge)
        #expect(rejection.field == "transaction")
        #expect(rejection.message.contains("at most 512"))
        #expect(mempool.count == 0)
    }

    @Test func issue5_4_wrongChain() throws {
        var mempool = try F.mempool()
        let rejection = try #require(F.admitOne(&mempool, try F.transaction(nonce: 1, chain: "cbeac")).rejection)
        #expect(rejection.code == .wrongChain)
        #expect(rejection.field == "chain")
        #expect(rejection.message.contains("'cbeac'") && rejection.message.contains("submit it to its own chain"))
    }

    /// a national-profile chain admits SM2 only.
    @Test func issue5_4_algorithmNotAdmitted() throws {
        var mempool = try F.mempool(profile: .national)
        let rejection = try #require(F.admitOne(&mempool, try F.transaction(nonce: 1)).rejection)
        #expect(rejection.code == .algorithmNotAdmitted)
        #expect(rejection.field == "signer.alg")
        #expect(rejection.message.contains("admits sm2, not 'ed25519'"))
        #expect(mempool.verifier.verificationCount == 0)
        #expect(F.admitOne(&mempool, try F.transaction(nonce: 2, signer: SM2Signer())).rejection == nil)
    }

    @Test func issue5_4_badSignature() throws {
        var mempool = try F.mempool()
        let rejection = try #require(F.admitOne(&mempool, try F.forged(try F.transaction(nonce: 1))).rejection)
        #expect(rejection.code == .badSignature)
        #expect(rejection.field == "signature")
        #expect(rejection.message.contains("sign the exact body again"))
        #expect(mempool.count == 0 && mempool.nonceRecordCount == 0)
    }

    @Test func issue5_4_timeOutsideWindow() throws {
        var mempool = try F.mempool()
        let late = try F.transaction(nonce: 1, time: F.t0 - F.skew - 1)
        let rejection = try #require(F.admitOne(&mempool, late).rejection)
        #expect(rejection.code == .timeOutsideWindow)
        #expect(rejection.field == "time")
        #expect(rejection.message.contains("more than 600000 ms") && rejection.message.contains("synchronised clock"))
    }

    @Test func issue5_4_duplicateAndAlreadyCommitted() throws {
        var mempool = try F.mempool()
        let transaction = try F.transaction(nonce: 1)
        _ = F.admitOne(&mempool, transaction)
        let duplicate = try #require(F.admitOne(&mempool, transaction).rejection)
        #expect(duplicate.code == .duplicate && duplicate.field == "id")
        #expect(duplicate.message.contains("already waiting"))
        mempool.remove(committed: [transaction], now: F.t0 + 1)
        #expect(mempool.count == 0)
        let committed = try #require(F.admitOne(&mempool, transaction, now: F.t0 + 2).rejection)
        #expect(committed.code == .alreadyCommitted && committed.field == "id")
        #expect(committed.message.contains("look it up by id"))
    }

    @Test func issue5_4_nonceReplayed() throws {
        var mempool = try F.mempool()
        _ = F.admitOne(&mempool, try F.transaction(nonce: 7, key: "a"))
        let rejection = try #require(F.admitOne(&mempool, try F.transaction(nonce: 7, key: "b")).rejection)
        #expect(rejection.code == .nonceReplayed)
        #expect(rejection.field == "nonce")
        #expect(rejection.message.contains("fresh random 128-bit nonce"))
        #expect(F.admitOne(&mempool, try F.transaction(nonce: 7, signer: fixedSigner(2), key: "b")).rejection == nil)
    }

    @Test func issue5_4_mempoolFullOnCount() throws {
        var mempool = try F.mempool { $0.transactionsMax = 2; $0.retryAfter = .milliseconds(2_500) }
        let results = mempool.admit(try (1...3).map { try F.transaction(nonce: $0) }, now: F.t0)
        #expect(results[0].rejection == nil && results[1].rejection == nil)
        let full = try #require(results[2].rejection)
        #expect(full.code == .mempoolFull && full.field == "mempool.transactions")
        #expect(full.retryAfterSeconds == 3)
        #expect(full.message.contains("retry after 3 s"))
        #expect(mempool.verifier.verificationCount == 2)
    }

    @Test func issue5_4_mempoolFullOnBytes() throws {
        let size = try F.transaction(nonce: 1).wireBytes.count
        var mempool = try F.mempool { $0.bytesMax = 2 * size + size / 2; $0.transactionBytesMax = size }
        let results = mempool.admit(try (1...3).map { try F.transaction(nonce: $0) }, now: F.t0)
        let full = try #require(results[2].rejection)
        #expect(full.code == .mempoolFull && full.field == "mempool.bytes")
        #expect(full.retryAfterSeconds == 1)
        #expect(mempool.bytes == 2 * size)
    }

    @Test func issue5_4_mempoolFullOnNonceMemory() throws {
        var mempool = try F.mempool { $0.transactionsMax = 2; $0.nonceRecordsMax = 2 }
        let first = try (1...2).map { try F.transaction(nonce: $0) }
        _ = mempool.admit(first, now: F.t0)
        mempool.remove(committed: first, now: F.t0)
        #expect(mempool.count == 0 && mempool.nonceRecordCount == 2)
        let full = try #require(F.admitOne(&mempool, try F.transaction(nonce: 3)).rejection)
        #expect(full.code == .mempoolFull && full.field == "mempool.nonces")
    }
}
