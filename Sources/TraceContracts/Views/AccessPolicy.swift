import TraceModel

/// How one field of Tables 1–4 appears in a view (docs/privacy.md).
public enum FieldAccess: String, Sendable, Codable, CaseIterable, Hashable {
    /// Shown as recorded.
    case clear
    /// Sealed: opened only for a reader named in its envelope who
    /// gives its decryption key; everyone else sees that it is sealed, no more.
    case sealedReader
    /// Sealed, and the viewer is always one of its required readers.
    case sealedRequiredReader
    /// Not in the view.
    case hidden
}

/// Who asks for a trace, as the views see it.
public enum TraceAudience: Sendable, Hashable {
    /// A consumer holding the code: product, milestones, verification.
    case consumer
    /// A participant operating these node kinds with these Table 5 roles.
    case participant(nodeKinds: [NodeKind], roles: [Role])
    /// A regulator of this sub-type.
    case regulator(ParticipantSubtype)
}

/// The code tables the views and docs/privacy.md both use (issue 6 item 3, R-5.3.4, Table 5).
public enum AccessPolicy {
    /// Fields a consumer sees: the product, its milestones, and what verifies them.
    public static let publicFields: [RecordItem: [String]] = [
        .productMaterialsComponents: ["materialName"],
        .productProduction: ["producerName", "country", "productionTime"],
        .productFeatures: ["brand", "modelSpec", "shelfLifeDays", "expiryDate", "certificates", "certificateOfOrigin",
                           "inspectionReports"],
        .productCode: ["commodityBarcode", "batchNumber"],
        .transactionOrder: ["goodsName", "orderTime", "tradingPlatform"],
        .transactionCrossBorderCollection: [],
        .transactionProductCode: ["commodityBarcode", "batchNumber"],
        .logisticsTally: [],
        .logisticsTransport: ["carrier", "transportMode"],
        .logisticsWarehousing: ["storageMode", "timeIn", "timeOut"],
        .logisticsDelivery: ["logisticsCompany"],
        .logisticsDeliveryException: ["kind", "occurredAt"],
        .customsDeclaration: ["departurePort", "arrivalPort", "declarationDate", "releaseDate"],
        .customsClearanceStatus: ["status"],
    ]

    /// The blocks a regulator's authority covers.
    public static func coverage(of regulator: ParticipantSubtype) -> [InformationBlock] {
        switch regulator {
        case .customs: [.product, .transaction, .logistics, .customs]
        case .tax: [.transaction, .customs]
        case .foreignExchange: [.transaction]
        case .marketSupervision: [.product, .transaction, .logistics]
        case .commerce, .portOffice: [.transaction, .logistics, .customs]
        default: []
        }
    }

    /// The blocks a participant sees in full (clear fields): those its node
    /// kinds write; a trace service provider (Table 5, R-7.4) serves all four.
    public static func blocks(nodeKinds: [NodeKind], roles: [Role]) -> [InformationBlock] {
        if roles.contains(.traceServiceProvider) { return InformationBlock.allCases }
        return InformationBlock.allCases.filter { block in nodeKinds.contains { $0.informationBlock == block } }
    }

    /// How `field` of `item` appears to `audience`.
    public static func access(_ item: RecordItem, _ field: String, for audience: TraceAudience) -> FieldAccess {
        let isPublic = publicFields[item]?.contains(field) ?? false
        if let rule = SealedFields.rule(item, field) {
            switch audience {
            case .consumer: return .hidden
            case .participant: return .sealedReader
            case .regulator(let subtype): return rule.regulators.contains(subtype) ? .sealedRequiredReader : .sealedReader
            }
        }
        switch audience {
        case .consumer:
            return isPublic ? .clear : .hidden
        case .participant(let kinds, let roles):
            return isPublic || blocks(nodeKinds: kinds, roles: roles).contains(item.block) ? .clear : .hidden
        case .regulator(let subtype):
            return isPublic || coverage(of: subtype).contains(item.block) ? .clear : .hidden
        }
    }

    /// Whether `audience` sees route fixes: never the consumer, whose
    /// last-mile fixes would show a delivery address.
    public static func seesRoute(_ audience: TraceAudience) -> Bool {
        if case .consumer = audience { return false }
        return true
    }
}
