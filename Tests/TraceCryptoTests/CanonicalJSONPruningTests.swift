import Testing
@testable import TraceCrypto
import TraceTestSupport

/// Issue 7: the parser's fast string path and its pruned reading of one array
/// (a trace query reads the records of one unit out of a `recordBatch`).
@Suite struct CanonicalJSONPruningTests {
    static let codes = ["u1", "u2", "c1", "x9"]

    /// An element of the pruned array: mostly records naming a code, sometimes anything else.
    static func element(_ random: inout SeededGenerator) -> CanonicalJSON {
        switch Int.random(in: 0..<8, using: &random) {
        case 0: return CanonicalJSONTests.randomValue(&random, depth: 2)
        case 1: return .object(["traceCode": .integer(7), "data": CanonicalJSONTests.randomValue(&random, depth: 2)])
        default:
            var members: [String: CanonicalJSON] = ["traceCode": .string(codes.randomElement(using: &random) ?? "u1")]
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                members[CanonicalJSONTests.randomString(&random)] = CanonicalJSONTests.randomValue(&random, depth: 2)
            }
            members["traceCode"] = members["traceCode"] ?? .string("u1")
            return .object(members)
        }
    }

    static func kept(_ element: CanonicalJSON, _ keep: Set<String>) -> CanonicalJSON {
        guard case .object(let members) = element, case .string(let code)? = members["traceCode"], keep.contains(code) else { return .null }
        return element
    }

    /// A pruned parse is the whole parse with the elements not kept read as null in place;
    /// an array of the same name elsewhere stays whole.
    @Test func issue7_prunedParseIsWholeParseWithNullsInPlace() throws {
        var random = SeededGenerator(seed: 0x5EED_0701)
        var nulled = 0
        for _ in 0..<400 {
            let elements = (0..<Int.random(in: 0...12, using: &random)).map { _ in Self.element(&random) }
            let keep = Set(Self.codes.filter { _ in Bool.random(using: &random) })
            var payload: [String: CanonicalJSON] = ["records": .array(elements)]
            payload[CanonicalJSONTests.randomString(&random)] = CanonicalJSONTests.randomValue(&random, depth: 1)
            let document = CanonicalJSON.object(["action": .string("recordBatch"), "payload": .object(payload), "records": .array(elements)])
            let bytes = try document.canonicalBytes()
            let pruning = CanonicalJSONPruning(path: ["payload", "records"], member: "traceCode", keep: keep)
            let pruned = try CanonicalJSONParser.parse(bytes, pruning: pruning)
            var expectedPayload = payload
            expectedPayload["records"] = .array(elements.map { Self.kept($0, keep) })
            let expected = CanonicalJSON.object(["action": .string("recordBatch"), "payload": .object(expectedPayload), "records": .array(elements)])
            #expect(pruned == expected)
            #expect(try CanonicalJSONParser.parse(bytes, pruning: nil) == document)
            nulled += elements.filter { Self.kept($0, keep) == .null && $0 != .null }.count
        }
        #expect(nulled > 100)
    }

    @Test func issue7_prunedParseReadsWhitespaceAndKeepsPlaces() throws {
        let text = #" { "payload" : { "records" : [ { "traceCode" : "a" , "n" : [ 1 , "x\"]" ] } , "s" , { "traceCode" : "b" } ] } } "#
        let pruning = CanonicalJSONPruning(path: ["payload", "records"], member: "traceCode", keep: ["b"])
        let value = try CanonicalJSONParser.parse(Array(text.utf8), pruning: pruning)
        #expect(value == .object(["payload": .object(["records": .array([.null, .null, .object(["traceCode": .string("b")])])])]))
    }

    /// Names and codes written with escapes are compared as the text they
    /// stand for, and bytes that only begin or end like a kept code are not it.
    @Test func issue7_prunedParseReadsEscapedNamesAndCodes() throws {
        let text = #"{"r":[{"traceCode":"a\/b"},{"traceCode":"a/b"},{"traceCode":"a/bc"},{"traceCode":"xa/b"},"#
            + #"{"traceCode":"a/b","n":1},{"traceCodes":"a/b"},{"traceCode":1}]}"#
        let pruning = CanonicalJSONPruning(path: ["r"], member: "traceCode", keep: ["a/b", "z"])
        let value = try CanonicalJSONParser.parse(Array(text.utf8), pruning: pruning)
        let kept = CanonicalJSON.object(["traceCode": .string("a/b")])
        #expect(value == .object(["r": .array([kept, kept, .null, .null,
                                               .object(["traceCode": .string("a/b"), "n": .integer(1)]), .null, .null])]))
        let many = CanonicalJSONPruning(path: ["r"], member: "traceCode", keep: Set((0..<20).map { "c\($0)" } + ["a/b"]))
        #expect(try CanonicalJSONParser.parse(Array(text.utf8), pruning: many) == value)
    }

    /// A left-out element is still checked for structure, depth and integer form.
    @Test func issue7_prunedParseRefusesBrokenSkippedElements() {
        let pruning = CanonicalJSONPruning(path: ["r"], member: "traceCode", keep: [])
        let broken: [(String, CanonicalJSONError.Code)] = [
            (#"{"r":[{"traceCode":"a","n":[1,}]}"#, .invalidSyntax),
            (#"{"r":[{"traceCode":"a","n":"open}]}"#, .invalidSyntax),
            (#"{"r":[{"n":1.5}]}"#, .floatNotAllowed),
            (#"{"r":[{"n":tru}]}"#, .invalidSyntax),
            (#"{"r":[{"n":1}] x}"#, .invalidSyntax),
            (#"{"r":[{"n":1}]} x"#, .trailingBytes),
            (#"{"r":[{"n":"\"#, .invalidSyntax),
            (#"{"r":["#, .invalidSyntax),
            ("{\"r\":[\"a\u{1}\"]}", .invalidSyntax),
            ("{\"r\":[" + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "]}", .tooDeep),
        ]
        for (text, code) in broken {
            #expect(throws: CanonicalJSONError(code, offset: 0), "\(text)") {
                try CanonicalJSONParser.parse(Array(text.utf8), pruning: pruning)
            }
        }
    }

    /// `member` gives what the whole parse holds under that name, or nil.
    @Test func issue7_memberReadsOneTopLevelMember() throws {
        var random = SeededGenerator(seed: 0x5EED_0702)
        for _ in 0..<300 {
            var members: [String: CanonicalJSON] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &random) {
                members[CanonicalJSONTests.randomString(&random)] = CanonicalJSONTests.randomValue(&random, depth: 1)
            }
            let bytes = try CanonicalJSON.object(members).canonicalBytes()
            for (name, value) in members { #expect(try CanonicalJSONParser.member(name, of: bytes) == value) }
            let absent = "absent-" + CanonicalJSONTests.randomString(&random)
            #expect(try CanonicalJSONParser.member(absent, of: bytes) == nil)
        }
        #expect(try CanonicalJSONParser.member("b", of: Array(#" { "a" : [ 1 , { } ] , "b" : "x" } "#.utf8)) == .string("x"))
        #expect(throws: CanonicalJSONError(.invalidSyntax, offset: 0)) { try CanonicalJSONParser.member("a", of: Array("[1]".utf8)) }
        #expect(throws: CanonicalJSONError(.invalidSyntax, offset: 0)) { try CanonicalJSONParser.member("b", of: Array(#"{"a":[1,"#.utf8)) }
    }

    /// Strings with and without bytes past ASCII: the parse matches UTF-8 validation exactly.
    @Test func issue7_stringsMatchUTF8Validation() {
        var random = SeededGenerator(seed: 0x5EED_0703)
        let printable = (UInt8(0x20)...UInt8(0x7e)).filter { $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        var invalid = 0
        for _ in 0..<3000 {
            let body = (0..<Int.random(in: 0...24, using: &random)).map { _ in
                Int.random(in: 0..<5, using: &random) == 0 ? UInt8.random(in: 0x80...0xff, using: &random)
                    : printable.randomElement(using: &random) ?? 0x61
            }
            let input = [UInt8(ascii: "\"")] + body + [UInt8(ascii: "\"")]
            if let text = String(validating: body, as: UTF8.self) {
                #expect((try? CanonicalJSONParser.parse(input)) == .string(text))
            } else {
                invalid += 1
                #expect(throws: CanonicalJSONError(.invalidUTF8, offset: 0)) { try CanonicalJSONParser.parse(input) }
            }
        }
        #expect(invalid > 100)
    }
}
