/// A non-negative decimal amount written as a string (`"1299.50"`), never a
/// binary float: at most 18 integer digits without leading zeros and at most 4
/// fraction digits. Whether the fraction fits a currency is `Money`'s rule.
public struct DecimalAmount: Sendable, Hashable, Codable, CustomStringConvertible {
    public let text: String
    public let fractionDigits: Int

    public static let integerDigitsMax = 18
    public static let fractionDigitsMax = 4

    public init(_ text: String, field: String = "amount") throws {
        guard let digits = Self.fractionDigits(of: text) else {
            throw ModelValidationError(.invalidAmount, field: field,
                rule: "must be a non-negative decimal string such as \"1299.50\" (no sign, exponent or leading zeros)")
        }
        self.text = text
        self.fractionDigits = digits
    }

    /// Fraction digits if `text` is a well-formed amount, else nil.
    static func fractionDigits(of text: String) -> Int? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = Array(parts[0].utf8)
        guard !integer.isEmpty, integer.count <= integerDigitsMax, integer.allSatisfy({ digit($0) != nil }),
              integer.count == 1 || integer[0] != UInt8(ascii: "0") else { return nil }
        guard parts.count == 2 else { return 0 }
        let fraction = Array(parts[1].utf8)
        guard !fraction.isEmpty, fraction.count <= fractionDigitsMax,
              fraction.allSatisfy({ digit($0) != nil }) else { return nil }
        return fraction.count
    }

    /// The JSON Schema pattern for amounts with at most `minorUnits` fraction digits.
    static func pattern(minorUnits: Int) -> String {
        let integer = "^(0|[1-9][0-9]{0,\(integerDigitsMax - 1)})"
        return minorUnits == 0 ? integer + "$" : integer + "(\\.[0-9]{1,\(minorUnits)})?$"
    }

    public var description: String { text }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text, field: jsonPath(decoder.codingPath))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// An amount in a currency (Table 2 amount/currency, collected and settled
/// amounts; Table 4 tax payment). The amount has no more fraction digits than
/// the currency's ISO 4217 minor units: `12.50 CNY` yes, `1.5 JPY` no.
public struct Money: Sendable, Hashable, CustomStringConvertible {
    public let amount: DecimalAmount
    public let currency: CurrencyCode

    public init(amount: DecimalAmount, currency: CurrencyCode, field: String = "amount") throws {
        guard amount.fractionDigits <= currency.minorUnits else {
            throw ModelValidationError(.invalidAmount, field: field,
                rule: "\(currency.code) has \(currency.minorUnits) minor unit digit(s) (ISO 4217); \"\(amount.text)\" has \(amount.fractionDigits)")
        }
        self.amount = amount
        self.currency = currency
    }

    public init(_ amount: String, _ currency: String) throws {
        try self.init(amount: try DecimalAmount(amount), currency: try CurrencyCode(currency))
    }

    public var description: String { "\(amount.text) \(currency.code)" }
}
