/// The items (rows) of Tables 1–4, each with a stable id `block.item`, in
/// table order.
public enum RecordItem: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    // Table 1, product block
    case productMaterialsComponents = "product.materials_components"
    case productProduction = "product.production"
    case productFeatures = "product.product_features"
    case productCode = "product.product_code"
    // Table 2, transaction block
    case transactionOrder = "transaction.order"
    case transactionCrossBorderCollection = "transaction.cross_border_collection"
    case transactionProductCode = "transaction.product_code"
    // Table 3, logistics block
    case logisticsTally = "logistics.tally"
    case logisticsTransport = "logistics.transport"
    case logisticsWarehousing = "logistics.warehousing"
    case logisticsDelivery = "logistics.delivery"
    case logisticsDeliveryException = "logistics.delivery_exception"
    // Table 4, customs block
    case customsDeclaration = "customs.declaration"
    case customsClearanceStatus = "customs.clearance_status"

    /// The information block whose database holds the item.
    public var block: InformationBlock {
        switch self {
        case .productMaterialsComponents, .productProduction, .productFeatures, .productCode: .product
        case .transactionOrder, .transactionCrossBorderCollection, .transactionProductCode: .transaction
        case .logisticsTally, .logisticsTransport, .logisticsWarehousing, .logisticsDelivery,
             .logisticsDeliveryException: .logistics
        case .customsDeclaration, .customsClearanceStatus: .customs
        }
    }

    /// The payload type carrying the item's data items.
    public var payloadType: any RecordPayload.Type {
        switch self {
        case .productMaterialsComponents: MaterialsComponents.self
        case .productProduction: Production.self
        case .productFeatures: ProductFeatures.self
        case .productCode: ProductCode.self
        case .transactionOrder: Order.self
        case .transactionCrossBorderCollection: CrossBorderCollection.self
        case .transactionProductCode: TransactionProductCode.self
        case .logisticsTally: Tally.self
        case .logisticsTransport: Transport.self
        case .logisticsWarehousing: Warehousing.self
        case .logisticsDelivery: Delivery.self
        case .logisticsDeliveryException: DeliveryException.self
        case .customsDeclaration: Declaration.self
        case .customsClearanceStatus: ClearanceStatusUpdate.self
        }
    }

    /// The field table of the item's `data` object.
    public var dataSpec: ObjectSpec { payloadType.spec }

    /// Position in table order (Table 1 first row … Table 4 last row).
    public var tableOrder: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.tableOrder < rhs.tableOrder }
}

/// The typed data of one record item; `spec` is its field table.
public protocol RecordPayload: Codable, Sendable, Hashable {
    static var item: RecordItem { get }
    static var spec: ObjectSpec { get }
}

/// A reference to a document (certificates and inspection reports of Table 1,
/// vouchers of Table 2, R-6.4.1, R-6.4.2) by its
/// number, with an optional SHA-256 of the file so the file can be checked later.
public struct DocumentRef: Codable, Sendable, Hashable {
    public var number: String
    public var issuer: String?
    public var issuedOn: CalendarDate?
    public var sha256: String?

    public init(number: String, issuer: String? = nil, issuedOn: CalendarDate? = nil, sha256: String? = nil) {
        self.number = number
        self.issuer = issuer
        self.issuedOn = issuedOn
        self.sha256 = sha256
    }

    public static let spec = ObjectSpec([
        .context("number", .text(maxLength: FieldBounds.identifierLength), "document number", required: true),
        .context("issuer", .text(maxLength: FieldBounds.nameLength), "issuing body"),
        .context("issuedOn", .date, "date of issue"),
        .context("sha256", .hex(length: 64), "SHA-256 of the document file, lower-case hex"),
    ])
}

extension FieldKind {
    static let name = FieldKind.text(maxLength: FieldBounds.nameLength)
    static let address = FieldKind.text(maxLength: FieldBounds.addressLength)
    static let identifier = FieldKind.text(maxLength: FieldBounds.identifierLength)
    static let note = FieldKind.text(maxLength: FieldBounds.noteLength)
    static let document = FieldKind.object(DocumentRef.spec)
    static let documents = FieldKind.list(.object(DocumentRef.spec), maxCount: 100)
    static let quantity = FieldKind.integer(minimum: 1, maximum: 1_000_000_000)
    static let shelfLifeDays = FieldKind.integer(minimum: 1, maximum: 36_500)
}
