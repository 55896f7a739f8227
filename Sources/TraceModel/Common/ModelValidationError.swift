import Foundation

/// The one error of the domain model: a value broke a rule of the
/// specification. It names the field (a JSON path such as
/// `$[2].data.amount` where the value came from JSON) and the rule.
/// Equality compares the code only (STYLE.md #8), so tests match on codes.
public struct ModelValidationError: Error, Sendable, CustomStringConvertible, Equatable, LocalizedError {
    /// Stable codes: their raw values never change once published.
    public enum Code: String, Sendable, Codable, CaseIterable {
        case malformedJSON = "malformed_json"
        case tooLarge = "too_large"
        case missingField = "missing_field"
        case unknownField = "unknown_field"
        case wrongType = "wrong_type"
        case empty = "empty"
        case tooLong = "too_long"
        case tooMany = "too_many"
        case outOfRange = "out_of_range"
        case invalidFormat = "invalid_format"
        case invalidTimestamp = "invalid_timestamp"
        case invalidDate = "invalid_date"
        case invalidCountry = "invalid_country"
        case invalidCurrency = "invalid_currency"
        case invalidAmount = "invalid_amount"
        case invalidChoice = "invalid_choice"
        case unknownItem = "unknown_item"
        case inconsistent = "inconsistent"
        case invalidCheckCharacter = "invalid_check_character"
        case roleNotAllowed = "role_not_allowed"
        case subtypeNotInCategory = "subtype_not_in_category"
        case nodeKindNotAllowed = "node_kind_not_allowed"
        case invalidTraceCode = "invalid_trace_code"
        // Aggregation, batch lineage and corrections (R-6.3.1.3, R-5.1-c): docs/aggregation.md.
        case positionNotIncreasing = "position_not_increasing"
        case notAContainer = "not_a_container"
        case notContainable = "not_containable"
        case alreadyContained = "already_contained"
        case containmentCycle = "containment_cycle"
        case notContained = "not_contained"
        case tooDeep = "too_deep"
        case duplicateKey = "duplicate_key"
        case notABatch = "not_a_batch"
        case unknownKey = "unknown_key"
        case differentProduct = "different_product"
        case overQuantity = "over_quantity"
        case unknownRecord = "unknown_record"
        case futureRecord = "future_record"
        case alreadySuperseded = "already_superseded"
        case correctionMismatch = "correction_mismatch"
    }

    public let code: Code
    /// The field or JSON path the rule applies to.
    public let field: String
    /// What the rule says, in words a user can act on.
    public let rule: String

    public init(_ code: Code, field: String, rule: String) {
        self.code = code
        self.field = field
        self.rule = rule
    }

    public var description: String { "\(field): \(rule) [\(code.rawValue)]" }

    public var errorDescription: String? { description }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
}
