import Foundation
import Testing
@testable import TraceModel

/// Completeness of a traceable unit's records per traceability mode (R-3, Tables 1–4).
@Suite struct CompletenessTests {
    static func records(_ items: [RecordItem]) throws -> [Record] {
        try items.map { try RecordExamples.decode(RecordExamples.minimal($0)) }
    }

    @Test(arguments: TraceabilityMode.allCases)
    func r6_4_allItemsMakeEveryModeComplete(mode: TraceabilityMode) throws {
        let report = Completeness.evaluate(records: try Self.records(RecordItem.allCases), mode: mode)
        #expect(report.complete)
        #expect(report.missing.isEmpty)
        #expect(report.present == RecordItem.required(in: mode))
    }

    @Test(arguments: TraceabilityMode.allCases)
    func r6_4_noRecordsMissEverythingRequired(mode: TraceabilityMode) {
        let report = Completeness.evaluate(records: [], mode: mode)
        #expect(!report.complete)
        #expect(report.missing == RecordItem.required(in: mode).filter { !$0.isEventDriven })
        #expect(report.present.isEmpty)
    }

    /// R-6.4.3: a unit delivered without an exception is complete without a
    /// delivery-exception record; when one is recorded it counts as present.
    @Test(arguments: TraceabilityMode.allCases)
    func r6_4_3_deliveryExceptionIsRequiredOnlyWhenItHappens(mode: TraceabilityMode) throws {
        let withoutException = RecordItem.required(in: mode).filter { $0 != .logisticsDeliveryException }
        let report = Completeness.evaluate(records: try Self.records(withoutException), mode: mode)
        #expect(report.complete)
        #expect(!report.present.contains(.logisticsDeliveryException))
        let withException = try Self.records(RecordItem.required(in: mode))
        #expect(Completeness.evaluate(records: withException, mode: mode).present.contains(.logisticsDeliveryException))
    }

    @Test func r6_4_requiredItemCountsPerMode() {
        #expect(RecordItem.required(in: .fullSupplyChain).count == 12)
        #expect(RecordItem.required(in: .manufacturer).count == 11)
        #expect(RecordItem.required(in: .trader).count == 9)
    }

    /// Trader traceability needs no production, order or collection record
    /// (Tables 1–2, column T), but full supply chain does.
    @Test func r3_traderVersusFullSupplyChain() throws {
        let traderItems = RecordItem.required(in: .trader)
        let records = try Self.records(traderItems + [.productMaterialsComponents])
        #expect(Completeness.evaluate(records: records, mode: .trader).complete)
        let full = Completeness.evaluate(records: records, mode: .fullSupplyChain)
        #expect(full.missing == [.productProduction, .transactionOrder, .transactionCrossBorderCollection])
        let manufacturer = Completeness.evaluate(records: records, mode: .manufacturer)
        #expect(manufacturer.missing == [.productProduction, .transactionOrder])
    }

    @Test func r3_duplicatesAndOrderDoNotMatter() throws {
        let items = RecordItem.required(in: .manufacturer)
        let records = try Self.records(items.reversed() + items)
        let report = Completeness.evaluate(records: records, mode: .manufacturer)
        #expect(report.complete)
        #expect(report.present == items)
    }

    @Test func r3_reportEncodesWithStableKeys() throws {
        let report = Completeness.evaluate(records: try Self.records([.customsDeclaration]), mode: .trader)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(report), as: UTF8.self)
        #expect(text.hasPrefix(#"{"complete":false,"missing":["product.product_features","#))
        #expect(text.hasSuffix(#""mode":"trader","present":["customs.declaration"]}"#))
    }
}
