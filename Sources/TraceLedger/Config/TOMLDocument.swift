/// A value of the TOML subset `node.toml` uses (TOML 1.0, restricted):
/// basic and literal strings, decimal integers, booleans, arrays of strings.
public enum TOMLValue: Hashable, Sendable {
    case string(String)
    case integer(Int64)
    case bool(Bool)
    case strings([String])

    public var typeName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .bool: return "a boolean"
        case .strings: return "an array of strings"
        }
    }
}

/// One `key = value` with the position of its value.
public struct TOMLEntry: Hashable, Sendable {
    public let key: String
    public let value: TOMLValue
    public let line: Int
    public let column: Int
}

/// A table: the root (name ""), a `[name]` table, or one element of a `[[name]]` array.
public struct TOMLTable: Hashable, Sendable {
    public let name: String
    public let isArrayElement: Bool
    public let line: Int
    public internal(set) var entries: [TOMLEntry]

    public func entry(_ key: String) -> TOMLEntry? { entries.first { $0.key == key } }
}

/// A parsed file: its tables in file order, the root first.
public struct TOMLDocument: Hashable, Sendable {
    public internal(set) var tables: [TOMLTable]

    /// The `[name]` table, if present.
    public func table(_ name: String) -> TOMLTable? { tables.first { $0.name == name && !$0.isArrayElement } }

    /// The elements of the `[[name]]` array, in file order.
    public func arrayTables(_ name: String) -> [TOMLTable] { tables.filter { $0.name == name && $0.isArrayElement } }
}
