import Foundation

/// The data of one record: exactly one item of Tables 1–4.
public enum RecordData: Sendable, Hashable {
    case materialsComponents(MaterialsComponents)
    case production(Production)
    case productFeatures(ProductFeatures)
    case productCode(ProductCode)
    case order(Order)
    case crossBorderCollection(CrossBorderCollection)
    case transactionProductCode(TransactionProductCode)
    case tally(Tally)
    case transport(Transport)
    case warehousing(Warehousing)
    case delivery(Delivery)
    case deliveryException(DeliveryException)
    case declaration(Declaration)
    case clearanceStatus(ClearanceStatusUpdate)

    public var item: RecordItem { payload.item }

    /// The typed payload.
    public var payload: any RecordPayload {
        switch self {
        case .materialsComponents(let p): p
        case .production(let p): p
        case .productFeatures(let p): p
        case .productCode(let p): p
        case .order(let p): p
        case .crossBorderCollection(let p): p
        case .transactionProductCode(let p): p
        case .tally(let p): p
        case .transport(let p): p
        case .warehousing(let p): p
        case .delivery(let p): p
        case .deliveryException(let p): p
        case .declaration(let p): p
        case .clearanceStatus(let p): p
        }
    }

    /// Builds typed data from a `data` object already checked against `item.dataSpec`.
    init(item: RecordItem, checked json: Data) throws {
        let d = JSONDecoder()
        switch item {
        case .productMaterialsComponents: self = .materialsComponents(try d.decode(MaterialsComponents.self, from: json))
        case .productProduction: self = .production(try d.decode(Production.self, from: json))
        case .productFeatures: self = .productFeatures(try d.decode(ProductFeatures.self, from: json))
        case .productCode: self = .productCode(try d.decode(ProductCode.self, from: json))
        case .transactionOrder: self = .order(try d.decode(Order.self, from: json))
        case .transactionCrossBorderCollection:
            self = .crossBorderCollection(try d.decode(CrossBorderCollection.self, from: json))
        case .transactionProductCode: self = .transactionProductCode(try d.decode(TransactionProductCode.self, from: json))
        case .logisticsTally: self = .tally(try d.decode(Tally.self, from: json))
        case .logisticsTransport: self = .transport(try d.decode(Transport.self, from: json))
        case .logisticsWarehousing: self = .warehousing(try d.decode(Warehousing.self, from: json))
        case .logisticsDelivery: self = .delivery(try d.decode(Delivery.self, from: json))
        case .logisticsDeliveryException: self = .deliveryException(try d.decode(DeliveryException.self, from: json))
        case .customsDeclaration: self = .declaration(try d.decode(Declaration.self, from: json))
        case .customsClearanceStatus: self = .clearanceStatus(try d.decode(ClearanceStatusUpdate.self, from: json))
        }
    }
}

extension RecordPayload {
    var item: RecordItem { Self.item }
}
