import TraceCrypto
import TraceModel

/// Why a field is sealed.
public enum Sensitivity: String, Sendable, Codable, CaseIterable, Hashable {
    /// Personal data of a natural person: consignee, address, contact.
    case personal
    /// Commercial data: amounts.
    case commercial
}

/// One field of Tables 1–4 never accepted in clear: it travels as a
/// `SealedValue` wrapped for the record's writer, the unit's owner, the
/// counterparties the record names and the competent regulators below.
public struct SealedFieldRule: Sendable, Hashable {
    public let item: RecordItem
    /// The member of the item's `data` object.
    public let field: String
    public let sensitivity: Sensitivity
    /// Regulator sub-types whose verified participants must be readers.
    public let regulators: [ParticipantSubtype]
}

/// The sealed fields: consignee, delivery address, contact and amounts
/// (issue 6 item 3). docs/privacy.md is generated from this table.
public enum SealedFields {
    public static let table: [SealedFieldRule] = [
        rule(.productMaterialsComponents, "contact", .personal, [.marketSupervision]),
        rule(.productProduction, "contact", .personal, [.marketSupervision]),
        rule(.transactionOrder, "amount", .commercial, [.customs, .tax, .foreignExchange]),
        rule(.transactionOrder, "deliveryAddress", .personal, [.customs, .marketSupervision]),
        rule(.transactionOrder, "consignee", .personal, [.customs, .marketSupervision]),
        rule(.transactionOrder, "contact", .personal, [.customs, .marketSupervision]),
        rule(.transactionCrossBorderCollection, "collectedAmount", .commercial, [.tax, .foreignExchange]),
        rule(.transactionCrossBorderCollection, "settledAmount", .commercial, [.tax, .foreignExchange]),
        rule(.logisticsDelivery, "recipient", .personal, [.customs, .marketSupervision]),
        rule(.logisticsDelivery, "placeOfReceipt", .personal, [.customs, .marketSupervision]),
        rule(.customsDeclaration, "taxPayment", .commercial, [.customs, .tax]),
    ]

    /// The regulators the privacy matrix has a column for.
    public static let regulatorColumns: [ParticipantSubtype] = [.customs, .tax, .foreignExchange, .marketSupervision]

    private static func rule(_ item: RecordItem, _ field: String, _ sensitivity: Sensitivity,
                             _ regulators: [ParticipantSubtype]) -> SealedFieldRule {
        SealedFieldRule(item: item, field: field, sensitivity: sensitivity, regulators: regulators)
    }

    /// The sealed fields of `item`, in table order.
    public static func rules(of item: RecordItem) -> [SealedFieldRule] { table.filter { $0.item == item } }

    public static func rule(_ item: RecordItem, _ field: String) -> SealedFieldRule? {
        table.first { $0.item == item && $0.field == field }
    }

    /// The associated data a sealed field is bound to: it cannot be moved to
    /// another unit, item or field without failing to open.
    public static func associatedData(traceCode: String, item: RecordItem, field: String) -> [UInt8] {
        var writer = CanonicalWriter(domain: "crosstrace/trace/sealed-field/v1\n")
        writer.writeString(traceCode)
        writer.writeString(item.rawValue)
        writer.writeString(field)
        return writer.bytes
    }

    /// The payload form of a sealed field: `{"sealed": "<hex of SealedValue canonical bytes>"}`.
    public static func envelope(_ value: SealedValue) -> CanonicalJSON {
        .object(["sealed": .string(Hex.encode(value.canonicalBytes))])
    }

    /// The sealed value of a payload member, nil when it is not an envelope.
    public static func sealedValue(_ value: CanonicalJSON) -> SealedValue? {
        guard case .object(let members) = value, members.count == 1, case .string(let text)? = members["sealed"],
              text.utf8.count <= 2 * 64 * 1024, let bytes = try? Hex.decode(text) else { return nil }
        return try? SealedValue(canonicalBytes: bytes)
    }

    /// A value of `kind` that passes the field tables, put in place of a
    /// sealed field so the clear members of the record are still checked.
    static func standIn(_ kind: FieldKind) -> JSONValue? {
        switch kind {
        case .text: return .string("sealed")
        case .amount: return .string("0")
        case .currency: return .string("USD")
        case .object(let spec):
            var members: [String: JSONValue] = [:]
            for field in spec.fields where field.required {
                guard let value = standIn(field.kind) else { return nil }
                members[field.name] = value
            }
            return .object(members)
        default: return nil
        }
    }
}
