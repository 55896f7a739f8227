import Testing
import TraceModel
import TraceTestSupport

/// R-5.1-b (RFID carrier): SGTIN-96 EPC encoding.
@Suite struct SGTIN96Tests {
    static let reference = try! CalendarDate("2026-11-27")

    /// Published example, GS1 EPC Tag Data Standard: `3074257BF7194E4000001A85` ↔
    /// `urn:epc:tag:sgtin-96:3.0614141.812345.6789` ↔ `urn:epc:id:sgtin:0614141.812345.6789`,
    /// GTIN-14 80614141123458, serial 6789 (filter 3, partition 5).
    @Test func r5_1_b_publishedSGTIN96() throws {
        let fromHex = try SGTIN96(hex: "3074257BF7194E4000001A85")
        #expect(fromHex.tagURI == "urn:epc:tag:sgtin-96:3.0614141.812345.6789")
        #expect(fromHex.pureIdentityURI == "urn:epc:id:sgtin:0614141.812345.6789")
        #expect(fromHex.gtin14 == "80614141123458")
        #expect(fromHex.serial == 6789)
        let fromGTIN = try SGTIN96(gtin14: "80614141123458", serial: "6789", companyPrefixLength: 7, filter: 3)
        #expect(fromGTIN.hex == "3074257BF7194E4000001A85")
        #expect(try SGTIN96(tagURI: "urn:epc:tag:sgtin-96:3.0614141.812345.6789") == fromHex)
        #expect(try SGTIN96(hex: "3074257bf7194e4000001a85") == fromHex)
        let pure = try SGTINPureIdentity("urn:epc:id:sgtin:0614141.812345.6789")
        #expect(pure.gtin14 == "80614141123458")
        #expect(pure.serial == "6789")
    }

    /// One unit, one key: the tag and the Digital Link of the same unit agree.
    @Test func r5_1_a_tagAndQRGiveOneKey() throws {
        let tag = try TraceCode.parse("3074257BF7194E4000001A85", referenceDate: Self.reference)
        let link = try TraceCode.parse("https://id.gs1.org/01/80614141123458/10/LOT1/21/6789?17=270101", referenceDate: Self.reference)
        #expect(tag.key == link.key)
        #expect(tag.key == "https://id.gs1.org/01/80614141123458/21/6789")
        #expect(try link.sgtin96(companyPrefixLength: 7, filter: 3).hex == "3074257BF7194E4000001A85")
        #expect(try tag.sgtin96().tagURI == "urn:epc:tag:sgtin-96:3.0614141.812345.6789")
    }

    @Test func r5_1_b_serialsSGTIN96CannotCarry() throws {
        let gtin = "80614141123458"
        for serial in ["ABC1", "0123", "274877906944", "99999999999999", ""] {
            #expect(throws: TraceCodeError(.serial, field: "serial", rule: "")) {
                try SGTIN96(gtin14: gtin, serial: serial, companyPrefixLength: 7, filter: 3)
            }
        }
        #expect(try SGTIN96(gtin14: gtin, serial: "274877906943", companyPrefixLength: 7, filter: 3).serial == 274_877_906_943)
        #expect(try SGTIN96(gtin14: gtin, serial: "0", companyPrefixLength: 7, filter: 3).serial == 0)
        #expect(throws: TraceCodeError(.partition, field: "companyPrefixLength", rule: "")) {
            try SGTIN96(gtin14: gtin, serial: "1", companyPrefixLength: 5, filter: 3)
        }
        #expect(throws: TraceCodeError(.range, field: "epc.filter", rule: "")) {
            try SGTIN96(gtin14: gtin, serial: "1", companyPrefixLength: 7, filter: 8)
        }
        do {
            _ = try SGTIN96(gtin14: gtin, serial: "0123", companyPrefixLength: 7, filter: 3)
        } catch {
            #expect(error.rule.contains("leading zero"))
        }
    }

    @Test func r5_1_b_badHexIsRejected() {
        #expect(throws: TraceCodeError(.unsupported, field: "epc.header", rule: "")) { try SGTIN96(hex: "3174257BF7194E4000001A85") }
        #expect(throws: TraceCodeError(.unsupported, field: "epc.header", rule: "")) {
            try TraceCode.parse("3174257BF7194E4000001A85", referenceDate: Self.reference)
        }
        #expect(throws: TraceCodeError(.partition, field: "epc.partition", rule: "")) { try SGTIN96(hex: "307C257BF7194E4000001A85") }
        #expect(throws: TraceCodeError(.format, field: "epcHex", rule: "")) { try SGTIN96(hex: "3074257BF7194E4000001A8") }
        // Partition 0: the 4-bit item reference holds 0…15 but only one digit is allowed.
        #expect(throws: TraceCodeError(.range, field: "epc.itemReference", rule: "")) { try SGTIN96(hex: "30600000000003C000000000") }
    }

    /// Property, all seven partitions: GTIN → hex → decode → tag URI → parse agree.
    @Test func r5_1_b_sgtin96RoundTripAllPartitions() throws {
        var rng = SeededGenerator(seed: 0x5EED_0004)
        for round in 0..<3500 {
            let prefixLength = 6 + round % 7
            let gtin = CodeSamples.keyWithCheckDigit(length: 14, using: &rng)
            let serial = String(UInt64.random(in: 0...SGTIN96.serialMax, using: &rng))
            let filter = Int.random(in: 0...7, using: &rng)
            let epc = try SGTIN96(gtin14: gtin, serial: serial, companyPrefixLength: prefixLength, filter: filter)
            let decoded = try SGTIN96(hex: epc.hex)
            #expect(decoded == epc)
            #expect(decoded.gtin14 == gtin)
            #expect(decoded.companyPrefix.count == prefixLength)
            #expect(try SGTIN96(tagURI: decoded.tagURI) == epc)
            let code = try TraceCode.parse(epc.pureIdentityURI, referenceDate: Self.reference)
            #expect(code.gtin == gtin && code.serial == serial)
            #expect(try code.sgtin96(filter: filter).hex == epc.hex)
        }
    }
}
