import Foundation
import Testing
@testable import TraceModel
import TraceTestSupport

/// The path records took before: JSON text read by `JSONDecoder`.
struct TextReader: RecordDataReader {
    let data: Data
    func read<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(T.self, from: data) }
}

/// `JSONValueDecoder` reads a record's `data` (R-6.4, Tables 1–4) straight
/// from the parsed tree; it must agree with `JSONDecoder` over the same JSON
/// text: equal values, and a refusal wherever `JSONDecoder` refuses (issue 7).
@Suite struct JSONValueDecoderTests {
    /// The old path: the tree as JSON text, read by `JSONDecoder`.
    static func viaText(_ item: RecordItem, _ data: JSONValue) -> Result<RecordData, any Error> {
        Result { try RecordData(item: item, reader: TextReader(data: Data(data.serialized().utf8))) }
    }

    static func viaTree(_ item: RecordItem, _ data: JSONValue) -> Result<RecordData, any Error> {
        Result { try RecordData(item: item, checked: data) }
    }

    /// A model refusal's field and rule; nil for a decoding error (whose text differs).
    static func refusal(_ error: any Error) -> String? {
        (error as? ModelValidationError).map { "\($0.field): \($0.rule)" }
    }

    static func dataTree(_ text: String) throws -> JSONValue { try JSONValue.parse(Data(text.utf8)) }

    @Test func r6_4_everyItemDecodesAsJSONDecoderDoes() throws {
        for item in RecordItem.allCases {
            for text in [RecordExamples.data[item], RecordExamples.minimalData[item]] {
                let tree = try Self.dataTree(try #require(text))
                let expected = try Self.viaText(item, tree).get()
                #expect(try Self.viaTree(item, tree).get() == expected, "\(item)")
            }
        }
    }

    @Test func r6_4_aFractionIsNotAnInteger() throws {
        let tree = try Self.dataTree(#"{"loading":{"packageCount":1.5},"securityScan":{"result":"passed"}}"#)
        #expect(throws: DecodingError.self) { try RecordData(item: .logisticsTally, checked: tree) }
        let fits = try Self.dataTree(#"{"loading":{"packageCount":3},"securityScan":{"result":"passed"}}"#)
        guard case .tally(let tally) = try RecordData(item: .logisticsTally, checked: fits) else {
            Issue.record("not a tally")
            return
        }
        #expect(tally.loading.packageCount == 3)
    }

    /// A refused leaf value names its path as `JSONDecoder`'s coding path gives it.
    @Test func r6_4_refusalsNameTheSamePath() throws {
        let tree = try Self.dataTree(#"{"amount":"12.34","consignee":"c","contact":"t","currency":"USD","deliveryAddress":"d","goodsName":"g","orderTime":"2026-02-30T08:30:00Z","tradingPlatform":"p"}"#)
        let old = Self.viaText(RecordItem.transactionOrder, tree)
        let new = Self.viaTree(RecordItem.transactionOrder, tree)
        guard case .failure(let oldError) = old, case .failure(let newError) = new else {
            Issue.record("both paths must refuse February 30: \(old) \(new)")
            return
        }
        #expect(Self.refusal(oldError) != nil)
        #expect(Self.refusal(oldError) == Self.refusal(newError))
    }

    /// Seeded: every item's data with members replaced by random JSON values
    /// succeeds or fails on both paths alike, with equal values.
    @Test func r6_4_randomDataAgreesWithJSONDecoder() throws {
        var rng = SeededGenerator(seed: 0x7EA5)
        var outcomes = (values: 0, refusals: 0)
        for round in 0..<1500 {
            let item = RecordItem.allCases[round % RecordItem.allCases.count]
            guard case .object(var members) = try Self.dataTree(try #require(RecordExamples.data[item])) else {
                Issue.record("example is not an object")
                return
            }
            let keys = members.keys.sorted()
            for _ in 0..<Int.random(in: 1...2, using: &rng) {
                let key = keys.randomElement(using: &rng) ?? "z"
                members[key] = RecordFuzzTests.randomValue(depth: 1, using: &rng)
            }
            let tree = JSONValue.object(members)
            switch (Self.viaText(item, tree), Self.viaTree(item, tree)) {
            case (.success(let a), .success(let b)):
                outcomes.values += 1
                #expect(a == b, "\(tree.serialized())")
            case (.failure(let a), .failure(let b)):
                outcomes.refusals += 1
                #expect(Self.refusal(a) == Self.refusal(b), "\(tree.serialized())")
            case (let a, let b): Issue.record("paths disagree on \(tree.serialized()): \(a) vs \(b)")
            }
        }
        #expect(outcomes.values > 100 && outcomes.refusals > 100, "\(outcomes)")
    }
}
