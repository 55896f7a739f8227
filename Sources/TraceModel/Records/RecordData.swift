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

    /// Builds typed data from a `data` object already checked against
    /// `item.dataSpec`, decoded straight from the tree (issue 7).
    init(item: RecordItem, checked json: JSONValue) throws {
        try self.init(item: item, reader: JSONValueDecoder(json))
    }

    /// Builds typed data for `item` with `reader`.
    init(item: RecordItem, reader d: some RecordDataReader) throws {
        switch item {
        case .productMaterialsComponents: self = .materialsComponents(try d.read(MaterialsComponents.self))
        case .productProduction: self = .production(try d.read(Production.self))
        case .productFeatures: self = .productFeatures(try d.read(ProductFeatures.self))
        case .productCode: self = .productCode(try d.read(ProductCode.self))
        case .transactionOrder: self = .order(try d.read(Order.self))
        case .transactionCrossBorderCollection:
            self = .crossBorderCollection(try d.read(CrossBorderCollection.self))
        case .transactionProductCode: self = .transactionProductCode(try d.read(TransactionProductCode.self))
        case .logisticsTally: self = .tally(try d.read(Tally.self))
        case .logisticsTransport: self = .transport(try d.read(Transport.self))
        case .logisticsWarehousing: self = .warehousing(try d.read(Warehousing.self))
        case .logisticsDelivery: self = .delivery(try d.read(Delivery.self))
        case .logisticsDeliveryException: self = .deliveryException(try d.read(DeliveryException.self))
        case .customsDeclaration: self = .declaration(try d.read(Declaration.self))
        case .customsClearanceStatus: self = .clearanceStatus(try d.read(ClearanceStatusUpdate.self))
        }
    }
}

/// What reads one item's typed data: `JSONValueDecoder` on the node; tests
/// compare it with `JSONDecoder` reading the same data as text.
protocol RecordDataReader {
    func read<T: Decodable>(_ type: T.Type) throws -> T
}

extension JSONValueDecoder: RecordDataReader {
    func read<T: Decodable>(_ type: T.Type) throws -> T { try T(from: self) }
}

extension RecordPayload {
    var item: RecordItem { Self.item }
}
