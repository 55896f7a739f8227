import Foundation
import Testing
@testable import TraceModel
import TraceTestSupport

/// Fuzz-style: random and mutated inputs into the records decoder never
/// crash, and every refusal is a ModelValidationError naming a JSON path.
@Suite struct RecordFuzzTests {
    static func expectCleanOutcome(_ data: Data) {
        do {
            let records = try RecordList.decode(data)
            for record in records {
                #expect(RecordItem.allCases.contains(record.item))
            }
        } catch let error as ModelValidationError {
            #expect(error.field.hasPrefix("$"), "\(error)")
            #expect(!error.rule.isEmpty)
        } catch {
            Issue.record("not a ModelValidationError: \(error)")
        }
    }

    /// Byte-level mutations of valid records: flips, deletions, insertions, truncations.
    @Test func r6_4_mutatedRecordsFailCleanly() {
        var rng = SeededGenerator(seed: 0xC0FFEE)
        let seeds = RecordItem.allCases.map { Array("[\(RecordExamples.record($0))]".utf8) }
        let interesting = Array(#"{}[]",:0123456789.-+eE"\ ntfalsru"#.utf8) + [0, 0x1D, 0x7F, 0xC3, 0xFF]
        for _ in 0..<3000 {
            var bytes = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
            for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
                let index = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes[index] = interesting.randomElement(using: &rng) ?? 0
                case 1: bytes.remove(at: index)
                case 2: bytes.insert(interesting.randomElement(using: &rng) ?? 0, at: index)
                default: bytes = Array(bytes.prefix(index))
                }
            }
            Self.expectCleanOutcome(Data(bytes))
        }
    }

    /// Structure-level mutations: a field's value replaced by a random JSON value.
    @Test func r6_4_fieldValueSwapsFailCleanly() throws {
        var rng = SeededGenerator(seed: 42)
        var refused = 0
        for round in 0..<2000 {
            let item = RecordItem.allCases[round % RecordItem.allCases.count]
            guard case .object(var record) = try JSONValue.parse(Data(RecordExamples.record(item).utf8)),
                  case .object(var data)? = record["data"] else { continue }
            let keys = data.keys.sorted()
            let key = keys[Int.random(in: 0..<keys.count, using: &rng)]
            data[key] = Self.randomValue(depth: 0, using: &rng)
            record["data"] = .object(data)
            let text = JSONValue.array([.object(record)]).serialized()
            do {
                _ = try RecordList.decode(Data(text.utf8))
            } catch let error as ModelValidationError {
                refused += 1
                #expect(error.field.hasPrefix("$[0].data.\(key)"), "\(error)")
            }
        }
        #expect(refused > 1500)
    }

    /// Entirely random JSON documents and random bytes.
    @Test func r6_4_randomDocumentsFailCleanly() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<2000 {
            let value = Self.randomValue(depth: 0, using: &rng)
            Self.expectCleanOutcome(Data(JSONValue.array([value]).serialized().utf8))
            Self.expectCleanOutcome(Data(value.serialized().utf8))
            let bytes = (0..<Int.random(in: 0..<64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            Self.expectCleanOutcome(Data(bytes))
        }
        Self.expectCleanOutcome(Data((String(repeating: "[", count: 100_000)).utf8))
        Self.expectCleanOutcome(Data((String(repeating: "{\"a\":", count: 10_000)).utf8))
    }

    static func randomValue(depth: Int, using rng: inout SeededGenerator) -> JSONValue {
        let strings = ["", "x", "2026-03-01T08:30:00Z", "2026-02-30", "CNY", "CN", "1.005", "passed", "sea",
                       "product.production", String(repeating: "a", count: 600), "\u{0}", "😀"]
        switch Int.random(in: 0..<(depth > 3 ? 4 : 7), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .number([0, -1, 1e300, 0.5, 2, 1_000_000_001, -273.5].randomElement(using: &rng) ?? 0)
        case 3: return .string(strings.randomElement(using: &rng) ?? "")
        case 4: return .array((0..<Int.random(in: 0...3, using: &rng)).map { _ in randomValue(depth: depth + 1, using: &rng) })
        default:
            let keys = ["item", "traceCode", "recordedAt", "data", "amount", "currency", "kind", "status", "z"]
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                members[keys.randomElement(using: &rng) ?? "z"] = randomValue(depth: depth + 1, using: &rng)
            }
            return .object(members)
        }
    }
}
