import Testing
import TraceCrypto
import TraceConsensus
@testable import TraceLedger
import TraceTestSupport

/// Issue 5 item 1: the executor and the `kv` contract. Refused
/// transactions are receipts with stable codes and leave state untouched.
@Suite struct ExecutorTests {
    static let alice = fixedSigner(1)
    static let bob = fixedSigner(2)
    static let executor = Executor(chain: "c", profile: .standard, contracts: [KeyValueContract()])

    static func tx(_ action: String, _ payload: [String: CanonicalJSON], by signer: any Signer = alice,
                   contract: String = "kv", chain: String = "c", nonce: Int = 0) -> Transaction {
        let digits = String(nonce, radix: 16)
        let nonceText = String(repeating: "0", count: 32 - digits.count) + digits
        guard let transaction = try? Transaction.sign(chain: chain, contract: contract, action: action, payload: payload,
                                                      nonce: nonceText, time: 5, signer: signer) else {
            preconditionFailure("fixture transactions are valid")
        }
        return transaction
    }

    static func kvKey(_ key: String) -> [UInt8] { ContractContext.namespace(of: "kv") + Array(key.utf8) }

    @Test func resultCodesAreFixed() {
        let expected: [(ResultCode, UInt16)] = [(.ok, 0), (.unknownContract, 1), (.unknownAction, 2), (.invalidPayload, 3),
                                                (.forbidden, 4), (.conflict, 5), (.notFound, 6), (.wrongChain, 7),
                                                (.invalidSignature, 8), (.duplicate, 9), (.tooLarge, 10)]
        #expect(expected.count == ResultCode.allCases.count)
        for (code, raw) in expected { #expect(code.rawValue == raw) }
    }

    @Test func r5_3_1_blockOfMixedOutcomes() {
        let put = Self.tx("put", ["key": .string("a"), "value": .string("1")], nonce: 1)
        let transactions = [
            put,
            Self.tx("create", ["key": .string("a"), "value": .string("2")], nonce: 2),
            Self.tx("put", ["key": .string("a"), "value": .string("3")], by: Self.bob, nonce: 3),
            Self.tx("delete", ["key": .string("zz")], nonce: 4),
            Self.tx("get", ["key": .string("a")], nonce: 5),
            Self.tx("put", ["key": .string("a")], nonce: 6),
            Self.tx("put", ["key": .string("b"), "value": .string("x")], contract: "nope", nonce: 7),
            Self.tx("put", ["key": .string("b"), "value": .string("x")], chain: "d", nonce: 8),
            put,
            Self.tx("put", ["key": .string("b"), "value": .string("2")], by: Self.bob, nonce: 9),
            Self.tx("delete", ["key": .string("a")], nonce: 10),
        ]
        let result = Self.executor.execute(transactions, height: Height(1), time: 0, state: MemoryState())
        #expect(result.receipts.map(\.code) == [.ok, .conflict, .forbidden, .notFound, .unknownAction, .invalidPayload,
                                                .unknownContract, .wrongChain, .duplicate, .ok, .ok])
        #expect(result.receipts.map(\.index) == Array(0..<11))
        #expect(result.receipts[0].transactionID == put.id(.sha256))
        #expect(result.changes.map(\.key) == [Self.kvKey("a"), Self.kvKey("b")])
        #expect(result.changes[0].value == nil)
        #expect(result.changes[1].value.flatMap(KeyValueContract.value(ofEntry:)) == "2")
    }

    @Test func badSignatureIsAReceipt() throws {
        let good = Self.tx("put", ["key": .string("a"), "value": .string("1")])
        let wire = String(decoding: good.wireBytes, as: UTF8.self).replacingOccurrences(of: "\"1\"", with: "\"9\"")
        let forged = try Transaction(wireBytes: Array(wire.utf8))
        let result = Self.executor.execute([forged], height: Height(1), time: 0, state: MemoryState())
        #expect(result.receipts.map(\.code) == [.invalidSignature])
        #expect(result.changes.isEmpty)
    }

    /// The same block on the same state gives the same receipts and changes,
    /// and reads see committed state.
    @Test func deterministicAndReadsCommittedState() {
        var random = SeededGenerator(seed: 3)
        let transactions = (0..<60).map { index in
            Self.tx("put", ["key": .string("k\(Int.random(in: 0..<10, using: &random))"), "value": .string("\(index)")],
                    by: index % 2 == 0 ? Self.alice : Self.bob, nonce: index)
        }
        let first = Self.executor.execute(transactions, height: Height(2), time: 0, state: MemoryState())
        let second = Self.executor.execute(transactions, height: Height(2), time: 0, state: MemoryState())
        #expect(first == second)
        var state = MemoryState()
        state.apply(first.changes)
        let again = Self.executor.execute([Self.tx("create", ["key": .string("k1"), "value": .string("x")], nonce: 99)],
                                          height: Height(3), time: 0, state: state)
        let k1Taken = first.changes.contains { $0.key == Self.kvKey("k1") && $0.value != nil }
        #expect(again.receipts[0].code == (k1Taken ? .conflict : .ok))
    }

    @Test func receiptBinaryFormRoundTripsAndSurvivesFuzzing() throws {
        let receipt = Receipt(transactionID: TransactionID(bytes: [1, 2, 3]), index: 4, code: .forbidden, detail: "no")
        #expect(try Receipt(canonicalBytes: receipt.canonicalBytes) == receipt)
        #expect(Receipt(transactionID: TransactionID(bytes: []), index: 0, code: .ok,
                        detail: String(repeating: "é", count: 300)).detail.utf8.count <= 256)
        var random = SeededGenerator(seed: 8)
        for _ in 0..<500 {
            var bytes = receipt.canonicalBytes
            bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            if let decoded = try? Receipt(canonicalBytes: bytes) { #expect(decoded.canonicalBytes == bytes) }
        }
    }
}

/// Issue 5 item 1: the `kv` contract's bounds.
@Suite struct KeyValueContractTests {
    @Test func boundsGiveStableCodes() {
        let long = String(repeating: "k", count: KeyValueContract.keyBytesMax + 1)
        let big = String(repeating: "v", count: KeyValueContract.valueBytesMax + 1)
        let transactions = [
            ExecutorTests.tx("put", ["key": .string(long), "value": .string("v")], nonce: 1),
            ExecutorTests.tx("put", ["key": .string("k"), "value": .string(big)], nonce: 2),
            ExecutorTests.tx("put", ["key": .string(""), "value": .string("v")], nonce: 3),
            ExecutorTests.tx("put", ["key": .string("k"), "value": .integer(1)], nonce: 4),
            ExecutorTests.tx("delete", ["key": .string("k"), "value": .string("v")], nonce: 5),
            ExecutorTests.tx("put", ["key": .string(String(repeating: "k", count: 256)),
                                     "value": .string(String(repeating: "v", count: 4096))], nonce: 6),
        ]
        let result = ExecutorTests.executor.execute(transactions, height: Height(1), time: 0, state: MemoryState())
        #expect(result.receipts.map(\.code) == [.tooLarge, .tooLarge, .invalidPayload, .invalidPayload, .invalidPayload, .ok])
        #expect(result.changes.count == 1)
    }
}
