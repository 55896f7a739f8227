/// The JSON Schema (2020-12) of records, generated from the same field
/// tables the decoder checks against, so `docs/schema/records.schema.json`
/// and the decoder cannot drift apart (`crosstrace schema records` prints it).
/// Rules a schema cannot state are checked only by the decoder: the day
/// exists in its month, later times not before earlier ones.
public enum RecordSchema {
    /// The schema text: pretty-printed, sorted keys, trailing newline.
    public static func json() -> String {
        document().serialized(pretty: true) + "\n"
    }

    static func document() -> JSONValue {
        var defs: [String: JSONValue] = [
            "CountryCode": .object(["type": .string("string"), "enum": .array(CountryCode.assigned.map(JSONValue.string)),
                                    "description": .string("ISO 3166-1 alpha-2 code")]),
            "CurrencyCode": .object(["type": .string("string"),
                                     "enum": .array(CurrencyCode.table.map { JSONValue.string($0.code) }),
                                     "description": .string("ISO 4217 code with minor units")]),
        ]
        for item in RecordItem.allCases {
            var record = schema(of: .object(Record.envelopeSpec(data: item.dataSpec)))
            if case .object(var members) = record, case .object(var properties)? = members["properties"] {
                properties["item"] = .object(["const": .string(item.rawValue), "description": .string("item id")])
                members["properties"] = .object(properties)
                members["description"] = .string("\(item.rawValue) (\(tableName(item.block)))")
                record = .object(members)
            }
            defs[item.rawValue] = record
        }
        return .object([
            "$schema": .string("https://json-schema.org/draft/2020-12/schema"),
            "$id": .string("urn:crosstrace:schema:records"),
            "title": .string("CrossTrace record: one item of Tables 1–4 (SPEC.md §6.4)"),
            "description": .string("Generated from the Swift field tables by `crosstrace schema records`; do not edit by hand."),
            "oneOf": .array(RecordItem.allCases.map { .object(["$ref": .string("#/$defs/\($0.rawValue)")]) }),
            "$defs": .object(defs),
        ])
    }

    static func tableName(_ block: InformationBlock) -> String {
        switch block {
        case .product: "Table 1, R-6.4.1"
        case .transaction: "Table 2, R-6.4.2"
        case .logistics: "Table 3, R-6.4.3"
        case .customs: "Table 4, R-6.4.4"
        }
    }

    /// `^core` that must end at the end of input (Python's `$` also matches before a final newline).
    static func anchored(_ pattern: String) -> String {
        pattern.hasSuffix("$") ? String(pattern.dropLast()) + "(?![\\s\\S])" : pattern
    }

    static let noControlCharacters = "^(?![\\s\\S]*[\\u0000-\\u001F\\u007F])"

    static func schema(of kind: FieldKind) -> JSONValue {
        switch kind {
        case .text(let maxLength):
            return .object(["type": "string", "minLength": 1, "maxLength": .number(Double(maxLength)),
                            "pattern": .string(noControlCharacters)])
        case .digits(let minLength, let maxLength):
            return string(pattern: "^[0-9]{\(minLength),\(maxLength)}$")
        case .hex(let length): return string(pattern: "^[0-9a-f]{\(length)}$")
        case .timestamp: return string(pattern: Timestamp.pattern)
        case .date: return string(pattern: CalendarDate.pattern)
        case .country: return .object(["$ref": "#/$defs/CountryCode"])
        case .currency: return .object(["$ref": "#/$defs/CurrencyCode"])
        case .amount: return string(pattern: DecimalAmount.pattern(minorUnits: DecimalAmount.fractionDigitsMax))
        case .number(let minimum, let maximum):
            return .object(["type": "number", "minimum": .number(minimum), "maximum": .number(maximum)])
        case .integer(let minimum, let maximum):
            return .object(["type": "integer", "minimum": .number(Double(minimum)), "maximum": .number(Double(maximum))])
        case .choice(let options): return .object(["type": "string", "enum": .array(options.map(JSONValue.string))])
        case .list(let element, let maxCount):
            return .object(["type": "array", "minItems": 1, "maxItems": .number(Double(maxCount)), "items": schema(of: element)])
        case .object(let spec): return objectSchema(spec)
        }
    }

    static func string(pattern: String) -> JSONValue {
        .object(["type": "string", "pattern": .string(anchored(pattern))])
    }

    static func objectSchema(_ spec: ObjectSpec) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        var conditions: [JSONValue] = []
        for field in spec.fields {
            guard case .object(var property) = schema(of: field.kind) else { continue }
            property["description"] = .string("\(field.dataItem.rawValue): \(field.summary)")
            properties[field.name] = .object(property)
            if case .amount(let currencyField) = field.kind {
                conditions += amountConditions(amount: field.name, currency: currencyField)
            }
        }
        for group in spec.anyOf {
            conditions.append(.object(["anyOf": .array(group.map { .object(["required": .array([.string($0)])]) })]))
        }
        var object: [String: JSONValue] = [
            "type": "object", "properties": .object(properties), "additionalProperties": false,
            "required": .array(spec.fields.filter(\.required).map { .string($0.name) }),
        ]
        if !conditions.isEmpty { object["allOf"] = .array(conditions) }
        return .object(object)
    }

    /// ISO 4217 minor units as conditions: if the currency has u digits, the amount has at most u.
    static func amountConditions(amount: String, currency: String) -> [JSONValue] {
        [0, 2, 3, 4].map { units in
            .object([
                "if": .object(["properties": .object([currency: .object([
                    "enum": .array(CurrencyCode.codes(withMinorUnits: units).map(JSONValue.string))])]),
                    "required": .array([.string(currency)])]),
                "then": .object(["properties": .object([amount: string(pattern: DecimalAmount.pattern(minorUnits: units))])]),
            ])
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
