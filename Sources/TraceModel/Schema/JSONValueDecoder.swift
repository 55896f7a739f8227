/// Decodes a `Decodable` value straight from a parsed `JSONValue` tree, with
/// `JSONDecoder`'s rules for the types the model uses (a number decodes as an
/// integer only when it is one and fits; `null` or a missing key is absent for
/// optionals; unknown keys are ignored) and the same coding paths in errors.
///
/// Checking a record used to encode its checked `data` object to JSON
/// text and parse that text again with `JSONDecoder`; that round trip was 7 %
/// of a validator's CPU under load (issue 7).
struct JSONValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ value: JSONValue, codingPath: [any CodingKey] = []) {
        self.value = value
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch([String: JSONValue].self, value, codingPath) }
        return KeyedDecodingContainer(KeyedJSONValueContainer<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([JSONValue].self, value, codingPath) }
        return UnkeyedJSONValueContainer(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleJSONValueContainer(value: value, codingPath: codingPath)
    }
}

/// A key for an array element: `intValue` is the index, as `JSONDecoder` gives it.
struct JSONValueIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

/// The error `JSONDecoder` gives when the JSON type is not the one asked for.
func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
    DecodingError.typeMismatch(type, DecodingError.Context(
        codingPath: path, debugDescription: "Expected to decode \(type) but found \(value.typeName) instead."))
}

/// One scalar or nested value, shared by the three container kinds.
enum JSONValueScalar {
    static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ path: [any CodingKey]) throws -> T {
        if T.self == String.self, let text = try string(value, path) as? T { return text }
        if T.self == Bool.self, let flag = try bool(value, path) as? T { return flag }
        if T.self == Double.self, let number = try double(value, path) as? T { return number }
        if T.self == Int.self, let number = try integer(Int.self, value, path) as? T { return number }
        return try T(from: JSONValueDecoder(value, codingPath: path))
    }

    static func string(_ value: JSONValue, _ path: [any CodingKey]) throws -> String {
        guard case .string(let text) = value else { throw mismatch(String.self, value, path) }
        return text
    }

    static func bool(_ value: JSONValue, _ path: [any CodingKey]) throws -> Bool {
        guard case .bool(let flag) = value else { throw mismatch(Bool.self, value, path) }
        return flag
    }

    static func double(_ value: JSONValue, _ path: [any CodingKey]) throws -> Double {
        guard case .number(let number) = value else { throw mismatch(Double.self, value, path) }
        return number
    }

    static func float(_ value: JSONValue, _ path: [any CodingKey]) throws -> Float {
        let number = try double(value, path)
        guard abs(number) <= Double(Float.greatestFiniteMagnitude) else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: path, debugDescription: "Number \(number) does not fit in Float."))
        }
        return Float(number)
    }

    /// A whole number that fits `T`; `1.5` or `1e30` for an `Int` is an error, as in `JSONDecoder`.
    static func integer<T: FixedWidthInteger>(_ type: T.Type, _ value: JSONValue, _ path: [any CodingKey]) throws -> T {
        let number = try double(value, path)
        guard let whole = T(exactly: number) else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: path, debugDescription: "Number \(number) is not representable in \(T.self)."))
        }
        return whole
    }
}
