import Testing
import TraceModel
import TraceTestSupport

/// R-5.1-a: platform-issued codes for goods without a GTIN.
@Suite struct PlatformCodeTests {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// A second, literal reading of ISO/IEC 7064 hybrid MOD 37,36 verification: running the
    /// recursion over body and check character ends with the intermediate sum 1.
    static func verifies(_ text: String) -> Bool {
        var product = 36
        var sum = 0
        for character in text {
            guard let value = alphabet.firstIndex(of: character) else { return false }
            sum = (product + value) % 36
            if sum == 0 { sum = 36 }
            product = (2 * sum) % 37
        }
        return sum == 1
    }

    @Test func r5_1_a_issueAndParse() throws {
        let code = try PlatformCode(body: "7K2M9QX4")
        #expect(code.text == "CT-7K2M9QX47")
        #expect(Self.verifies("7K2M9QX47"))
        #expect(try PlatformCode(parsing: "ct-7k2m9qx47") == code)
        let trace = try TraceCode.parse("CT-7K2M9QX47", referenceDate: try! CalendarDate("2026-01-01"))
        #expect(trace.kind == .platform)
        #expect(trace.key == "CT-7K2M9QX47")
        #expect(throws: TraceCodeError(.unsupported, field: "digitalLink", rule: "")) { try trace.digitalLink() }
        #expect(throws: TraceCodeError(.checkDigit, field: "platformCode", rule: "")) { try PlatformCode(parsing: "CT-7K2M9QX48") }
        #expect(throws: TraceCodeError(.length, field: "platformCode", rule: "")) { try PlatformCode(body: "ABC") }
        #expect(throws: TraceCodeError(.characterSet, field: "platformCode", rule: "")) { try PlatformCode(body: "ABCD-EFGH") }
    }

    /// Every single-character substitution, and most adjacent transpositions, are caught.
    @Test func r5_1_a_everySubstitutionIsDetected() throws {
        var rng = SeededGenerator(seed: 0x5EED_0005)
        var transpositions = 0
        var caughtTranspositions = 0
        for _ in 0..<120 {
            let length = Int.random(in: PlatformCode.bodyLengths, using: &rng)
            let body = String((0..<length).map { _ in Self.alphabet.randomElement(using: &rng) ?? "0" })
            let code = try PlatformCode(body: body)
            #expect(Self.verifies(body + String(code.checkCharacter)))
            #expect(try PlatformCode(parsing: code.text) == code)
            var characters = Array(code.text)
            for position in PlatformCode.prefix.count..<characters.count {
                let original = characters[position]
                for replacement in Self.alphabet where replacement != original {
                    characters[position] = replacement
                    #expect(throws: TraceCodeError.self) { try PlatformCode(parsing: String(characters)) }
                }
                characters[position] = original
                if position + 1 < characters.count, characters[position] != characters[position + 1] {
                    characters.swapAt(position, position + 1)
                    transpositions += 1
                    if (try? PlatformCode(parsing: String(characters))) == nil { caughtTranspositions += 1 }
                    characters.swapAt(position, position + 1)
                }
            }
        }
        #expect(caughtTranspositions * 100 >= transpositions * 95)
    }

    /// R-5.1-c: the platform assigns a code when a unit is created; sequence numbers of one
    /// issuer give distinct codes that parse back.
    @Test func r5_1_c_issuedCodesAreDistinct() throws {
        var seen = Set<String>()
        var rng = SeededGenerator(seed: 0x5EED_0008)
        let sequences = (0..<2000).map { UInt64($0) } + (0..<2000).map { _ in UInt64.random(in: 0..<3_656_158_440_062_976, using: &rng) }
        for sequence in sequences {
            let code = try PlatformCode(issuer: "ACME", sequence: sequence)
            #expect(try PlatformCode(parsing: code.text) == code)
            seen.insert(code.text)
        }
        #expect(seen.count == Set(sequences).count)
        #expect(try PlatformCode(issuer: "acme", sequence: 35).text.hasPrefix("CT-ACME000000000Z"))
        #expect(throws: TraceCodeError(.range, field: "platformCode.sequence", rule: "")) {
            try PlatformCode(issuer: "ACME", sequence: 3_656_158_440_062_976)
        }
        #expect(throws: TraceCodeError(.length, field: "platformCode.issuer", rule: "")) { try PlatformCode(issuer: "A", sequence: 1) }
    }
}
