import Foundation

/// A parsed JSON value, so records can be checked field by field with JSON
/// paths in the errors before they become typed values.
///
/// Not `indirect`: arrays and dictionaries already hold their elements out of
/// line, so a string or number needs no box of its own (issue 7).
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Largest JSON document the model reads (records files, one record).
    public static let bytesMax = 16 * 1024 * 1024

    /// Parses `data`; syntax errors and oversize inputs are `ModelValidationError`s at `$`.
    public static func parse(_ data: Data) throws -> JSONValue {
        guard data.count <= bytesMax else {
            throw ModelValidationError(.tooLarge, field: "$", rule: "a JSON document may hold at most \(bytesMax) bytes")
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch let error as ModelValidationError {
            throw error
        } catch {
            throw ModelValidationError(.malformedJSON, field: "$", rule: "must be well-formed JSON (RFC 8259)")
        }
    }

    public init(from decoder: any Decoder) throws {
        if let tree = decoder as? JSONValueDecoder {
            self = tree.value
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Canonical text: sorted keys, no slashes escaped; `pretty` indents.
    public func serialized(pretty: Bool = false) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else {
            preconditionFailure("a JSONValue built from finite numbers always encodes")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The JSON type's name, for error messages.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// Encodes a value to a JSONValue tree (sorted keys reach output only through `serialized`).
func jsonValue(of value: some Encodable) throws -> JSONValue {
    let data = try JSONEncoder().encode(value)
    return try JSONDecoder().decode(JSONValue.self, from: data)
}
