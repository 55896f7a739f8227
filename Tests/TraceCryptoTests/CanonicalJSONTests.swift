import Testing
@testable import TraceCrypto
import TraceTestSupport

/// RFC 8785 canonical JSON of transaction bodies (issue 3 §5).
@Suite struct CanonicalJSONTests {
    private func canonical(_ json: String) throws -> String {
        String(decoding: try CanonicalJSONParser.parse(Array(json.utf8)).canonicalBytes(), as: UTF8.self)
    }

    @Test func r5_3_4_sortsKeysByUTF16CodeUnits() throws {
        // RFC 8785 §3.2.3 sorting example: "\r" < "1" < "\u0080" < "ö" < "€" < "😀" < "דּ"
        // (the surrogate pair D83D DE00 sorts before FB33 though U+1F600 > U+FB33).
        let input = #"{"\ufb33":7,"\ud83d\ude00":6,"\u20ac":5,"\u00f6":4,"\u0080":3,"1":2,"\r":1}"#
        #expect(try canonical(input) == "{\"\\r\":1,\"1\":2,\"\u{80}\":3,\"ö\":4,\"€\":5,\"😀\":6,\"דּ\":7}")
    }

    @Test func r5_3_4_escapesAsJCS() throws {
        let input = #"{"s":"\u0000\b\t\n\f\r\u001f \"\\\/ é\u2028\u007f"}"#
        #expect(try canonical(input) == "{\"s\":\"\\u0000\\b\\t\\n\\f\\r\\u001f \\\"\\\\/ é\u{2028}\u{7f}\"}")
    }

    @Test func r5_3_4_whitespaceAndOrderDoNotMatter() throws {
        let a = try canonical("{ \"b\" : [ 1 , -2 , 0 ] ,\n\t\"a\" : { \"y\" : null , \"x\" : true } }")
        #expect(a == #"{"a":{"x":true,"y":null},"b":[1,-2,0]}"#)
        #expect(try canonical("-0") == "0")
    }

    @Test func r5_3_4_refusesFloatsAndExponents() {
        for text in ["1.5", "1e3", "1E3", "0.0", "-2.50", "{\"amount\":12.5}"] {
            #expect(throws: CanonicalJSONError(.floatNotAllowed, offset: 0)) { try CanonicalJSONParser.parse(Array(text.utf8)) }
        }
    }

    @Test func r5_3_4_refusesOutOfRangeIntegers() throws {
        #expect(try canonical("9007199254740991") == "9007199254740991")
        #expect(try canonical("-9007199254740991") == "-9007199254740991")
        for text in ["9007199254740992", "-9007199254740992", "123456789012345678901"] {
            #expect(throws: CanonicalJSONError(.integerOutOfRange, offset: 0)) { try CanonicalJSONParser.parse(Array(text.utf8)) }
        }
        #expect(throws: CanonicalJSONError(.integerOutOfRange, offset: 0)) { try CanonicalJSON.integer(1 << 60).canonicalBytes() }
    }

