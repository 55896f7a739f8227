import Foundation
import Testing
import TraceCrypto
import TraceConsensus
@testable import TraceLedger
import TraceTestSupport

/// Issue 7 (what limited throughput) with kept: a node checks a
/// transaction's signature once — on admission — and validating and
/// committing its block reuse that check and that execution; a forged
/// signature on the same body is never vouched for by either cache.
@Suite struct VerifyOnceTests {
    static func forged(_ good: Transaction) throws -> Transaction {
        let bad = Signature(algorithm: good.signature.algorithm,
                            rawBytes: good.signature.rawBytes.enumerated().map { $0.offset == 10 ? $0.element ^ 1 : $0.element })
        return try Transaction(fields: good.fields, signature: bad)
    }

    @Test func r5_3_1_admissionThenExecutionVerifiesOnce() throws {
        let executor = Executor(chain: "c", profile: .standard, contracts: [KeyValueContract()])
        var mempool = try Mempool(profile: .standard, chain: "c", verifier: executor.verifier)
        let good = ExecutorTests.tx("put", ["key": .string("a"), "value": .string("1")], nonce: 1)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let fresh = try Transaction.sign(chain: "c", contract: "kv", action: "put",
                                         payload: ["key": .string("a"), "value": .string("1")],
                                         nonce: good.nonce, time: now, signer: ExecutorTests.alice)
        #expect(mempool.admit([fresh], now: now).count == 1)
        #expect(executor.verifier.verificationCount == 1)
        let result = executor.execute([fresh], height: Height(1), time: now, state: MemoryState())
        #expect(result.receipts.map(\.code) == [.ok])
        #expect(executor.verifier.verificationCount == 1)
    }

    @Test func r5_3_1_forgedSignatureOfAVerifiedBodyIsStillRefused() throws {
        let executor = Executor(chain: "c", profile: .standard, contracts: [KeyValueContract()])
        let good = ExecutorTests.tx("put", ["key": .string("a"), "value": .string("1")], nonce: 1)
        #expect(executor.execute([good], height: Height(1), time: 0, state: MemoryState()).receipts.map(\.code) == [.ok])
        let forged = try Self.forged(good)
        #expect(forged.id(.sha256) == good.id(.sha256))
        let result = executor.execute([forged], height: Height(1), time: 0, state: MemoryState())
        #expect(result.receipts.map(\.code) == [.invalidSignature])
        #expect(result.changes.isEmpty)
    }

    /// The preview a validator ran is what its commit applies — unless the
    /// block differs in anything execution depends on, signatures included.
    @Test func r5_3_2_commitOfAPreviewedBlockWithAForgedSignatureIsRefused() throws {
        let store = try BlockStoreTests.open(try BlockStoreTests.temporaryPath())
        let block = try BlockStoreTests.nextBlock(store, count: 3, salt: 1)
        _ = try store.preview(block.transactions, time: block.header.time)
        var transactions = block.transactions
        transactions[1] = try Self.forged(transactions[1])
        let tampered = Block(header: block.header, transactions: transactions)
        #expect(throws: LedgerError.self) { try store.commit(tampered) }
        #expect(store.appliedHeight == 0)
        try store.commit(block)
        #expect(store.appliedHeight == 1)
        #expect(store.stateRoot == block.header.stateRoot)
    }

    @Test func previewKeyBindsHeightTimeBodiesAndSignatures() throws {
        let a = ExecutorTests.tx("put", ["key": .string("a"), "value": .string("1")], nonce: 1)
        let b = ExecutorTests.tx("put", ["key": .string("b"), "value": .string("2")], nonce: 2)
        let base = PreviewedExecution.key([a, b], height: Height(2), time: 7, hash: .sha256)
        #expect(base == PreviewedExecution.key([a, b], height: Height(2), time: 7, hash: .sha256))
        let others = [
            PreviewedExecution.key([b, a], height: Height(2), time: 7, hash: .sha256),
            PreviewedExecution.key([a], height: Height(2), time: 7, hash: .sha256),
            PreviewedExecution.key([a, b], height: Height(3), time: 7, hash: .sha256),
            PreviewedExecution.key([a, b], height: Height(2), time: 8, hash: .sha256),
            PreviewedExecution.key([a, try Self.forged(b)], height: Height(2), time: 7, hash: .sha256),
        ]
        #expect(Set(others + [base]).count == others.count + 1)
    }

