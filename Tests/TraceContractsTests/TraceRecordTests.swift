import Testing
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel

/// Table 5, R-6.4: records of the four blocks only from
/// verified participants whose node kind writes the block; refusals are receipts.
@Suite struct TraceRecordTests {
    /// A verified writer for every node kind of.
    static let writers: [NodeKind: Actor] = [
        .manufacturer: Cast.manufacturer, .domesticProcurement: Cast.trader, .tradingPlatform: Cast.platform,
        .crossBorderCollection: Cast.bank, .pickupConsolidation: Cast.logistics, .tallyPicking: Cast.tally,
        .internationalTransport: Cast.logistics, .overseasWarehouse: Cast.warehouse,
        .overseasClearanceDelivery: Cast.warehouse, .portClearance: Cast.broker,
    ]

    static func payload(_ item: RecordItem, code: String, writer: Actor) -> [String: CanonicalJSON] {
        Sample.record(item, code: code, data: Sample.sealedData(item, code: code, readers: Sample.readers(writer: writer)))
    }

    @Test func r6_2_2_everyItemFromEveryAllowedKind() {
        var chain = TraceChain.populated()
        let code = Sample.unit("R1")
        #expect(chain.run("issue", Sample.issue(code, mode: "fullSupplyChain"), by: Cast.manufacturer).code == .ok)
        for kind in NodeKind.allCases {
            guard let writer = Self.writers[kind] else { Issue.record("no writer for \(kind)"); continue }
            for item in kind.informationBlock.items {
                let receipt = chain.run("record", Self.payload(item, code: code, writer: writer), by: writer)
                #expect(receipt.code == .ok, "\(kind) \(item): \(receipt.detail)")
            }
        }
        let issued = chain.issued(code)
        #expect(issued?.recordedItems == RecordItem.allCases)
        #expect(issued?.completeness.complete == true)
    }

    @Test func r6_2_2_everyForbiddenKindBlockPairRefused() {
        var chain = TraceChain.populated()
        let code = Sample.unit("R2")
        #expect(chain.run("issue", Sample.issue(code), by: Cast.manufacturer).code == .ok)
        var refusals = 0
        for (kind, writer) in Self.writers.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let participant = chain.participant(writer)
            for block in InformationBlock.allCases where !(participant?.nodeKinds.contains { $0.informationBlock == block } ?? false) {
                let item = block.items[0]
                let receipt = chain.run("record", Self.payload(item, code: code, writer: writer), by: writer)
                #expect(receipt.code == .forbidden, "\(kind) → \(block)")
                #expect(receipt.detail.hasPrefix("signer: nodeKindNotVerified"), "\(receipt.detail)")
                refusals += 1
            }
        }
        #expect(refusals > 0)
        #expect(chain.issued(code)?.recordedItems == [])
        #expect(chain.index(of: code)?.entries.count == 1)
    }

    /// Table 5: regulators, consumers and other holders hold no information-provider
    /// role and operate no node, so they write no block.
    @Test func r7_3_rolesWithoutInformationProviderWriteNothing() {
        var chain = TraceChain.populated()
        let code = Sample.unit("R3")
        #expect(chain.run("issue", Sample.issue(code), by: Cast.manufacturer).code == .ok)
        for actor in Cast.regulators + [Cast.holder] {
            for block in InformationBlock.allCases {
                let receipt = chain.run("record", Self.payload(block.items[0], code: code, writer: actor), by: actor)
                #expect(receipt.code == .forbidden)
            }
        }
        let stranger = Actor(signer: signer(98), encryption: Cast.holder.encryption, payload: [:])
        let receipt = chain.run("record", Self.payload(.productProduction, code: code, writer: stranger), by: stranger)
        #expect(receipt.code == .forbidden)
        #expect(receipt.detail.hasPrefix("signer: notRegistered"))
    }

    @Test func r6_3_1_3_recordNeedsAnIssuedCodeAndValidData() {
        var chain = TraceChain.populated()
        let missing = chain.run("record", Self.payload(.productProduction, code: Sample.unit("NONE"), writer: Cast.manufacturer),
                                by: Cast.manufacturer)
        #expect(missing.code == .notFound)
        #expect(missing.detail.hasPrefix("record.traceCode: "))
        let code = Sample.unit("R4")
        #expect(chain.run("issue", Sample.issue(code), by: Cast.manufacturer).code == .ok)
        var data = Sample.data(.productProduction)
        data["country"] = "Atlantis"
        let bad = chain.run("record", Sample.record(.productProduction, code: code, data: data), by: Cast.manufacturer)
        #expect(bad.code == .invalidPayload)
        #expect(bad.detail.hasPrefix("record.data.country"), "\(bad.detail)")
        let unknown = chain.run("record", Sample.record(.productProduction, code: code, data: Sample.data(.productProduction))
            .merging(["extra": "x"]) { $1 }, by: Cast.manufacturer)
        #expect(unknown.code == .invalidPayload)
    }

    /// Completeness is kept current as records arrive.
    @Test func r6_4_completenessUpdatedByEachRecord() {
        var chain = TraceChain.populated()
        let code = Sample.unit("R5")
        #expect(chain.run("issue", Sample.issue(code, mode: "trader"), by: Cast.manufacturer).code == .ok)
        let required = RecordItem.required(in: .trader).filter { !$0.isEventDriven }
        #expect(chain.issued(code)?.completeness.missing == required)
        #expect(chain.run("record", Self.payload(.productFeatures, code: code, writer: Cast.manufacturer), by: Cast.manufacturer).code == .ok)
        #expect(chain.issued(code)?.completeness.present == [.productFeatures])
        #expect(chain.issued(code)?.completeness.missing == required.filter { $0 != .productFeatures })
        #expect(chain.issued(code)?.completeness.complete == false)
    }
}
