/// One GS1 application identifier with its value, e.g. AI 10 with "ABC123".
public struct GS1Element: Sendable, Hashable {
    public let ai: String
    public let value: String

    public init(ai: String, value: String) {
        self.ai = ai
        self.value = value
    }
}

/// The application identifiers CrossTrace understands (GS1 General Specifications 3.2)
/// and their formats.
struct AIDefinition: Sendable {
    enum Format: Sendable {
        /// Exactly `length` digits, the last a mod-10 check digit if `checkDigit`.
        case numeric(length: Int, checkDigit: Bool)
        /// `YYMMDD` (7.12).
        case date
        /// 1…`maxLength` characters of set 82.
        case alphanumeric(maxLength: Int)
    }

    let ai: String
    /// The field name used in errors and in `TraceCode`.
    let field: String
    let format: Format
    /// True if the AI's first two digits are in the GS1 table of predefined-length
    /// element strings (Figure 7.8.5-2); only those may be followed by another AI
    /// without a group separator.
    let predefinedLength: Bool

    var fixedLength: Int? {
        switch format {
        case .numeric(let length, _): return length
        case .date: return 6
        case .alphanumeric: return nil
        }
    }

    static let all: [AIDefinition] = [
        AIDefinition(ai: "00", field: "sscc", format: .numeric(length: 18, checkDigit: true), predefinedLength: true),
        AIDefinition(ai: "01", field: "gtin", format: .numeric(length: 14, checkDigit: true), predefinedLength: true),
        AIDefinition(ai: "10", field: "lot", format: .alphanumeric(maxLength: 20), predefinedLength: false),
        AIDefinition(ai: "11", field: "productionDate", format: .date, predefinedLength: true),
        AIDefinition(ai: "17", field: "expiry", format: .date, predefinedLength: true),
        AIDefinition(ai: "21", field: "serial", format: .alphanumeric(maxLength: 20), predefinedLength: false),
        AIDefinition(ai: "22", field: "cpv", format: .alphanumeric(maxLength: 20), predefinedLength: false),
        AIDefinition(ai: "254", field: "glnExtension", format: .alphanumeric(maxLength: 20), predefinedLength: false),
        AIDefinition(ai: "414", field: "gln", format: .numeric(length: 13, checkDigit: true), predefinedLength: true),
        // Fixed length 3, but "42" is not in the predefined-length table: a separator follows.
        AIDefinition(ai: "422", field: "countryOfOrigin", format: .numeric(length: 3, checkDigit: false), predefinedLength: false),
    ]

    static func lookup(_ ai: some StringProtocol) -> AIDefinition? {
        all.first { $0.ai == ai }
    }

    /// Finds the AI at the start of `bytes[start...]` (AIs are prefix-free).
    static func match(_ bytes: [UInt8], at start: Int) -> AIDefinition? {
        for length in 2...4 where start + length <= bytes.count {
            let candidate = bytes[start..<(start + length)]
            guard candidate.allSatisfy(GS1CharacterSet.isDigit) else { return nil }
            if let definition = lookup(String(decoding: candidate, as: UTF8.self)) { return definition }
        }
        return nil
    }

    /// Checks the value's length, characters and check digit (dates are checked later,
    /// against the reference date).
    func validate(_ value: String) throws(TraceCodeError) {
        switch format {
        case .numeric(let length, let checkDigit):
            if checkDigit {
                try GS1Key.validate(value, field: field, lengths: [length], name: "AI (\(ai))")
            } else if value.utf8.count != length || !GS1CharacterSet.allDigits(value) {
                throw TraceCodeError(.format, field: field, rule: "AI (\(ai)) is exactly \(length) digits")
            }
        case .date:
            guard value.utf8.count == 6, GS1CharacterSet.allDigits(value) else {
                throw TraceCodeError(.format, field: field, rule: "AI (\(ai)) is a date of 6 digits YYMMDD")
            }
        case .alphanumeric(let maxLength):
            try GS1CharacterSet.validateSet82(value, field: field, maxLength: maxLength)
        }
    }
}
