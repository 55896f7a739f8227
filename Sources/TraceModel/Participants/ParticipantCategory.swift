/// The six participant categories a)–f) of.
public enum ParticipantCategory: String, Sendable, Codable, CaseIterable, Hashable {
    /// a) trade entities.
    case tradeEntity
    /// b) logistics enterprises.
    case logistics
    /// c) financial institutions.
    case financial
    /// d) regulators.
    case regulator
    /// e) consumers and other enterprises or bodies holding a trace code (queriers).
    case consumerOrOther
    /// f) the comprehensive service platform operator.
    case platformOperator

    /// The sub-types lists for the category, in the clause's order.
    public var subtypes: [ParticipantSubtype] {
        ParticipantSubtype.allCases.filter { $0.category == self }
    }
}

/// The sub-types lists under each category.
public enum ParticipantSubtype: String, Sendable, Codable, CaseIterable, Hashable {
    // a) trade entities
    case endConsumer, eCommercePlatform, eCommerceEnterprise, manufacturer, tradingEnterprise
    // b) logistics enterprises
    case pickup, transport, sortingWarehousing, customsBroker
    /// Airport, port or customs-supervised-site operator.
    case siteOperator
    case internationalLogistics, overseasClearance, overseasWarehousingDelivery
    // c) financial institutions
    case bank, thirdPartyPayment, insurer, supplyChainFinance, otherFinancial
    // d) regulators
    case commerce, customs, foreignExchange, tax, portOffice, marketSupervision
    // e) consumers and other trace-code holders
    case consumer, otherTraceCodeHolder
    // f) platform operator
    case platformOperator

    /// The category the sub-type belongs to.
    public var category: ParticipantCategory {
        switch self {
        case .endConsumer, .eCommercePlatform, .eCommerceEnterprise, .manufacturer, .tradingEnterprise: .tradeEntity
        case .pickup, .transport, .sortingWarehousing, .customsBroker, .siteOperator, .internationalLogistics,
             .overseasClearance, .overseasWarehousingDelivery: .logistics
        case .bank, .thirdPartyPayment, .insurer, .supplyChainFinance, .otherFinancial: .financial
        case .commerce, .customs, .foreignExchange, .tax, .portOffice, .marketSupervision: .regulator
        case .consumer, .otherTraceCodeHolder: .consumerOrOther
        case .platformOperator: .platformOperator
        }
    }
}

/// A participant's classification on joining (R-6.3.1.2): its category and
/// a sub-type that belongs to it.
public struct ParticipantType: Sendable, Codable, Hashable {
    public let category: ParticipantCategory
    public let subtype: ParticipantSubtype

    public init(category: ParticipantCategory, subtype: ParticipantSubtype) throws {
        guard subtype.category == category else {
            throw ModelValidationError(.subtypeNotInCategory, field: "subtype",
                rule: "sub-type '\(subtype.rawValue)' belongs to '\(subtype.category.rawValue)', not '\(category.rawValue)' (R-6.1)")
        }
        self.category = category
        self.subtype = subtype
    }

    /// The type of a sub-type (its category is implied).
    public init(_ subtype: ParticipantSubtype) {
        self.category = subtype.category
        self.subtype = subtype
    }

    private enum Key: String, CodingKey { case category, subtype }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        try self.init(category: try c.decode(ParticipantCategory.self, forKey: .category),
                      subtype: try c.decode(ParticipantSubtype.self, forKey: .subtype))
    }
}