    /// A block's transactions already waiting in the mempool are not decoded
    /// again; the block read is the same, and a lookup that answers another
    /// transaction for the bytes is not believed.
    @Test func r5_3_2_blockDecodeTakesWaitingTransactionsAsTheyAre() throws {
        let store = try BlockStoreTests.open(try BlockStoreTests.temporaryPath())
        let block = try BlockStoreTests.nextBlock(store, count: 4, salt: 2)
        let payload = block.consensusPayload
        let waiting = Dictionary(uniqueKeysWithValues: block.transactions.map { ($0.wireBytes, $0) })
        #expect(try Block(consensusPayload: payload, known: { waiting[$0] }) == block)
        let liar = block.transactions[0]
        #expect(try Block(consensusPayload: payload, known: { _ in liar }) == block)
        var mempool = try Mempool(profile: .standard, chain: "c")
        #expect(mempool.transaction(wire: block.transactions[1].wireBytes) == nil)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let fresh = try Transaction.sign(chain: "c", contract: "kv", action: "put",
                                         payload: ["key": .string("z"), "value": .string("1")],
                                         nonce: String(repeating: "7", count: 32), time: now, signer: ExecutorTests.alice)
        _ = mempool.admit([fresh], now: now)
        #expect(mempool.transaction(wire: fresh.wireBytes) == fresh)
        mempool.remove(committed: [fresh], now: now)
        #expect(mempool.transaction(wire: fresh.wireBytes) == nil)
    }
}

/// The wire bytes a transaction keeps are exactly the RFC 8785 serialisation
/// of its wire form (R-5.3.1, docs/encoding.md), for seeded payloads that
/// nest `signer` and `signature` keys and hold quotes, escapes and non-ASCII.
@Suite struct WireBytesTests {
    static func value(_ random: inout SeededGenerator, depth: Int) -> CanonicalJSON {
        let keys = ["signer", "signature", "a", "time", "é", "\"q\"", "x\\y", ",\"signer\":"]
        switch random.next() % (depth > 2 ? 3 : 5) {
        case 0: return .string(keys[Int(random.next() % UInt64(keys.count))] + "\u{1F600}\n")
        case 1: return .integer(Int64(bitPattern: random.next() % 1_000_000))
        case 2: return .bool(random.next() % 2 == 0)
        case 3: return .array((0..<Int(random.next() % 3)).map { _ in value(&random, depth: depth + 1) })
        default:
            var members: [String: CanonicalJSON] = [:]
            for _ in 0..<Int(random.next() % 4) { members[keys[Int(random.next() % UInt64(keys.count))]] = value(&random, depth: depth + 1) }
            return .object(members)
        }
    }

    @Test func r5_3_1_keptWireBytesAreTheCanonicalSerialisation() throws {
        var random = SeededGenerator(seed: 77)
        for round in 0..<300 {
            let payload: [String: CanonicalJSON] = ["p": Self.value(&random, depth: 0), "signer": Self.value(&random, depth: 1)]
            let signer: any Signer = round % 2 == 0 ? ExecutorTests.alice : try P256Signer()
            let transaction = try Transaction.sign(chain: "c", contract: "kv", action: "put", payload: payload,
                                                   nonce: String(format: "%032x", round), time: Int64(round), signer: signer)
            #expect(transaction.wireBytes == (try transaction.wireJSON.canonicalBytes()), "round \(round)")
            #expect(try Transaction(wireBytes: transaction.wireBytes) == transaction)
            // A stored row read back without re-serialising: the same transaction, signing bytes included.
            #expect(try Transaction(storedWire: transaction.wireBytes) == transaction)
        }
    }
}
