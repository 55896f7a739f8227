/// Checks a JSON value against a `FieldKind`; the first broken rule (in field
/// table order) is thrown as a `ModelValidationError` naming its JSON path.
enum FieldValidator {
    static func validate(_ value: JSONValue, _ kind: FieldKind, path: String) throws {
        switch kind {
        case .text(let maxLength):
            try checkText(try string(value, path), maxLength: maxLength, path: path)
        case .digits(let minLength, let maxLength):
            let text = try string(value, path)
            guard (minLength...maxLength).contains(text.utf8.count), text.utf8.allSatisfy({ digit($0) != nil }) else {
                throw ModelValidationError(.invalidFormat, field: path, rule: "must be \(minLength)–\(maxLength) ASCII digits")
            }
        case .hex(let length):
            let text = try string(value, path)
            guard text.utf8.count == length, text.utf8.allSatisfy(isLowerHex) else {
                throw ModelValidationError(.invalidFormat, field: path, rule: "must be \(length) lower-case hexadecimal digits")
            }
        case .timestamp: _ = try Timestamp(try string(value, path), field: path)
        case .date: _ = try CalendarDate(try string(value, path), field: path)
        case .country: _ = try CountryCode(try string(value, path), field: path)
        case .currency: _ = try CurrencyCode(try string(value, path), field: path)
        case .amount: _ = try DecimalAmount(try string(value, path), field: path)
        case .number(let minimum, let maximum):
            guard case .number(let number) = value else { throw wrongType(value, "number", path) }
            guard number >= minimum, number <= maximum else {
                throw ModelValidationError(.outOfRange, field: path, rule: "must be between \(minimum) and \(maximum)")
            }
        case .integer(let minimum, let maximum):
            guard case .number(let number) = value, number.rounded() == number else { throw wrongType(value, "integer", path) }
            guard number >= Double(minimum), number <= Double(maximum) else {
                throw ModelValidationError(.outOfRange, field: path, rule: "must be an integer between \(minimum) and \(maximum)")
            }
        case .choice(let options):
            guard options.contains(try string(value, path)) else {
                throw ModelValidationError(.invalidChoice, field: path, rule: "must be one of: \(options.joined(separator: ", "))")
            }
        case .list(let element, let maxCount):
            try validateList(value, element, maxCount: maxCount, path: path)
        case .object(let spec):
            try validateObject(value, spec, path: path)
        }
    }

    static func validateList(_ value: JSONValue, _ element: FieldKind, maxCount: Int, path: String) throws {
        guard case .array(let items) = value else { throw wrongType(value, "array", path) }
        guard !items.isEmpty else { throw ModelValidationError(.empty, field: path, rule: "must hold at least one element") }
        guard items.count <= maxCount else {
            throw ModelValidationError(.tooMany, field: path, rule: "may hold at most \(maxCount) elements")
        }
        for (index, item) in items.enumerated() {
            try validate(item, element, path: "\(path)[\(index)]")
        }
    }

    static func validateObject(_ value: JSONValue, _ spec: ObjectSpec, path: String) throws {
        guard case .object(let members) = value else { throw wrongType(value, "object", path) }
        let known = spec.fieldNameSet
        // Sorted only when one is unknown, so the error names the same one every time.
        if !members.keys.allSatisfy(known.contains), let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
            throw ModelValidationError(.unknownField, field: "\(path).\(unknown)",
                rule: "is not a field here; allowed: \(spec.fieldNames.joined(separator: ", "))")
        }
        for field in spec.fields {
            let fieldPath = "\(path).\(field.name)"
            guard let member = members[field.name] else {
                if field.required {
                    throw ModelValidationError(.missingField, field: fieldPath, rule: "is required (\(field.summary))")
                }
                continue
            }
            try validate(member, field.kind, path: fieldPath)
            if case .amount(let currencyField) = field.kind {
                try checkAmountFits(member, members[currencyField], path: fieldPath)
            }
        }
        try checkCrossFieldRules(members, spec, path: path)
    }

    static func checkCrossFieldRules(_ members: [String: JSONValue], _ spec: ObjectSpec, path: String) throws {
        for group in spec.anyOf where !group.contains(where: { members[$0] != nil }) {
            throw ModelValidationError(.missingField, field: "\(path).\(group[0])",
                rule: "at least one of \(group.joined(separator: ", ")) is required")
        }
        for pair in spec.notBefore {
            guard case .string(let laterText)? = members[pair.later],
                  case .string(let earlierText)? = members[pair.earlier] else { continue }
            guard !precedes(laterText, earlierText) else {
                throw ModelValidationError(.inconsistent, field: "\(path).\(pair.later)", rule: "must not be before \(pair.earlier)")
            }
        }
    }

    /// Whether `a` is an earlier instant or day than `b` (both timestamps or both dates).
    static func precedes(_ a: String, _ b: String) -> Bool {
        if let x = try? Timestamp(a), let y = try? Timestamp(b) { return x < y }
        if let x = try? CalendarDate(a), let y = try? CalendarDate(b) { return x < y }
        return false
    }

    /// The amount's fraction digits fit the sibling currency's minor units.
    static func checkAmountFits(_ amount: JSONValue, _ currency: JSONValue?, path: String) throws {
        guard case .string(let amountText) = amount, case .string(let code)? = currency,
              let decimal = try? DecimalAmount(amountText), let currencyCode = try? CurrencyCode(code) else { return }
        _ = try Money(amount: decimal, currency: currencyCode, field: path)
    }

    static func checkText(_ text: String, maxLength: Int, path: String) throws {
        guard !text.isEmpty else { throw ModelValidationError(.empty, field: path, rule: "must not be empty") }
        guard text.unicodeScalars.count <= maxLength else {
            throw ModelValidationError(.tooLong, field: path, rule: "may hold at most \(maxLength) characters")
        }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw ModelValidationError(.invalidFormat, field: path, rule: "must not contain control characters")
        }
    }

    static func string(_ value: JSONValue, _ path: String) throws -> String {
        guard case .string(let text) = value else { throw wrongType(value, "string", path) }
        return text
    }

    static func wrongType(_ value: JSONValue, _ expected: String, _ path: String) -> ModelValidationError {
        ModelValidationError(.wrongType, field: path, rule: "must be a JSON \(expected), not \(value.typeName)")
    }

    static func isLowerHex(_ byte: UInt8) -> Bool {
        digit(byte) != nil || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }
}
