import Testing
import TraceModel
import TraceTestSupport

/// R-5.1-a: every parser survives random and mutated inputs; every rejection is a
/// TraceCodeError naming a field and a rule.
@Suite struct TraceCodeFuzzTests {
    static let reference = try! CalendarDate("2026-11-27")
    static let seeds = [
        "(01)09521234543213(10)ABC123(21)XYZ9", "0109521234543213" + "10ABC123\u{1D}21XYZ9",
        "https://id.gs1.org/01/09521234543213/10/ABC123/21/XYZ9?17=261231",
        "3074257BF7194E4000001A85", "urn:epc:tag:sgtin-96:3.0614141.812345.6789",
        "urn:epc:id:sgtin:0614141.812345.6789", "CT-7K2M9QX47", "(00)106141412345678908",
        "https://example.org/414/0614141123452/254/5678", "]d20109521234543213" + "422156\u{1D}17260200",
    ]
    static let alphabet: [UInt8] = Array("0123456789()%/?&=.:-]\u{1D}ABCFTabcdefhpsux#\u{00} é".utf8)

    /// Runs every parser on `text`; each either succeeds or throws a well-formed TraceCodeError.
    /// `accepted` counts inputs `TraceCode.parse` took, so the test shows it saw both outcomes.
    static func exercise(_ text: String, accepted: inout Int) -> Bool {
        var wellFormed = true
        let check = { (error: TraceCodeError) in wellFormed = wellFormed && error.isWellFormed }
        do {
            _ = try TraceCode.parse(text, referenceDate: reference)
            accepted += 1
        } catch { check(error) }
        do { _ = try ElementString.parse(text) } catch { check(error) }
        do { _ = try DigitalLink.parse(text) } catch { check(error) }
        do { _ = try SGTIN96(hex: text) } catch { check(error) }
        do { _ = try SGTIN96(tagURI: text) } catch { check(error) }
        do { _ = try SGTINPureIdentity(text) } catch { check(error) }
        do { _ = try PlatformCode(parsing: text) } catch { check(error) }
        return wellFormed
    }

    @Test func r5_1_a_fuzzMutatedInputs() {
        var rng = SeededGenerator(seed: 0x5EED_0006)
        var failures = 0
        var accepted = 0
        for round in 0..<6000 {
            var bytes = Array(Self.seeds[round % Self.seeds.count].utf8)
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let position = Int.random(in: 0...bytes.count, using: &rng)
                let byte = Self.alphabet.randomElement(using: &rng) ?? 0x30
                switch Int.random(in: 0..<3, using: &rng) {
                case 0 where position < bytes.count: bytes[position] = byte
                case 1 where position < bytes.count: bytes.remove(at: position)
                default: bytes.insert(byte, at: position)
                }
            }
            if !Self.exercise(String(decoding: bytes, as: UTF8.self), accepted: &accepted) { failures += 1 }
        }
        #expect(failures == 0)
        #expect(accepted > 0 && accepted < 6000)
    }

    @Test func r5_1_a_fuzzRandomInputs() {
        var rng = SeededGenerator(seed: 0x5EED_0007)
        var failures = 0
        var accepted = 0
        for _ in 0..<4000 {
            let length = Int.random(in: 0...60, using: &rng)
            let bytes = (0..<length).map { _ in Self.alphabet.randomElement(using: &rng) ?? 0x30 }
            let prefix = ["", "https://x/", "urn:epc:tag:sgtin-96:", "urn:epc:id:sgtin:", "CT-", "(", "30"][Int.random(in: 0..<7, using: &rng)]
            if !Self.exercise(prefix + String(decoding: bytes, as: UTF8.self), accepted: &accepted) { failures += 1 }
        }
        do {
            _ = try TraceCode.parse(String(repeating: "9", count: 5000), referenceDate: Self.reference)
            Issue.record("an over-long input was accepted")
        } catch {
            #expect(error.code == .length)
        }
        #expect(failures == 0)
    }
}
