import Testing
import TraceModel

/// R-5.1-a: one TraceCode over all forms, with one canonical key.
@Suite struct TraceCodeTests {
    static let reference = try! CalendarDate("2026-11-27")
    static let gs = "\u{1D}"

    /// The published element string and Digital Link (GS1 Digital Link Standard 1.2 examples)
    /// describe the same unit: every form gives one key.
    @Test func r5_1_a_everyFormGivesOneKey() throws {
        let forms = [
            "(01)09521234543213(10)ABC123(21)XYZ9",
            "(01)09521234543213(10)ABC123\(Self.gs)(21)XYZ9",
            "0109521234543213" + "10ABC123" + Self.gs + "21XYZ9",
            "]Q30109521234543213" + "10ABC123" + Self.gs + "21XYZ9\n",
            "https://id.gs1.org/01/09521234543213/10/ABC123/21/XYZ9?17=261231",
            "https://example.com/01/09521234543213/21/XYZ9",
        ]
        for form in forms {
            let code = try TraceCode.parse(form, referenceDate: Self.reference)
            #expect(code.key == "https://id.gs1.org/01/09521234543213/21/XYZ9")
            #expect(code.kind == .serialisedUnit)
            #expect(code.serial == "XYZ9")
        }
    }

    @Test func r5_1_a_keysByKind() throws {
        let parse = { (text: String) throws(TraceCodeError) -> TraceCode in try TraceCode.parse(text, referenceDate: Self.reference) }
        #expect(try parse("(01)09521234543213(10)ABC123(17)261231").key == "https://id.gs1.org/01/09521234543213/10/ABC123")
        #expect(try parse("(01)09521234543213(10)ABC123").kind == .batch)
        #expect(try parse("(01)09521234543213(17)261231").key == "https://id.gs1.org/01/09521234543213")
        #expect(try parse("(01)09521234543213").kind == .gtin)
        #expect(try parse("(00)106141412345678908").key == "https://id.gs1.org/00/106141412345678908")
        #expect(try parse("(414)0614141123452").key == "https://id.gs1.org/414/0614141123452")
        #expect(try parse("(01)09521234543213(21)A/B").key == "https://id.gs1.org/01/09521234543213/21/A%2FB")
    }

    @Test func r5_1_a_combinationsAreChecked() {
        let parse = { (text: String) throws(TraceCodeError) -> TraceCode in try TraceCode.parse(text, referenceDate: Self.reference) }
        #expect(throws: TraceCodeError(.combination, field: "primaryKey", rule: "")) { try parse("(10)ABC") }
        #expect(throws: TraceCodeError(.combination, field: "primaryKey", rule: "")) { try parse("(01)09521234543213(00)106141412345678908") }
        #expect(throws: TraceCodeError(.combination, field: "lot", rule: "")) { try parse("(00)106141412345678908(10)ABC") }
        #expect(throws: TraceCodeError(.duplicate, field: "lot", rule: "")) { try parse("(01)09521234543213(10)A(10)B") }
        #expect(throws: TraceCodeError(.format, field: "code", rule: "")) { try parse("   ") }
    }

    @Test func r5_1_a_conversions() throws {
        let code = try TraceCode.parse("(01)80614141123458(17)270200(21)6789", referenceDate: Self.reference)
        #expect(try code.elementString() == "(01)80614141123458(17)270200(21)6789")
        #expect(try code.elementString(bracketed: false) == "018061414112345817270200216789")
        #expect(try code.digitalLink() == "https://id.gs1.org/01/80614141123458/21/6789?17=270200")
        #expect(code.expiry?.resolved.text == "2027-02-28")
        #expect(try code.sgtinPureIdentity(companyPrefixLength: 7).uri == "urn:epc:id:sgtin:0614141.812345.6789")
        #expect(try code.epcURI(companyPrefixLength: 7) == "urn:epc:id:sgtin:0614141.812345.6789")
        #expect(try code.epcURI(companyPrefixLength: 7, filter: 3) == "urn:epc:tag:sgtin-96:3.0614141.812345.6789")
        #expect(try code.epcHex(companyPrefixLength: 7, filter: 3) == "3074257BF7194E4000001A85")
        #expect(throws: TraceCodeError(.partition, field: "companyPrefixLength", rule: "")) { try code.sgtin96(filter: 3) }
        let batch = try TraceCode(gtin: "9521234543213", lot: "ABC123")
        #expect(throws: TraceCodeError(.unsupported, field: "epc", rule: "")) { try batch.sgtin96(companyPrefixLength: 7, filter: 1) }
    }
}
