/// Unified social credit code of a mainland entity (GB 32100-2015): 18
/// characters from `0123456789ABCDEFGHJKLMNPQRTUWXY`, the last a check
/// character over the first 17 (weights 3^i mod 31). Used for real-name
/// verification (R-6.3.1.2).
public struct UnifiedSocialCreditCode: Sendable, Hashable, Codable, CustomStringConvertible {
    public let text: String

    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    public init(_ text: String, field: String = "unifiedSocialCreditCode") throws {
        let bytes = Array(text.utf8)
        let values = bytes.compactMap { Self.alphabet.firstIndex(of: $0) }
        guard bytes.count == 18, values.count == 18 else {
            throw ModelValidationError(.invalidFormat, field: field,
                rule: "must be 18 characters from 0-9 and A-Y without I, O, S, V, Z (GB 32100-2015)")
        }
        let expected = Self.checkCharacter(values.prefix(17))
        guard values[17] == expected else {
            throw ModelValidationError(.invalidCheckCharacter, field: field,
                rule: "check character must be \(Character(UnicodeScalar(Self.alphabet[expected]))) (GB 32100-2015)")
        }
        self.text = text
    }

    /// Index of the check character for the first 17 values.
    static func checkCharacter(_ values: ArraySlice<Int>) -> Int {
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return (31 - sum % 31) % 31
    }

    public var description: String { text }

    public init(from decoder: any Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self), field: jsonPath(decoder.codingPath))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}

/// Legal Entity Identifier (ISO 17442): 18 alphanumeric characters and two
/// check digits; letters count 10…35 and the whole number mod 97 is 1
/// (ISO/IEC 7064 MOD 97-10).
public struct LEI: Sendable, Hashable, Codable, CustomStringConvertible {
    public let text: String

    public init(_ text: String, field: String = "lei") throws {
        let bytes = Array(text.utf8)
        let alnum = bytes.prefix(18).allSatisfy { digit($0) != nil || ($0 >= 65 && $0 <= 90) }
        guard bytes.count == 20, alnum, digit(bytes[18]) != nil, digit(bytes[19]) != nil else {
            throw ModelValidationError(.invalidFormat, field: field,
                rule: "must be 18 characters 0-9/A-Z followed by 2 check digits (ISO 17442)")
        }
        guard Self.mod97(bytes) == 1 else {
            throw ModelValidationError(.invalidCheckCharacter, field: field,
                rule: "check digits fail ISO/IEC 7064 MOD 97-10 (ISO 17442)")
        }
        self.text = text
    }

    static func mod97(_ bytes: [UInt8]) -> Int {
        bytes.reduce(0) { acc, byte in
            if let d = digit(byte) { return (acc * 10 + d) % 97 }
            return (acc * 100 + Int(byte) - 55) % 97
        }
    }

    public var description: String { text }

    public init(from decoder: any Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self), field: jsonPath(decoder.codingPath))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}

/// An overseas entity's registration without an LEI: country and the number
/// in that country's company registry.
public struct OverseasRegistration: Sendable, Hashable, Codable {
    public let country: CountryCode
    public let registryNumber: String

    public init(country: CountryCode, registryNumber: String) throws {
        try FieldValidator.checkText(registryNumber, maxLength: FieldBounds.identifierLength, path: "registryNumber")
        self.country = country
        self.registryNumber = registryNumber
    }

    private enum Key: String, CodingKey { case country, registryNumber }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        try self.init(country: try c.decode(CountryCode.self, forKey: .country),
                      registryNumber: try c.decode(String.self, forKey: .registryNumber))
    }
}

/// How a participant is identified for real-name verification (R-6.3.1.2).
/// JSON: `{"kind":"unifiedSocialCreditCode","code":"91350100M000100Y43"}`,
/// `{"kind":"lei","code":"5493001KJTIIGC8Y1R12"}` or
/// `{"kind":"overseas","country":"DE","registryNumber":"HRB 12345"}`.
public enum RegistrationIdentifier: Sendable, Hashable, Codable {
    case unifiedSocialCreditCode(UnifiedSocialCreditCode)
    case lei(LEI)
    case overseas(OverseasRegistration)

    private enum Key: String, CodingKey { case kind, code, country, registryNumber }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let kind = try c.decode(String.self, forKey: .kind)
        let path = jsonPath(decoder.codingPath)
        switch kind {
        case "unifiedSocialCreditCode":
            self = .unifiedSocialCreditCode(try UnifiedSocialCreditCode(try c.decode(String.self, forKey: .code), field: path + ".code"))
        case "lei":
            self = .lei(try LEI(try c.decode(String.self, forKey: .code), field: path + ".code"))
        case "overseas":
            self = .overseas(try OverseasRegistration(from: decoder))
        default:
            throw ModelValidationError(.invalidChoice, field: path + ".kind",
                rule: "must be one of: unifiedSocialCreditCode, lei, overseas")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .unifiedSocialCreditCode(let code):
            try c.encode("unifiedSocialCreditCode", forKey: .kind)
            try c.encode(code.text, forKey: .code)
        case .lei(let code):
            try c.encode("lei", forKey: .kind)
            try c.encode(code.text, forKey: .code)
        case .overseas(let registration):
            try c.encode("overseas", forKey: .kind)
            try c.encode(registration.country, forKey: .country)
            try c.encode(registration.registryNumber, forKey: .registryNumber)
        }
    }
}
