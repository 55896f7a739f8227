import TraceCrypto
import TraceModel

/// The clear and sealed data of the demo's records (Tables 1–4, R-6.4).
struct DemoRecords {
    /// Milliseconds since the epoch of the scenario's start.
    let start: Int64

    /// The RFC 3339 text `hours` after the start, at UTC+08:00 (China) or `offset` minutes.
    func time(_ hours: Int64, offset: Int = 480) -> String {
        TrackTime.timestamp(milliseconds: start + hours * 3_600_000, offsetMinutes: offset)?.description ?? "2026-01-01T00:00:00Z"
    }

    func date(_ hours: Int64) -> String { String(time(hours).prefix(10)) }

    /// Clear data of `item`; the sealed fields come from `secrets`.
    func data(_ item: RecordItem, product: DemoProductSpec) -> [String: CanonicalJSON] {
        switch item {
        case .productMaterialsComponents:
            ["materialName": .string(product.material), "supplierName": .string("Fujian Raw Materials Co."), "address": .string("Fuzhou, Fujian")]
        case .productProduction:
            ["producerName": .string(product.maker), "country": .string("CN"), "productionTime": .string(time(0))]
        case .productFeatures:
            ["brand": .string(product.brand), "modelSpec": .string(product.model), "shelfLifeDays": .integer(1825)]
        case .productCode, .transactionProductCode:
            ["commodityBarcode": .string(product.gtin)]
        case .transactionOrder:
            ["goodsName": .string(product.description), "orderTime": .string(time(24)),
             "tradingPlatform": .string("Global Shop Cross-Border"), "currency": .string("USD")]
        case .transactionCrossBorderCollection:
            ["goodsName": .string(product.description), "collectionTime": .string(time(30)), "settlementCurrency": .string("CNY"),
             "settlementTime": .string(time(40)), "currency": .string("USD"), "payee": .string(product.maker)]
        case .logisticsTally:
            ["securityScan": .object(["result": .string("passed")]), "loading": .object(["packageCount": .integer(2)])]
        case .logisticsTransport:
            ["carrier": .string("COSCO Shipping"), "transportMode": .string("sea"), "origin": .string("Yantian, Shenzhen")]
        case .logisticsWarehousing:
            ["warehouseName": .string("Los Angeles Overseas Warehouse"), "address": .string("1200 Harbor Ave, Long Beach CA"),
             "storageMode": .string("ambient"), "timeIn": .string(time(400, offset: -480)), "timeOut": .string(time(420, offset: -480))]
        case .logisticsDelivery:
            ["logisticsCompany": .string("UPS"), "logisticsNumber": .string("1Z999AA10123456784")]
        case .logisticsDeliveryException:
            ["kind": .string(product.exception?.rawValue ?? DeliveryExceptionKind.damage.rawValue)]
        case .customsDeclaration:
            ["declarationList": .array([.object(["goodsName": .string(product.description), "hsCode": .string(product.hsCode),
                                                 "quantity": .integer(1)])]),
             "declarationNumber": .string("531620260000123456"), "departurePort": .string("Yantian"), "arrivalPort": .string("Los Angeles"),
             "declarationDate": .string(date(60)), "releaseDate": .string(date(80))]
        case .customsClearanceStatus:
            ["status": .string("released")]
        }
    }

    /// Clear values of the sealed fields: fictitious personal and commercial data.
    static let secrets: [String: CanonicalJSON] = [
        "consignee": .string("Alice Demo-Consignee"), "deliveryAddress": .string("221B Demo Street, London NW1 6XE"),
        "contact": .string("+44 20 7946 0000"), "amount": .string("129.90"), "collectedAmount": .string("129.90"), "settledAmount": .string("899.10"),
        "recipient": .string("Alice Demo-Consignee"), "placeOfReceipt": .string("221B Demo Street, London NW1 6XE"),
        "taxPayment": .object(["amount": .string("12.00"), "currency": .string("CNY")]),
    ]
}
