/// Why a `node.toml` was refused: the key (`limits.frame_bytes_max`), the
/// rule, and where in the file, when it came from one (line and column are
/// 1-based; 0 when unknown). Equality is on `code` only (STYLE.md #8).
public struct ConfigError: Error, Hashable, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        /// The file could not be read, or is too large.
        case unreadable
        /// Not TOML of the accepted subset.
        case syntax
        /// A key or table appears twice.
        case duplicateKey
        /// A key or table this version does not define.
        case unknownKey
        /// A required key is absent.
        case missingKey
        /// A value of the wrong TOML type.
        case wrongType
        /// A number outside its bounds.
        case outOfBounds
        /// A value that breaks its rule (an address, a name, a path).
        case invalidValue
    }
    public let code: Code
    public let field: String
    public let rule: String
    public let line: Int
    public let column: Int

    public init(_ code: Code, field: String, rule: String, line: Int = 0, column: Int = 0) {
        self.code = code
        self.field = field
        self.rule = rule
        self.line = line
        self.column = column
    }

    public var description: String {
        let place = line > 0 ? "\(line):\(column): " : ""
        return "node.toml: \(place)\(field): \(rule) (\(code.rawValue))"
    }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
