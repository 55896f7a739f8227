import Testing
import TraceModel
import TraceTestSupport

/// R-5.1-a: GS1 keys and their check digits.
@Suite struct GS1KeyTests {
    /// Published examples, typed in as facts:
    /// GTIN 09521234543213 — GS1 Digital Link Standard 1.2 examples;
    /// GTIN 80614141123458 and SSCC 106141412345678908 — GS1 EPC Tag Data Standard examples
    /// (SGTIN 0614141.812345.6789, SSCC 0614141.1234567890); GLN 0614141123452 — TDS SGLN example.
    @Test func r5_1_a_publishedCheckDigits() throws {
        #expect(try GS1Key.gtin14("09521234543213") == "09521234543213")
        #expect(try GS1Key.gtin14("80614141123458") == "80614141123458")
        #expect(try GS1Key.sscc("106141412345678908") == "106141412345678908")
        #expect(try GS1Key.gln("0614141123452") == "0614141123452")
        #expect(GS1Key.checkDigit(for: "0952123454321") == 3)
    }

    @Test func r5_1_a_wrongCheckDigitNamesTheRule() {
        do {
            _ = try GS1Key.gtin14("09521234543214")
            Issue.record("a wrong check digit was accepted")
        } catch {
            #expect(error.code == .checkDigit)
            #expect(error.field == "gtin")
            #expect(error.description == "gtin: check digit 4 is wrong, expected 3 (GS1 mod-10)")
        }
    }

    @Test func r5_1_a_shortGTINsNormaliseToGTIN14() throws {
        let gtin8 = GS1Key.appendingCheckDigit(to: "9638507")
        let gtin12 = GS1Key.appendingCheckDigit(to: "61414100003")
        let gtin13 = "9521234543213".dropFirst(0)
        #expect(try GS1Key.gtin14(gtin8) == "000000" + gtin8)
        #expect(try GS1Key.gtin14(gtin12) == "00" + gtin12)
        #expect(try GS1Key.gtin14(String(gtin13)) == "09521234543213")
        #expect(throws: TraceCodeError(.length, field: "gtin", rule: "")) { try GS1Key.gtin14("123456789") }
        #expect(throws: TraceCodeError(.characterSet, field: "gtin", rule: "")) { try GS1Key.gtin14("0952123454321A") }
    }

    /// Property: a generated key validates; changing any one digit makes it fail.
    @Test func r5_1_a_checkDigitsCatchEverySingleDigitError() throws {
        var rng = SeededGenerator(seed: 0x5EED_0001)
        for round in 0..<3000 {
            let length = [8, 12, 13, 14, 18][round % 5]
            let key = CodeSamples.keyWithCheckDigit(length: length, using: &rng)
            switch length {
            case 18: #expect(try GS1Key.sscc(key) == key)
            case 13: #expect(try GS1Key.gln(key) == key)
            default: #expect(try GS1Key.gtin14(key).hasSuffix(key))
            }
            var bytes = Array(key.utf8)
            let position = Int.random(in: 0..<bytes.count, using: &rng)
            bytes[position] = 0x30 + (bytes[position] - 0x30 + UInt8.random(in: 1...9, using: &rng)) % 10
            let mutated = String(decoding: bytes, as: UTF8.self)
            #expect(throws: TraceCodeError(.checkDigit, field: "", rule: "")) {
                _ = try (length == 18 ? GS1Key.sscc(mutated) : GS1Key.gtin14(mutated))
            }
        }
    }
}
