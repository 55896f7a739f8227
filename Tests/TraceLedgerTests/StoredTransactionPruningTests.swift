import Testing
import TraceCrypto
@testable import TraceLedger
import TraceTestSupport

/// Issue 7: a stored `recordBatch` read for a trace query keeps the records of
/// the codes asked for; everything the id, signature and wire depend on is the
/// stored transaction's own.
@Suite struct StoredTransactionPruningTests {
    static let signer = try? Ed25519Signer(seed: TransactionTests.seed)

    static func record(_ code: String, _ minute: Int) -> CanonicalJSON {
        .object(["item": .string("product.production"), "traceCode": .string(code),
                 "recordedAt": .string("2026-03-02T09:\(minute):00+08:00"),
                 "data": .object(["lot": .string("L\(minute)"), "note": .string("a/\"quoted\" é")])])
    }

    static func batch(_ codes: [String]) throws -> Transaction {
        let signer = try #require(Self.signer)
        return try Transaction.sign(chain: "cbetc", contract: "cbetc.trace", action: "recordBatch",
                                    payload: ["records": .array(codes.enumerated().map { record($1, 10 + $0) })],
                                    nonce: String(repeating: "0a", count: 16), time: 1_767_225_600_000, signer: signer)
    }

    @Test func issue7_thinnedBatchKeepsIdWireAndRecordPlaces() throws {
        var random = SeededGenerator(seed: 0x5EED_0711)
        let pool = ["https://id.gs1.org/01/09521234543213/21/A", "https://id.gs1.org/01/09521234543213/21/B", "C", "D"]
        for _ in 0..<40 {
            let codes = (0..<Int.random(in: 1...10, using: &random)).map { _ in pool.randomElement(using: &random) ?? "C" }
            let keep = Set(pool.filter { _ in Bool.random(using: &random) })
            let whole = try Self.batch(codes)
            let thinned = try Transaction(storedWire: whole.wireBytes, recordsAbout: keep)
            #expect(thinned.id(.sha256) == whole.id(.sha256))
            #expect(thinned.wireBytes == whole.wireBytes)
            #expect(thinned.signingBytes == whole.signingBytes)
            #expect(thinned.hasValidSignature)
            #expect(thinned.signer == whole.signer && thinned.action == whole.action && thinned.nonce == whole.nonce)
            let expected = codes.enumerated().map { place, code in keep.contains(code) ? Self.record(code, 10 + place) : .null }
            #expect(thinned.payload == ["records": .array(expected)])
            #expect(try Transaction(storedWire: whole.wireBytes, recordsAbout: nil) == whole)
            #expect(Transaction.storedAction(whole.wireBytes) == "recordBatch")
        }
    }

    /// Other transactions read whole whatever the codes; broken bytes are refused as before.
    @Test func issue7_otherTransactionsAndBrokenBytes() throws {
        let put = try TransactionTests.t1()
        #expect(try Transaction(storedWire: put.wireBytes, recordsAbout: []) == put)
        #expect(Transaction.storedAction(put.wireBytes) == "put")
        #expect(Transaction.storedAction(Array("[]".utf8)) == nil)
        let wire = try Self.batch(["C"]).wireBytes
        #expect(throws: LedgerError(.malformed, field: "", rule: "")) {
            try Transaction(storedWire: Array(wire.dropLast()), recordsAbout: ["C"])
        }
        var small = TransactionLimits()
        small.transactionBytesMax = 64
        #expect(throws: LedgerError(.tooLarge, field: "", rule: "")) {
            try Transaction(storedWire: wire, recordsAbout: ["C"], limits: small)
        }
    }
}
