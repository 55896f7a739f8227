import Testing
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel

/// R-5.1-c, R-6.3.1.3: trace codes are issued by their manufacturer or trader,
/// GS1 keys only by the prefix holder or a licensee, each key unique forever.
@Suite struct TraceIssueTests {
    @Test func r5_1_c_prefixHolderIssuesUnitAndBatch() throws {
        var chain = TraceChain.populated()
        let unit = Sample.unit("A1")
        let receipt = chain.run("issue", Sample.issue(unit), by: Cast.manufacturer)
        #expect(receipt.code == .ok, "\(receipt.detail)")
        let issued = try #require(chain.issued(unit))
        #expect(issued.owner == Cast.manufacturer.id)
        #expect(issued.mode == .manufacturer)
        #expect(issued.unit == .single)
        #expect(issued.recordedItems.isEmpty)
        #expect(chain.run("issue", Sample.issue(Sample.batch("L1"), quantity: 100), by: Cast.manufacturer).code == .ok)
        #expect(chain.issued(Sample.batch("L1"))?.unit == .batch)
        #expect(chain.issued(Sample.batch("L1"))?.quantity == 100)
        #expect(chain.run("issue", Sample.issue(Sample.batch("L2")), by: Cast.manufacturer).code == .invalidPayload)
    }

    /// The element string form of a code is issued under its canonical key.
    @Test func r5_1_a_anyFormIssuesTheCanonicalKey() {
        var chain = TraceChain.populated()
        #expect(chain.run("issue", Sample.issue("(01)\(Cast.gtin)(21)E5"), by: Cast.manufacturer).code == .ok)
        #expect(chain.issued(Sample.unit("E5")) != nil)
        #expect(chain.run("issue", Sample.issue(Sample.unit("E5")), by: Cast.manufacturer).code == .conflict)
    }

    @Test func r5_1_c_keyUniqueForeverEvenForItsOwner() {
        var chain = TraceChain.populated()
        #expect(chain.run("issue", Sample.issue(Sample.unit("D1")), by: Cast.manufacturer).code == .ok)
        for _ in 0..<3 { _ = chain.block([]) }
        let again = chain.run("issue", Sample.issue(Sample.unit("D1"), mode: "trader"), by: Cast.manufacturer)
        #expect(again.code == .conflict)
        #expect(again.detail.hasPrefix("code: "))
        #expect(again.detail.contains("unique on the chain forever"))
        #expect(chain.issued(Sample.unit("D1"))?.mode == .manufacturer)
    }

    @Test func r5_1_c_otherPrefixRefusedUntilLicensed() {
        var chain = TraceChain.populated()
        let foreign = Sample.unit("X1")
        let refused = chain.run("issue", Sample.issue(foreign), by: Cast.otherManufacturer)
        #expect(refused.code == .forbidden)
        #expect(refused.detail.contains("GS1 company prefix"))
        // Only the holder licenses its own prefix.
        let notHolder = chain.run("license", ["licensee": .string(Cast.otherManufacturer.id), "prefix": .string("6901234")],
                                  by: Cast.manufacturer)
        #expect(notHolder.code == .forbidden)
        let licence = chain.run("license", ["licensee": .string(Cast.otherManufacturer.id), "prefix": .string(Cast.prefix)],
                                by: Cast.manufacturer)
        #expect(licence.code == .ok, "\(licence.detail)")
        #expect(chain.run("license", ["licensee": .string(Cast.otherManufacturer.id), "prefix": .string(Cast.prefix)],
                          by: Cast.manufacturer).code == .conflict)
        #expect(chain.run("issue", Sample.issue(foreign), by: Cast.otherManufacturer).code == .ok)
        #expect(chain.issued(foreign)?.owner == Cast.otherManufacturer.id)
    }

    @Test func r6_3_1_3_platformCodeFromAnyVerifiedTrader() throws {
        var chain = TraceChain.populated()
        let code = try PlatformCode(issuer: "XMET", sequence: 7).text
        #expect(chain.run("issue", Sample.issue(code, mode: "trader"), by: Cast.trader).code == .ok)
        #expect(chain.issued(code)?.kind == .platform)
        #expect(chain.run("issue", Sample.issue(code, mode: "trader"), by: Cast.manufacturer).code == .conflict)
        let other = try PlatformCode(issuer: "XMET", sequence: 8).text
        // A platform operator of a trading node sells, it does not make or trade the unit.
        #expect(chain.run("issue", Sample.issue(other), by: Cast.platform).code == .forbidden)
        #expect(chain.run("issue", Sample.issue(other), by: Cast.manufacturer).code == .ok)
    }

    @Test func r6_3_1_3_onlyManufacturersAndTradersIssueUnits() throws {
        var chain = TraceChain.populated()
        let code = try PlatformCode(issuer: "LOGI", sequence: 1).text
        for actor in [Cast.logistics, Cast.broker, Cast.bank, Cast.customs, Cast.holder, Cast.warehouse] {
            let receipt = chain.run("issue", Sample.issue(code), by: actor)
            #expect(receipt.code == .forbidden, "\(actor.id)")
        }
        #expect(chain.run("issue", Sample.issue(code), by: Actor(signer: signer(99), encryption: Cast.manufacturer.encryption,
                                                                 payload: [:])).code == .forbidden)
        #expect(chain.issued(code) == nil)
    }

    @Test func r3_productClassAndMalformedCodesRefused() {
        var chain = TraceChain.populated()
        #expect(chain.run("issue", Sample.issue("https://id.gs1.org/01/\(Cast.gtin)"), by: Cast.manufacturer).code == .invalidPayload)
        #expect(chain.run("issue", Sample.issue("not a code"), by: Cast.manufacturer).code == .invalidPayload)
        #expect(chain.run("issue", Sample.issue(Sample.unit("M1"), mode: "sometimes"), by: Cast.manufacturer).code == .invalidPayload)
        #expect(chain.run("issue", ["code": .string(Sample.unit("M1")), "mode": "trader", "colour": "red"],
                          by: Cast.manufacturer).code == .invalidPayload)
        #expect(chain.run("launch", [:], by: Cast.manufacturer).code == .unknownAction)
    }

    /// A suspended manufacturer issues nothing from the next block (R-6.3.1.2).
    @Test func r6_3_1_2_suspendedIssuerRefused() {
        var chain = TraceChain.populated()
        _ = chain.block([chain.tx("suspend", ["participant": .string(Cast.manufacturer.id), "reason": "audit"], by: verifier,
                                  contract: "membership")])
        let receipt = chain.run("issue", Sample.issue(Sample.unit("S1")), by: Cast.manufacturer)
        #expect(receipt.code == .forbidden)
        #expect(receipt.detail.contains("suspended"))
    }
}
