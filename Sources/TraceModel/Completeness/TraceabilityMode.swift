/// The three traceability modes of clause 3: how far upstream a
/// product is traced, which decides the required items of Tables 1–4.
public enum TraceabilityMode: String, Sendable, Codable, CaseIterable, Hashable {
    /// Full supply chain traceability: back to the main origin / main raw materials (column F).
    case fullSupplyChain
    /// Manufacturer traceability: back to the manufacturer (column M).
    case manufacturer
    /// Trader traceability: back to the trader (column T).
    case trader
}

/// "req" / "opt" in the F/M/T columns of Tables 1–4.
public enum Requirement: String, Sendable, Codable, CaseIterable, Hashable {
    case required
    case optional
}

/// A traceable unit: a single product, or a batch of the same product.
public enum TraceableUnit: String, Sendable, Codable, CaseIterable, Hashable {
    case single
    case batch
}

extension RecordItem {
    /// Tables 1–4, columns F, M, T, row by row exactly as SPEC.md §6.4 gives them.
    public static let requirementTable: [(item: RecordItem, full: Requirement, manufacturer: Requirement, trader: Requirement)] = [
        // Table 1
        (.productMaterialsComponents, .optional, .optional, .optional),
        (.productProduction, .required, .required, .optional),
        (.productFeatures, .required, .required, .required),
        (.productCode, .optional, .optional, .optional),
        // Table 2
        (.transactionOrder, .required, .required, .optional),
        (.transactionCrossBorderCollection, .required, .optional, .optional),
        (.transactionProductCode, .required, .required, .required),
        // Table 3
        (.logisticsTally, .required, .required, .required),
        (.logisticsTransport, .required, .required, .required),
        (.logisticsWarehousing, .required, .required, .required),
        (.logisticsDelivery, .required, .required, .required),
        (.logisticsDeliveryException, .required, .required, .required),
        // Table 4
        (.customsDeclaration, .required, .required, .required),
        (.customsClearanceStatus, .required, .required, .required),
    ]

    /// Whether the item must be collected under `mode`.
    public func requirement(in mode: TraceabilityMode) -> Requirement {
        guard let row = Self.requirementTable.first(where: { $0.item == self }) else {
            preconditionFailure("every item has a row in Tables 1–4")
        }
        switch mode {
        case .fullSupplyChain: return row.full
        case .manufacturer: return row.manufacturer
        case .trader: return row.trader
        }
    }

    /// The items `mode` requires, in table order.
    public static func required(in mode: TraceabilityMode) -> [RecordItem] {
        allCases.filter { $0.requirement(in: mode) == .required }
    }

    /// Items recorded only when their event happens: a delivery exception
    /// (Table 3, R-6.4.3). Required when it occurs, never missing otherwise.
    public var isEventDriven: Bool { self == .logisticsDeliveryException }
}
