/// Why a trace code (R-5.1-a) was rejected: a stable code, the field it concerns
/// and the rule it broke. Equality compares the code only (STYLE.md #8).
public struct TraceCodeError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Stable reasons; the raw values (snake_case, like `ModelValidationError`'s) are part of
    /// the CLI's output.
    public enum Code: String, Sendable, CaseIterable {
        case checkDigit = "check_digit"
        case length
        case characterSet = "character_set"
        case format
        case unknownIdentifier = "unknown_identifier"
        case date
        case order
        case duplicate
        case combination
        case separator
        case range
        case partition
        case serial
        case unsupported
    }

    public let code: Code
    /// The field concerned, e.g. `gtin`, `lot`, `epc.header`.
    public let field: String
    /// The rule broken, in words, e.g. "check digit 4 is wrong, expected 3 (GS1 mod-10)".
    public let rule: String

    public init(_ code: Code, field: String, rule: String) {
        self.code = code
        self.field = field
        self.rule = rule
    }

    public var description: String { "\(field): \(rule)" }

    public static func == (lhs: TraceCodeError, rhs: TraceCodeError) -> Bool { lhs.code == rhs.code }
}

/// Inputs longer than this are refused before any parsing (STYLE.md #11).
let traceCodeInputBytesMax = 1024