    @Test func r5_3_4_refusesDuplicatesSurrogatesAndBadSyntax() {
        let cases: [(String, CanonicalJSONError.Code)] = [
            (#"{"a":1,"a":2}"#, .duplicateKey), (#""\ud800""#, .loneSurrogate), (#""\udc00x""#, .loneSurrogate),
            (#""\ud800\u0041""#, .loneSurrogate), ("01", .invalidSyntax), ("[1,]", .invalidSyntax),
            ("{\"a\":1} x", .trailingBytes), ("\"a\u{1}\"", .invalidSyntax), (#""\x""#, .invalidEscape),
            ("tru", .invalidSyntax), ("", .invalidSyntax), ("NaN", .invalidSyntax), ("\"\\u12\"", .invalidEscape),
        ]
        for (text, code) in cases {
            #expect(throws: CanonicalJSONError(code, offset: 0), "\(text)") { try CanonicalJSONParser.parse(Array(text.utf8)) }
        }
        #expect(throws: CanonicalJSONError(.invalidUTF8, offset: 0)) { try CanonicalJSONParser.parse([0x22, 0xff, 0x22]) }
    }

    /// A string read from its bytes in one piece and one rebuilt after an escape read the same;
    /// a control byte or bad UTF-8 after a clean prefix is still refused (issue 7 fast path).
    @Test func r5_3_4_stringsWithAndWithoutEscapes() throws {
        let cases: [(String, String)] = [(#""plain""#, "plain"), (#""pre\nfix""#, "pre\nfix"), (#""ab\u00e9\"cd""#, "ab\u{e9}\"cd"),
                                         ("\"caf\u{e9}\"", "caf\u{e9}"), (#""""#, ""), (#""\\""#, "\\")]
        for (text, expected) in cases {
            #expect(try CanonicalJSONParser.parse(Array(text.utf8)) == .string(expected), "\(text)")
        }
        #expect(throws: CanonicalJSONError(.invalidSyntax, offset: 0)) { try CanonicalJSONParser.parse(Array("\"abc\u{1}\"".utf8)) }
        #expect(throws: CanonicalJSONError(.invalidSyntax, offset: 0)) { try CanonicalJSONParser.parse(Array("\"abc\\n\u{1}\"".utf8)) }
        #expect(throws: CanonicalJSONError(.invalidUTF8, offset: 0)) { try CanonicalJSONParser.parse([0x22, 0x61, 0xc3, 0x22]) }
        #expect(throws: CanonicalJSONError(.invalidSyntax, offset: 0)) { try CanonicalJSONParser.parse(Array("\"abc".utf8)) }
    }

    @Test func r5_3_4_boundsDepthAndSize() {
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(throws: CanonicalJSONError(.tooDeep, offset: 0)) { try CanonicalJSONParser.parse(Array(deep.utf8)) }
        #expect(throws: CanonicalJSONError(.tooLarge, offset: 0)) { try CanonicalJSONParser.parse(Array("[1,2]".utf8), sizeMax: 4) }
        var value = CanonicalJSON.null
        for _ in 0..<40 { value = .array([value]) }
        #expect(throws: CanonicalJSONError(.tooDeep, offset: 0)) { try value.canonicalBytes() }
    }

    @Test func r5_3_4_signingBytesStartWithTheDomainTagAndNeedAnObject() throws {
        let bytes = try TransactionSigningBytes.of(jsonBytes: Array(#"{"a":1}"#.utf8))
        #expect(bytes == Array("crosstrace/tx/v1\n{\"a\":1}".utf8))
        #expect(throws: CanonicalJSONError(.notAnObject, offset: 0)) { try TransactionSigningBytes.of(.array([])) }
        // A binary (vote, block) encoding starts with a 0x00 length byte, never 'c'.
        #expect(CanonicalWriter(domain: "crosstrace/vote/v1\n").bytes.first == 0)
    }

    /// Canonical output is a fixed point: parsing it again gives the same bytes.
    @Test func r5_3_4_randomValuesRoundTrip() throws {
        var random = SeededGenerator(seed: 0x5EED_0002)
        for _ in 0..<300 {
            let value = Self.randomValue(&random, depth: 0)
            let bytes = try value.canonicalBytes()
            let reparsed = try CanonicalJSONParser.parse(bytes)
            #expect(reparsed == value)
            #expect(try reparsed.canonicalBytes() == bytes)
        }
    }

    /// Seeded random and mutated bytes: the parser throws or succeeds, never crashes,
    /// and whatever it accepts re-canonicalises to a fixed point.
    @Test func r5_3_4_parserSurvivesMutatedBytes() throws {
        var random = SeededGenerator(seed: 0x5EED_0003)
        let seedText = Array(#"{"a":[1,-2,{"b":"\u00e9\ud83d\ude00\n"}],"c":true,"d":null,"e":"12.50"}"#.utf8)
        var accepted = 0
        for round in 0..<3000 {
            let input = round % 3 == 0 ? random.bytes(Int.random(in: 0...40, using: &random)) : random.mutate(seedText)
            guard let value = try? CanonicalJSONParser.parse(input) else { continue }
            accepted += 1
            let bytes = try value.canonicalBytes()
            #expect(try CanonicalJSONParser.parse(bytes).canonicalBytes() == bytes)
        }
        #expect(accepted > 0)
    }

    /// Issue 7: a parse that says "canonical" is never wrong — the input is then
    /// exactly the value's canonical bytes — over seeded random values, their
    /// canonical bytes and mutations of them; and canonical bytes of values
    /// without escapes are recognised as canonical.
    @Test func r5_3_4_canonicalNotingIsNeverWrong() throws {
        var random = SeededGenerator(seed: 0x5EED_0004)
        var recognised = 0, mutatedAccepted = 0
        for round in 0..<2000 {
            let value = Self.randomValue(&random, depth: 0)
            let bytes = try value.canonicalBytes()
            let noted = try CanonicalJSONParser.parseNotingCanonical(bytes)
            #expect(noted.value == value)
            if !bytes.contains(UInt8(ascii: "\\")) {
                #expect(noted.isCanonical, "canonical bytes without escapes: \(String(decoding: bytes, as: UTF8.self))")
                recognised += 1
            }
            let input = round % 2 == 0 ? random.mutate(bytes) : bytes
            guard let other = try? CanonicalJSONParser.parseNotingCanonical(input) else { continue }
            mutatedAccepted += 1
            if other.isCanonical { #expect(try other.value.canonicalBytes() == input, "\(String(decoding: input, as: UTF8.self))") }
        }
        #expect(recognised > 500 && mutatedAccepted > 500)
    }

    /// Issue 7: each way bytes can differ from their canonical form is noticed.
    @Test func r5_3_4_nonCanonicalFormsAreNoticed() throws {
        let forms = [#" {"a":1}"#, #"{"a":1} "#, #"{"a": 1}"#, #"{"b":1,"a":2}"#, #"{"a":-0}"#, #"{"a":"\/"}"#,
                     #"{"a":"\u0041"}"#, #"[1 ,2]"#, #"{"a":{"d":1,"c":2}}"#]
        for form in forms {
            let noted = try CanonicalJSONParser.parseNotingCanonical(Array(form.utf8))
            #expect(!noted.isCanonical, "\(form)")
        }
        // RFC 8785 sorts by UTF-16 code units: U+1F600 (D83D DE00) before U+FF61, the reverse of UTF-8 order.
        let utf8Order = Array("{\"\u{FF61}\":1,\"\u{1F600}\":2}".utf8)
        let utf16Order = Array("{\"\u{1F600}\":2,\"\u{FF61}\":1}".utf8)
        #expect(try !CanonicalJSONParser.parseNotingCanonical(utf8Order).isCanonical)
        #expect(try CanonicalJSONParser.parseNotingCanonical(utf16Order).isCanonical)
        #expect(try CanonicalJSONParser.parse(utf8Order).canonicalBytes() == utf16Order)
    }

    static func randomValue(_ random: inout SeededGenerator, depth: Int) -> CanonicalJSON {
        switch Int.random(in: 0..<(depth < 4 ? 6 : 4), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .integer(Int64.random(in: -CanonicalJSON.integerMagnitudeMax...CanonicalJSON.integerMagnitudeMax, using: &random))
        case 3: return .string(randomString(&random))
        case 4: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in randomValue(&random, depth: depth + 1) })
        default:
            var members: [String: CanonicalJSON] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &random) { members[randomString(&random)] = randomValue(&random, depth: depth + 1) }
            return .object(members)
        }
    }

    static func randomString(_ random: inout SeededGenerator) -> String {
        let alphabet: [Character] = ["a", "Z", "0", "\"", "\\", "\n", "\u{1}", "\u{7f}", "é", "€", "追", "😀", "\u{2028}", " "]
        return String((0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
    }
}
