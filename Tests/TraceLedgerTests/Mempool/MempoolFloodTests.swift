import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger
import TraceTestSupport

/// Issue 5 item 4: bounds hold under a seeded flood, results are
/// deterministic, and random or mutated wire bytes never crash admission.
@Suite struct MempoolFloodTests {
    typealias F = MempoolFixture
    static let transactionsMax = 60
    static let bytesMax = 12_000

    /// One flood: batches of fresh, replayed, forged, stale and large
    /// transactions from four signers, with blocks committed in between.
    static func flood(seed: UInt64) throws -> (results: [[AdmissionResult]], mempool: Mempool) {
        var random = SeededGenerator(seed: seed)
        var mempool = try F.mempool { $0.transactionsMax = transactionsMax; $0.bytesMax = bytesMax; $0.transactionBytesMax = 1_024 }
        let signers = (1...4).map { fixedSigner(UInt8($0)) }
        var now = F.t0
        var log: [[AdmissionResult]] = []
        for step in 0..<40 {
            let batch = try (0..<Int.random(in: 1...30, using: &random)).map { _ in
                try randomTransaction(&random, signers: signers, now: now)
            }
            let results = mempool.admit(batch, now: now)
            #expect(results.count == batch.count)
            #expect(mempool.count <= transactionsMax && mempool.bytes <= bytesMax)
            let waiting = mempool.reap(maxBytes: .max, maxCount: .max)
            #expect(mempool.bytes == waiting.map(\.wireBytes.count).reduce(0, +))
            #expect(waiting.allSatisfy { $0.hasValidSignature })
            if step % 3 == 2 {
                mempool.remove(committed: mempool.reap(maxBytes: 4_000, maxCount: 20), now: now)
            }
            now += Int64.random(in: 0...90_000, using: &random)
            log.append(results)
        }
        return (log, mempool)
    }

    static func randomTransaction(_ random: inout SeededGenerator, signers: [Ed25519Signer], now: Timestamp) throws -> Transaction {
        let signer = signers[Int.random(in: 0..<signers.count, using: &random)]
        let time = Bool.random(using: &random) ? now : now + Int64.random(in: -700_000...700_000, using: &random)
        let transaction = try F.transaction(nonce: UInt64.random(in: 0..<3_000, using: &random), signer: signer,
                                            time: max(0, time), key: "k\(random.next() % 7)",
                                            valueBytes: Int.random(in: 0...1_100, using: &random))
        return random.next() % 8 == 0 ? try F.forged(transaction) : transaction
    }

    @Test func issue5_4_boundsHoldUnderAFlood() throws {
        let (results, _) = try Self.flood(seed: 0x5EED)
        let codes = results.joined().map { $0.rejection?.code }
        #expect(codes.contains(nil))
        for code in [MempoolRejection.Code.mempoolFull, .badSignature, .timeOutsideWindow, .tooLarge] {
            #expect(codes.contains(code), "flood produced \(code)")
        }
    }

    @Test func issue5_4_floodIsDeterministic() throws {
        let first = try Self.flood(seed: 7)
        let second = try Self.flood(seed: 7)
        #expect(first.results == second.results)
        #expect(first.mempool.reap(maxBytes: .max, maxCount: .max) == second.mempool.reap(maxBytes: .max, maxCount: .max))
    }

    /// Random bytes, bit flips and splices of a valid wire form: decoded with
    /// the node's limits, then admitted in batches; nothing traps and only
    /// valid signatures are ever accepted.
    @Test func issue5_4_fuzzedWireBytesNeverCrash() throws {
        var random = SeededGenerator(seed: 0xF022)
        let bases = try (1...3).map { try F.transaction(nonce: $0, signer: fixedSigner(UInt8($0))).wireBytes }
        var mempool = try F.mempool()
        var decoded = try bases.map { try Transaction(wireBytes: $0) }
        for round in 0..<3_000 {
            let bytes = Self.mutate(bases[round % bases.count], round: round, random: &random)
            if let transaction = try? Transaction(wireBytes: bytes, limits: TransactionLimits()) { decoded.append(transaction) }
        }
        var accepted = 0
        for start in stride(from: 0, to: decoded.count, by: 50) {
            let batch = Array(decoded[start..<min(decoded.count, start + 50)])
            let results = mempool.admit(batch, now: F.t0)
            #expect(results.count == batch.count)
            for (transaction, result) in zip(batch, results) where result.rejection == nil {
                accepted += 1
                #expect(transaction.hasValidSignature && transaction.chain == "cbetc")
            }
        }
        #expect(decoded.count > 100)
        #expect(accepted >= bases.count && accepted == mempool.count)
    }

    static func mutate(_ base: [UInt8], round: Int, random: inout SeededGenerator) -> [UInt8] {
        var bytes = base
        switch round % 4 {
        case 0:
            return random.bytes(Int.random(in: 0...300, using: &random))
        case 1:
            let digits = Array("0123456789abcdef".utf8)
            let position = Int.random(in: 0..<bytes.count, using: &random)
            bytes[position] = digits[Int.random(in: 0..<digits.count, using: &random)]
        case 2:
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8(1 << Int.random(in: 0...7, using: &random))
            }
        default:
            let cut = Int.random(in: 0...bytes.count, using: &random)
            bytes = Bool.random(using: &random) ? Array(bytes[..<cut]) : Array(bytes[..<cut] + random.bytes(8) + bytes[cut...])
        }
        return bytes
    }

    /// Extreme node times are answered, never trapped on.
    @Test func issue5_4_extremeTimes() throws {
        var mempool = try F.mempool()
        let transaction = try F.transaction(nonce: 1)
        for now in [Int64.min, -1, Int64.max] {
            #expect(F.admitOne(&mempool, transaction, now: now).rejection?.code == .timeOutsideWindow)
            mempool.remove(committed: [transaction], now: now)
        }
        #expect(mempool.nonceRecordCount == 1)
    }
}
