import Testing
import TraceModel
import TraceTestSupport

/// R-5.1-a: GS1 element strings, raw and human-readable.
@Suite struct ElementStringTests {
    static let gs = "\u{1D}"
    static let reference = try! CalendarDate("2026-11-27")

    /// Published example (GS1 General Specifications / Digital Link examples):
    /// `(01)09521234543213(10)ABC123<GS>(21)XYZ9` — GS after the variable-length lot.
    @Test func r5_1_a_publishedElementString() throws {
        let elements = [
            GS1Element(ai: "01", value: "09521234543213"), GS1Element(ai: "10", value: "ABC123"),
            GS1Element(ai: "21", value: "XYZ9"),
        ]
        #expect(ElementString.formatBracketed(elements) == "(01)09521234543213(10)ABC123(21)XYZ9")
        #expect(ElementString.formatRaw(elements) == "0109521234543213" + "10ABC123" + Self.gs + "21XYZ9")
        #expect(try ElementString.parse("(01)09521234543213(10)ABC123\(Self.gs)(21)XYZ9") == elements)
        #expect(try ElementString.parse("]C10109521234543213" + "10ABC123" + Self.gs + "21XYZ9") == elements)
        #expect(try ElementString.parse("(01) 09521234543213 (10) ABC123 (21) XYZ9") == elements)
    }

    /// AI 422 is fixed-length but not in the predefined-length table: a separator follows it.
    @Test func r5_1_a_separatorAfter422() throws {
        let elements = [
            GS1Element(ai: "01", value: "09521234543213"), GS1Element(ai: "422", value: "156"),
            GS1Element(ai: "17", value: "261231"),
        ]
        let raw = ElementString.formatRaw(elements)
        #expect(raw == "0109521234543213" + "422156" + Self.gs + "17261231")
        #expect(try ElementString.parse(raw) == elements)
        #expect(throws: TraceCodeError(.separator, field: "countryOfOrigin", rule: "")) {
            try ElementString.parse("0109521234543213" + "42215617261231")
        }
    }

    @Test func r5_1_a_elementStringRejections() {
        #expect(throws: TraceCodeError(.unknownIdentifier, field: "ai", rule: "")) { try ElementString.parse("9912345") }
        #expect(throws: TraceCodeError(.length, field: "lot", rule: "")) {
            try ElementString.parse("0109521234543213" + "10" + String(repeating: "A", count: 21))
        }
        #expect(throws: TraceCodeError(.characterSet, field: "serial", rule: "")) { try ElementString.parse("(21)AB#C") }
        #expect(throws: TraceCodeError(.checkDigit, field: "gtin", rule: "")) { try ElementString.parse("(01)09521234543214") }
        #expect(throws: TraceCodeError(.format, field: "symbologyIdentifier", rule: "")) { try ElementString.parse("]A00109521234543213") }
    }

    /// Property: format then parse gives the elements back, in both forms.
    @Test func r5_1_a_elementStringRoundTrip() throws {
        var rng = SeededGenerator(seed: 0x5EED_0002)
        for _ in 0..<3000 {
            let elements = CodeSamples.elements(reference: Self.reference, using: &rng)
            #expect(try ElementString.parse(ElementString.formatRaw(elements)) == elements)
            let code = try TraceCode(elements: elements, referenceDate: Self.reference)
            #expect(try TraceCode.parse(code.elementString(bracketed: false), referenceDate: Self.reference) == code)
            // Brackets are ambiguous only when a value itself holds "(nn)" of a supported AI.
            if !elements.contains(where: { $0.value.contains("(") }) {
                #expect(try ElementString.parse(ElementString.formatBracketed(elements)) == elements)
            }
        }
    }
}

/// R-5.1-a: dates of AI 11 and 17, GS1 General Specifications 7.12.
@Suite struct GS1DateTests {
    static let reference = try! CalendarDate("2026-11-27")

    @Test func r5_1_a_centuryRule() throws {
        #expect(try GS1Date.parse("261231", field: "expiry", referenceDate: Self.reference).resolved.text == "2026-12-31")
        #expect(try GS1Date.parse("760101", field: "expiry", referenceDate: Self.reference).year == 2076)
        #expect(try GS1Date.parse("770101", field: "expiry", referenceDate: Self.reference).year == 1977)
        #expect(GS1Date.fullYear(twoDigit: 10, referenceYear: 2060) == 2110)
        #expect(GS1Date.fullYear(twoDigit: 11, referenceYear: 2060) == 2011)
        #expect(GS1Date.fullYear(twoDigit: 49, referenceYear: 1999) == 2049)
        #expect(GS1Date.fullYear(twoDigit: 50, referenceYear: 1999) == 1950)
    }

    /// Day 00 stands for the last day of the month, and is kept as 00 when formatted again.
    @Test func r5_1_a_dayZeroIsLastDayOfMonth() throws {
        let february = try GS1Date.parse("260200", field: "expiry", referenceDate: Self.reference)
        #expect(february.day == nil)
        #expect(february.resolved.text == "2026-02-28")
        #expect(february.yymmdd == "260200")
        #expect(try GS1Date.parse("280200", field: "expiry", referenceDate: Self.reference).resolved.text == "2028-02-29")
        #expect(try GS1Date.parse("000200", field: "expiry", referenceDate: Self.reference).resolved.text == "2000-02-29")
    }

    @Test func r5_1_a_impossibleDatesAreRejected() {
        for text in ["261300", "260230", "250229", "26123", "2612AB", "261232"] {
            #expect(throws: TraceCodeError.self) { try GS1Date.parse(text, field: "expiry", referenceDate: Self.reference) }
        }
        #expect(throws: TraceCodeError(.date, field: "expiry", rule: "")) {
            try GS1Date.parse("260230", field: "expiry", referenceDate: Self.reference)
        }
    }
}
