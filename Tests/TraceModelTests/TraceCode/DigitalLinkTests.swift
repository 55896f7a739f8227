import Testing
import TraceModel
import TraceTestSupport

/// R-5.1-a, R-5.1-b: GS1 Digital Link URIs (the QR code's content).
@Suite struct DigitalLinkTests {
    static let reference = try! CalendarDate("2026-11-27")

    /// Published example (GS1 Digital Link Standard 1.2 examples):
    /// `https://id.gs1.org/01/09521234543213/10/ABC123/21/XYZ9?17=261231`.
    @Test func r5_1_a_publishedDigitalLink() throws {
        let uri = "https://id.gs1.org/01/09521234543213/10/ABC123/21/XYZ9?17=261231"
        let elements = try DigitalLink.parse(uri)
        #expect(elements == [
            GS1Element(ai: "01", value: "09521234543213"), GS1Element(ai: "10", value: "ABC123"),
            GS1Element(ai: "21", value: "XYZ9"), GS1Element(ai: "17", value: "261231"),
        ])
        #expect(DigitalLink.format(elements) == uri)
        let code = try TraceCode.parse(uri, referenceDate: Self.reference)
        #expect(code.kind == .serialisedUnit)
        #expect(code.key == "https://id.gs1.org/01/09521234543213/21/XYZ9")
        #expect(code.expiry?.resolved.text == "2026-12-31")
        #expect(try code.digitalLink() == uri)
        #expect(try code.elementString() == "(01)09521234543213(17)261231(10)ABC123(21)XYZ9")
    }

    /// Any domain and path prefix; short GTINs normalised; resolver parameters ignored.
    @Test func r5_1_a_anyDomainAndPrefix() throws {
        let uri = "https://brand.example.com/shop/products/01/9521234543213/10/L%2F7?linkType=gs1:pip&17=270600"
        let code = try TraceCode.parse(uri, referenceDate: Self.reference)
        #expect(code.kind == .batch)
        #expect(code.gtin == "09521234543213")
        #expect(code.lot == "L/7")
        #expect(code.key == "https://id.gs1.org/01/09521234543213/10/L%2F7")
        #expect(code.expiry?.resolved.text == "2027-06-30")
        #expect(try code.digitalLink(domain: "https://brand.example.com/shop/") ==
            "https://brand.example.com/shop/01/09521234543213/10/L%2F7?17=270600")
        let sscc = try TraceCode.parse("http://example.org/00/106141412345678908", referenceDate: Self.reference)
        #expect(sscc.key == "https://id.gs1.org/00/106141412345678908")
        let gln = try TraceCode.parse("https://example.org/414/0614141123452/254/5678", referenceDate: Self.reference)
        #expect(gln.kind == .gln)
        #expect(gln.key == "https://id.gs1.org/414/0614141123452/254/5678")
    }

    @Test func r5_1_a_qualifierOrderAndPlacement() {
        let base = "https://id.gs1.org/01/09521234543213"
        #expect(throws: TraceCodeError(.order, field: "lot", rule: "")) { try DigitalLink.parse(base + "/21/XYZ9/10/ABC") }
        #expect(throws: TraceCodeError(.order, field: "lot", rule: "")) { try DigitalLink.parse(base + "/22/A/21/B/10/C") }
        #expect(throws: TraceCodeError(.combination, field: "expiry", rule: "")) { try DigitalLink.parse(base + "/17/261231") }
        #expect(throws: TraceCodeError(.combination, field: "lot", rule: "")) { try DigitalLink.parse(base + "?10=ABC") }
        #expect(throws: TraceCodeError(.duplicate, field: "expiry", rule: "")) { try DigitalLink.parse(base + "?17=261231&17=261231") }
        #expect(throws: TraceCodeError(.format, field: "digitalLink", rule: "")) { try DigitalLink.parse("https://id.gs1.org/") }
        #expect(throws: TraceCodeError(.format, field: "digitalLink", rule: "")) { try DigitalLink.parse("ftp://id.gs1.org/01/09521234543213") }
        #expect(throws: TraceCodeError(.format, field: "lot", rule: "")) { try DigitalLink.parse(base + "/10/A%4") }
    }

    /// Property: format then parse gives the code back; percent-encoding covers all of set 82.
    @Test func r5_1_a_digitalLinkRoundTrip() throws {
        var rng = SeededGenerator(seed: 0x5EED_0003)
        for _ in 0..<3000 {
            let code = try TraceCode(elements: CodeSamples.elements(reference: Self.reference, using: &rng), referenceDate: Self.reference)
            let uri = try code.digitalLink()
            #expect(try TraceCode.parse(uri, referenceDate: Self.reference) == code)
            #expect(try TraceCode.parse(code.key, referenceDate: Self.reference).key == code.key)
        }
    }
}
