import Foundation
import Testing
@testable import TraceCrypto

/// A canonical JSON value written by `JSONEncoder` (sorted keys) reads back as the
/// same value and, for ASCII member names, as the same bytes RFC 8785 gives (issue 7).
@Suite struct CanonicalJSONEncodableTests {
    @Test func encoderWritesTheValueItHolds() throws {
        let value = CanonicalJSON.object([
            "b": .array([.integer(-3), .bool(true), .null, .string("x/\"y\"\n")]),
            "a": .object(["z": .integer(CanonicalJSON.integerMagnitudeMax), "k": .string("")]),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes = Array(try encoder.encode(value))
        #expect(try CanonicalJSONParser.parse(bytes) == value)
        #expect(bytes == (try value.canonicalBytes()))
    }
}
