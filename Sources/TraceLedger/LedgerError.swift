/// Why a ledger input (a transaction, a block, a proof, a stored record) was
/// refused. Equality is on `code` only (STYLE.md #8).
public struct LedgerError: Error, Hashable, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case tooLarge, malformed, missingField, invalidField, unsupportedAlgorithm
        case invalidSignature, wrongChain, storage, corrupted
    }
    public let code: Code
    /// The field or object being checked.
    public let field: String
    /// The rule that was broken, in words.
    public let rule: String

    public init(_ code: Code, field: String, rule: String) {
        self.code = code
        self.field = field
        self.rule = rule
    }

    public var description: String { "ledger: \(code.rawValue) in '\(field)': \(rule)" }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
