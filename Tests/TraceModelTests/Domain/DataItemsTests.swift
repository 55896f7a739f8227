import Testing
@testable import TraceModel

/// Every basic and extensible data item of Tables 1–4 (SPEC.md §6.4) has a
/// field of that kind in the item's field table.
@Suite struct DataItemsTests {
    typealias Row = (item: RecordItem, basic: [String], extensible: [String])

    /// Tables 1–4, "basic data items" and "extensible data items", each
    /// phrase of SPEC.md replaced by the field(s) carrying it.
    static let rows: [Row] = [
        // materials / components: main material name, supplier name, address, contact |
        // quality indicators, production/packing date, shelf life/expiry
        (.productMaterialsComponents, ["materialName", "supplierName", "address", "contact"],
         ["qualityIndicators", "productionDate", "packingDate", "shelfLifeDays", "expiryDate"]),
        // production: producer/processor name, country/region, production time | address, contact, production licence
        (.productProduction, ["producerName", "country", "productionTime"], ["address", "contact", "productionLicence"]),
        // product features: brand, model/spec, shelf life/expiry | certificates, certificate of origin, inspection/test reports
        (.productFeatures, ["brand", "modelSpec", "shelfLifeDays", "expiryDate"],
         ["certificates", "certificateOfOrigin", "inspectionReports"]),
        // product code: commodity barcode | batch number
        (.productCode, ["commodityBarcode"], ["batchNumber"]),
        // order: goods name, order time, trading platform, amount, currency, delivery address, consignee, contact | order list
        (.transactionOrder, ["goodsName", "orderTime", "tradingPlatform", "amount", "currency", "deliveryAddress",
                             "consignee", "contact"], ["orderList"]),
        // cross-border collection: goods name, collection time, collected amount, settled (FX) amount,
        // settlement time, currency, payee | collection voucher, settlement voucher
        (.transactionCrossBorderCollection, ["goodsName", "collectionTime", "collectedAmount", "settledAmount",
                                             "settlementCurrency", "settlementTime", "currency", "payee"],
         ["collectionVoucher", "settlementVoucher"]),
        (.transactionProductCode, ["commodityBarcode"], ["batchNumber"]),
        // tally: security-scan information, loading information | —
        (.logisticsTally, ["securityScan", "loading"], []),
        // transport: carrier, mode of transport, origin of transport | shipper, waybill number, destination
        (.logisticsTransport, ["carrier", "transportMode", "origin"], ["shipper", "waybillNumber", "destination"]),
        // warehousing: warehouse name, address, storage mode, time in, time out | temperature and humidity
        (.logisticsWarehousing, ["warehouseName", "address", "storageMode", "timeIn", "timeOut"], ["readings"]),
        // delivery: logistics company name, logistics number | courier, recipient, delivery number, place of receipt, vehicle
        (.logisticsDelivery, ["logisticsCompany", "logisticsNumber"],
         ["courier", "recipient", "deliveryNumber", "placeOfReceipt", "vehicle"]),
        // delivery exception: damage, loss, detention …, reverse logistics (the kinds) | —
        (.logisticsDeliveryException, ["kind"], []),
        // declaration: declaration list, declaration number, departure port, arrival port, declaration date,
        // release date | tax-payment information
        (.customsDeclaration, ["declarationList", "declarationNumber", "departurePort", "arrivalPort",
                               "declarationDate", "releaseDate"], ["taxPayment"]),
        // clearance status: declared, inspected, released, … | —
        (.customsClearanceStatus, ["status"], []),
    ]

    @Test(arguments: rows.map(\.item))
    func r6_4_everyDataItemHasAField(item: RecordItem) throws {
        let row = try #require(Self.rows.first { $0.item == item })
        let fields = item.dataSpec.fields
        #expect(fields.filter { $0.dataItem == .basic }.map(\.name) == row.basic)
        #expect(fields.filter { $0.dataItem == .extensible }.map(\.name) == row.extensible)
        for field in fields where field.dataItem == .extensible || field.dataItem == .context {
            #expect(!field.required, "\(item.rawValue).\(field.name) optional")
        }
    }

    @Test func r6_4_everyItemHasARow() {
        #expect(Self.rows.map(\.item) == RecordItem.allCases)
    }

    @Test func r6_4_3_deliveryExceptionKinds() {
        #expect(DeliveryExceptionKind.allCases.map(\.rawValue) == [
            "damage", "loss", "detentionInDestinationCountry", "disposal", "transferBetweenWarehouses", "rma",
            "return", "reverseLogistics",
        ])
    }

    @Test func r6_4_4_clearanceStatuses() {
        let names = ClearanceStatus.allCases.map(\.rawValue)
        #expect(names.starts(with: ["declared", "inspected"]))
        #expect(Set(["declared", "inspected", "released", "held", "returned", "cleared"]).isSubset(of: Set(names)))
    }

    @Test func r3_traceableUnitsAndModes() {
        #expect(TraceableUnit.allCases.map(\.rawValue) == ["single", "batch"])
        #expect(TraceabilityMode.allCases.map(\.rawValue) == ["fullSupplyChain", "manufacturer", "trader"])
        #expect(Requirement.allCases.map(\.rawValue) == ["required", "optional"])
    }
}
