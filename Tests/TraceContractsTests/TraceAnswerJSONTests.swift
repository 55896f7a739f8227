import Foundation
import Testing
@testable import TraceContracts
import TraceModel
import TraceTestSupport

/// Issue 7: `TraceAnswerJSON` writes the bytes `JSONEncoder` writes with sorted
/// keys and unescaped slashes, over seeded answers with awkward strings, numbers,
/// nested data and absent optionals.
@Suite struct TraceAnswerJSONTests {
    static let alphabet: [String] = ["a", "Z", "0", "/", "\"", "\\", "\n", "\t", "\r", "\u{8}", "\u{c}", "\u{1}", "\u{1f}",
                                     "\u{7f}", "é", "追", "😀", "\u{2028}", " ", "_", "B"]
    static let numbers: [Double] = [0, -0.0, 1, -1, 1.5, 100, 1e15, 1e16, 1e21, 1e-7, 2.5e-5, 22.543096, 114.057865,
                                    0.30000000000000004, 5e-324, 1.7976931348623157e308, -12345678.9]

    static func text(_ random: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "a" }.joined()
    }

    static func number(_ random: inout SeededGenerator) -> Double {
        switch Int.random(in: 0..<3, using: &random) {
        case 0: return numbers.randomElement(using: &random) ?? 0
        case 1: return Double.random(in: -1e7...1e7, using: &random)
        default:
            let bits = Double(bitPattern: UInt64.random(in: .min ... .max, using: &random))
            return bits.isFinite ? bits : 3.25
        }
    }

    static func value(_ random: inout SeededGenerator, depth: Int) -> JSONValue {
        switch Int.random(in: 0..<(depth < 3 ? 6 : 4), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .number(number(&random))
        case 3: return .string(text(&random))
        case 4: return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in value(&random, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &random) { members[text(&random)] = value(&random, depth: depth + 1) }
            return .object(members)
        }
    }

    static func maybe<T>(_ random: inout SeededGenerator, _ make: (inout SeededGenerator) -> T) -> T? {
        Bool.random(using: &random) ? make(&random) : nil
    }

    static func line(_ random: inout SeededGenerator) -> TimelineEntry {
        TimelineEntry(action: text(&random), block: maybe(&random) { InformationBlock.allCases.randomElement(using: &$0) ?? .product },
                      item: maybe(&random) { RecordItem.allCases.randomElement(using: &$0) ?? .productProduction },
                      height: UInt64.random(in: 0 ... .max, using: &random), index: UInt32.random(in: 0 ... .max, using: &random),
                      record: maybe(&random) { UInt32.random(in: 0...99, using: &$0) }, time: Int64.random(in: .min ... .max, using: &random),
                      participant: text(&random), transactionID: text(&random), recordedAt: maybe(&random, text),
                      supersededBy: maybe(&random, text), superseded: Bool.random(using: &random), supersedes: maybe(&random, text),
                      via: maybe(&random, text), data: maybe(&random) { value(&$0, depth: 0) },
                      sealed: maybe(&random) { random in (0..<Int.random(in: 0...2, using: &random)).map { _ in text(&random) } })
    }

    static func answer(_ random: inout SeededGenerator) -> TraceAnswer {
        let mode = TraceabilityMode.allCases.randomElement(using: &random) ?? .manufacturer
        let recorded = RecordItem.allCases.filter { _ in Bool.random(using: &random) }
        return TraceAnswer(
            view: text(&random), code: text(&random), key: text(&random), mode: mode,
            timeline: (0..<Int.random(in: 0...4, using: &random)).map { _ in line(&random) },
            route: (0..<Int.random(in: 0...2, using: &random)).map { _ in
                RoutePointAnswer(time: text(&random), latitude: number(&random), longitude: number(&random),
                                 accuracyMetres: number(&random), source: LocationFix.Source.allCases.randomElement(using: &random) ?? .gps,
                                 deviceId: text(&random))
            },
            containers: (0..<Int.random(in: 0...2, using: &random)).map { _ in
                ContainerStay(child: text(&random), container: text(&random), from: text(&random), until: maybe(&random, text))
            },
            completeness: TraceCompleteness(recorded, mode: mode),
            exceptions: (0..<Int.random(in: 0...2, using: &random)).map { _ in
                TraceException(item: RecordItem.allCases.randomElement(using: &random) ?? .logisticsDeliveryException, kind: text(&random),
                               height: UInt64.random(in: 0...1_000, using: &random), index: 3, recordedAt: text(&random))
            },
            anomalies: (0..<Int.random(in: 0...2, using: &random)).map { _ in
                AnomalyAnswer(kind: RouteAnomaly.Kind.allCases.randomElement(using: &random) ?? .longGap, from: text(&random), to: text(&random),
                              measured: number(&random), threshold: number(&random))
            })
    }

    static func encoded(_ answer: TraceAnswer) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(answer))
    }

    @Test func issue7_writtenBytesEqualJSONEncoder() throws {
        var random = SeededGenerator(seed: 0x5EED_0721)
        for round in 0..<400 {
            let answer = Self.answer(&random)
            let written = try #require(TraceAnswerJSON.bytes(answer))
            let expected = try Self.encoded(answer)
            #expect(written == expected, "round \(round): \(String(decoding: written, as: UTF8.self))")
        }
    }

    /// A number that is not finite: `JSONEncoder` throws, the writer gives nil.
    @Test func issue7_nonFiniteNumberIsRefusedLikeJSONEncoder() throws {
        var random = SeededGenerator(seed: 0x5EED_0722)
        let answer = Self.answer(&random)
        let bad = TraceAnswer(view: answer.view, code: answer.code, key: answer.key, mode: answer.mode, timeline: answer.timeline,
                              route: answer.route, containers: answer.containers, completeness: answer.completeness,
                              exceptions: answer.exceptions,
                              anomalies: [AnomalyAnswer(kind: .longGap, from: "a", to: "b", measured: .infinity, threshold: 1)])
        #expect(TraceAnswerJSON.bytes(bad) == nil)
        #expect(throws: (any Error).self) { try Self.encoded(bad) }
    }
}
