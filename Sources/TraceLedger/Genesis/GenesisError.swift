/// Why a genesis file was refused: the field (a JSON path such as
/// `validators[2].power`) and the rule it breaks. Equality is on `code` only (STYLE.md #8).
public struct GenesisError: Error, Hashable, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        /// Not readable, too large, or not JSON of the accepted kind.
        case malformed
        /// A required member is absent.
        case missingField
        /// A member this version does not define.
        case unknownField
        /// A value of the wrong type or outside its rule.
        case invalidField
        /// A name or key appears twice where it must be unique.
        case duplicateKey
        /// A validator with voting power 0.
        case zeroPower
        /// A key of a scheme the chain's crypto profile does not admit.
        case keyNotAdmitted
        /// A public key whose bytes are not a key of its scheme.
        case invalidKey
        /// A network CA certificate that is not a PEM CA certificate.
        case badPEM
    }
    public let code: Code
    public let field: String
    public let rule: String

    public init(_ code: Code, field: String, rule: String) {
        self.code = code
        self.field = field
        self.rule = rule
    }

    public var description: String { "genesis: \(code.rawValue) in '\(field)': \(rule)" }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
