/// The ten access-node kinds of the trade chain and the block each writes.
public enum NodeKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// Product block, R-6.2.2 a).
    case manufacturer
    /// Transaction block, R-6.2.2 b).
    case domesticProcurement, tradingPlatform, crossBorderCollection
    /// Logistics block, R-6.2.2 c).
    case pickupConsolidation, tallyPicking, internationalTransport, overseasWarehouse, overseasClearanceDelivery
    /// Customs block, R-6.2.2 d).
    case portClearance

    /// The information block the node kind may write.
    public var informationBlock: InformationBlock {
        switch self {
        case .manufacturer: .product
        case .domesticProcurement, .tradingPlatform, .crossBorderCollection: .transaction
        case .pickupConsolidation, .tallyPicking, .internationalTransport, .overseasWarehouse,
             .overseasClearanceDelivery: .logistics
        case .portClearance: .customs
        }
    }

    /// The node kinds that write `block`, in R-6.2.2's order.
    public static func writers(of block: InformationBlock) -> [NodeKind] {
        allCases.filter { $0.informationBlock == block }
    }

    /// Which participant sub-types may operate the node kind. names the
    /// nodes but not their operators; this mapping is the project's reading of
    /// R-6.1 (docs/model.md). The platform operator and consumers operate no
    /// writing node: Table 5 gives them no information-provider role.
    public var operators: [ParticipantSubtype] {
        switch self {
        case .manufacturer: [.manufacturer]
        case .domesticProcurement: [.eCommerceEnterprise, .tradingEnterprise]
        case .tradingPlatform: [.eCommercePlatform, .eCommerceEnterprise]
        case .crossBorderCollection: [.bank, .thirdPartyPayment]
        case .pickupConsolidation: [.pickup, .internationalLogistics]
        case .tallyPicking: [.sortingWarehousing, .siteOperator]
        case .internationalTransport: [.transport, .internationalLogistics]
        case .overseasWarehouse: [.overseasWarehousingDelivery]
        case .overseasClearanceDelivery: [.overseasClearance, .overseasWarehousingDelivery]
        case .portClearance: [.customsBroker, .siteOperator, .customs]
        }
    }

    /// The participant categories of the operators, in R-6.1's order.
    public var operatorCategories: [ParticipantCategory] {
        ParticipantCategory.allCases.filter { category in operators.contains { $0.category == category } }
    }

    /// Refuses a participant type that may not operate the node kind.
    public func checkOperator(_ type: ParticipantType) throws {
        guard operators.contains(type.subtype) else {
            throw ModelValidationError(.nodeKindNotAllowed, field: "nodeKinds",
                rule: "node kind '\(rawValue)' may be operated only by \(operators.map(\.rawValue).joined(separator: ", ")); "
                    + "'\(type.subtype.rawValue)' is not one of them (R-6.2.2, docs/model.md)")
        }
    }

    /// The node kinds a participant type may operate, in R-6.2.2's order.
    public static func operable(by type: ParticipantType) -> [NodeKind] {
        allCases.filter { $0.operators.contains(type.subtype) }
    }
}

extension InformationBlock {
    /// The record items of the block, in table order (Tables 1–4).
    public var items: [RecordItem] { RecordItem.allCases.filter { $0.block == self } }
}
