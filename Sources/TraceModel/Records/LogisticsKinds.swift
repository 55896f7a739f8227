/// Table 3, delivery exception: the kinds of exception the table lists.
public enum DeliveryExceptionKind: String, Sendable, Codable, CaseIterable, Hashable {
    case damage
    case loss
    case detentionInDestinationCountry
    case disposal
    case transferBetweenWarehouses
    /// Return merchandise authorisation.
    case rma
    case `return`
    case reverseLogistics
}

/// Mode of transport of the transport item (Table 3, R-6.4.3).
public enum TransportMode: String, Sendable, Codable, CaseIterable, Hashable {
    case sea, air, rail, road, postal, multimodal
}

/// Storage mode of the warehousing item (Table 3, R-6.4.3).
public enum StorageMode: String, Sendable, Codable, CaseIterable, Hashable {
    case ambient, refrigerated, frozen, humidityControlled, bonded
}

/// Result of the security scan in the tally item (Table 3, R-6.4.3).
public enum SecurityScanResult: String, Sendable, Codable, CaseIterable, Hashable {
    case passed, failed
}

/// Table 4, clearance status. The table names declared, inspected
/// and released and leaves the list open ("…"); the others follow the export
/// clearance flow: `held` (stopped pending a decision), `rejected` (declaration
/// refused, to be corrected), `returned` (goods sent back), `cleared` (clearance
/// completed after release and departure).
public enum ClearanceStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case declared, inspected, held, rejected, released, returned, cleared
}

extension FieldKind {
    static func choice<E: CaseIterable & RawRepresentable>(of _: E.Type) -> FieldKind where E.RawValue == String {
        .choice(E.allCases.map(\.rawValue))
    }
}
