import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger
import TraceTestSupport

/// Issue 5 item 4: the mempool (heap expiry, hole-compacting queue, batched
/// verification) answers exactly as `ReferenceMempool` on seeded random
/// traffic: submissions with reused nonces, forgeries, stale and future times,
/// commits of waiting and never-seen transactions, and time jumps.
@Suite struct MempoolModelTests {
    typealias F = MempoolFixture

    @Test func issue5_4_matchesTheReferenceModel() throws {
        var codes = Set<MempoolRejection.Code?>()
        for seed in 1...4 as ClosedRange<UInt64> {
            try Self.compare(seed: seed, codes: &codes)
        }
        let expected: [MempoolRejection.Code?] = [nil, .duplicate, .alreadyCommitted, .nonceReplayed, .badSignature,
                                                  .timeOutsideWindow, .tooLarge, .mempoolFull]
        #expect(expected.filter { !codes.contains($0) }.isEmpty, "the traffic reached every code")
    }

    /// One seeded run; stops at the first difference, naming seed and step.
    static func compare(seed: UInt64, codes: inout Set<MempoolRejection.Code?>) throws {
        var random = SeededGenerator(seed: seed)
        var config = MempoolConfig()
        config.transactionsMax = 12
        config.bytesMax = 8_000
        config.transactionBytesMax = 1_024
        config.nonceRecordsMax = 20
        config.clockSkewMax = .seconds(60)
        var mempool = try Mempool(config: config, profile: .standard, chain: "cbetc")
        var model = ReferenceMempool(config: config)
        let signers = (1...3).map { fixedSigner(UInt8($0)) }
        var now = F.t0
        var seen: [Transaction] = []
        for step in 0..<60 {
            let batch = try (0..<Int.random(in: 1...12, using: &random)).map { _ in
                try Self.pick(&random, seen: seen, signers: signers, now: now)
            }
            seen.append(contentsOf: batch)
            let answers = mempool.admit(batch, now: now).map { $0.rejection?.code }
            let expected = model.admit(batch, now: now)
            #expect(answers == expected, "seed \(seed) step \(step)")
            guard answers == expected else { return }
            codes.formUnion(answers)
            if random.next() % 3 == 0 {
                let committed = Self.block(&random, mempool: mempool, seen: seen)
                mempool.remove(committed: committed, now: now)
                model.remove(committed: committed, now: now)
            }
            let waiting = mempool.reap(maxBytes: .max, maxCount: .max).map { $0.id(.sha256) }
            #expect(waiting == model.waiting.map(\.id), "seed \(seed) step \(step)")
            #expect(mempool.bytes == model.bytes && mempool.nonceRecordCount == model.records.count)
            guard waiting == model.waiting.map(\.id) else { return }
            now += Int64.random(in: 0...25_000, using: &random)
        }
    }

    /// A fresh transaction, or an old one again, or a forgery of one.
    static func pick(_ random: inout SeededGenerator, seen: [Transaction], signers: [Ed25519Signer],
                     now: Int64) throws -> Transaction {
        let roll = random.next() % 10
        if roll < 2, let old = seen.randomElement(using: &random) { return old }
        let time = roll == 2 ? now + Int64.random(in: -90_000...90_000, using: &random) : now
        let transaction = try F.transaction(nonce: random.next() % 40, signer: signers.randomElement(using: &random) ?? fixedSigner(1),
                                            time: time, key: "k\(random.next() % 5)",
                                            valueBytes: Int.random(in: 0...1_000, using: &random))
        return roll == 3 ? try F.forged(transaction) : transaction
    }

    /// What a block might commit: reaped transactions, sometimes one never held.
    static func block(_ random: inout SeededGenerator, mempool: Mempool, seen: [Transaction]) -> [Transaction] {
        var committed = mempool.reap(maxBytes: 6_000, maxCount: Int.random(in: 0...8, using: &random))
        if let other = seen.randomElement(using: &random), other.hasValidSignature, random.next() % 2 == 0 {
            committed.append(other)
        }
        return committed
    }
}
