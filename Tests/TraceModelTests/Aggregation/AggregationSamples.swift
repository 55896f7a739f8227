import Foundation
import Testing
import TraceModel

/// Codes, positions and events for the aggregation tests.
enum Agg {
    static let gtin = GS1Key.appendingCheckDigit(to: "0952123454321")
    static let otherGTIN = GS1Key.appendingCheckDigit(to: "0952123400005")

    /// An SSCC with extension digit 1, company prefix 0952123 and serial `n`.
    static func sscc(_ n: Int) throws -> TraceCode {
        let serial = String(n)
        let body = "10952123" + String(repeating: "0", count: 9 - serial.count) + serial
        return try TraceCode(elements: [GS1Element(ai: "00", value: GS1Key.appendingCheckDigit(to: body))],
                             referenceDate: CalendarDate("2026-01-01"))
    }

    static func unit(_ n: Int, gtin: String = gtin) throws -> TraceCode {
        try TraceCode(gtin: gtin, serial: "S\(n)")
    }

    static func batch(_ lot: String, gtin: String = gtin) throws -> TraceCode {
        try TraceCode(gtin: gtin, lot: lot)
    }

    static func gln() throws -> TraceCode {
        try TraceCode(elements: [GS1Element(ai: "414", value: GS1Key.appendingCheckDigit(to: "952123400001"))],
                      referenceDate: CalendarDate("2026-01-01"))
    }

    static func pos(_ height: UInt64, _ index: UInt32 = 0) -> RecordPosition {
        RecordPosition(height: height, index: index)
    }

    static func time(_ height: UInt64) throws -> Timestamp {
        let minute = String(format: "%02d", Int(height % 60))
        return try Timestamp("2026-03-01T08:\(minute):00+08:00")
    }

    static func event(_ height: UInt64, _ action: AggregationEvent.Action, _ parent: TraceCode,
                      _ children: [TraceCode]) throws -> AggregationEvent {
        try AggregationEvent(position: pos(height), time: time(height), action: action, parent: parent, children: children)
    }
}

/// A record on a container, for `recordsApplying`.
struct ContainerRecord: Equatable {
    let position: RecordPosition
    let container: String
}

/// Expects `body` to throw a `ModelValidationError` with `code`.
func expectRefused(_ code: ModelValidationError.Code, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected \(code.rawValue), nothing was thrown")
    } catch let error as ModelValidationError {
        #expect(error.code == code, "\(error)")
    } catch {
        Issue.record("expected \(code.rawValue), got \(error)")
    }
}
