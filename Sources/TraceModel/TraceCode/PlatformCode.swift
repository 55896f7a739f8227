/// A platform-issued trace code for goods without a GTIN (R-5.1-a):
/// `CT-` + 8…24 body characters from `0-9A-Z` + one ISO/IEC 7064 MOD 37,36 check character.
/// No GS1 form starts with `CT-` (element strings start with a digit, `(` or `]`; Digital Links
/// with `http`; EPC URIs with `urn:`; EPC hex has no `T` or `-`). Input is case-insensitive and
/// normalised to upper case. The code itself is its canonical key.
public struct PlatformCode: Sendable, Hashable, CustomStringConvertible {
    public static let prefix = "CT-"
    /// The 36 characters of ISO/IEC 7064 MOD 37,36, valued 0…35 in this order.
    public static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
    public static let bodyLengths = 8...24

    /// The body, without prefix and check character.
    public let body: String
    public let checkCharacter: Character

    /// Issues a code: validates `body` and appends its check character.
    public init(body: String) throws(TraceCodeError) {
        let values = try PlatformCode.values(of: body.uppercased(), field: "platformCode")
        guard PlatformCode.bodyLengths.contains(values.count) else {
            throw TraceCodeError(
                .length, field: "platformCode",
                rule: "the body has \(PlatformCode.bodyLengths.lowerBound)…\(PlatformCode.bodyLengths.upperBound) characters, got \(values.count)")
        }
        self.body = body.uppercased()
        self.checkCharacter = Character(Unicode.Scalar(PlatformCode.alphabet[PlatformCode.checkValue(for: values)]))
    }

    /// Parses `CT-…` and verifies the check character.
    public init(parsing text: String) throws(TraceCodeError) {
        let upper = text.uppercased()
        guard upper.utf8.count <= 64, upper.hasPrefix(PlatformCode.prefix), upper.utf8.count > PlatformCode.prefix.utf8.count + 1 else {
            throw TraceCodeError(.format, field: "platformCode", rule: "a platform code is CT- followed by the body and one check character")
        }
        let rest = upper.dropFirst(PlatformCode.prefix.count)
        try self.init(body: String(rest.dropLast()))
        let given = String(rest.suffix(1))
        guard given == String(checkCharacter) else {
            throw TraceCodeError(
                .checkDigit, field: "platformCode",
                rule: "check character \(given) is wrong, expected \(checkCharacter) (ISO/IEC 7064 MOD 37,36)")
        }
    }

    /// `CT-` + body + check character.
    public var text: String { PlatformCode.prefix + body + String(checkCharacter) }
    public var description: String { text }

    /// ISO/IEC 7064 hybrid system MOD 37,36: p = 36; for each character s = (p + v) mod 36,
    /// 0 read as 36, p = 2s mod 37; the check value c makes (p + c) mod 36 = 1.
    public static func checkValue(for values: [Int]) -> Int {
        var product = 36
        for value in values {
            var sum = (product + value) % 36
            if sum == 0 { sum = 36 }
            product = (2 * sum) % 37
        }
        return (37 - product) % 36
    }

    static func values(of text: String, field: String) throws(TraceCodeError) -> [Int] {
        var values: [Int] = []
        for byte in text.utf8 {
            guard let value = alphabet.firstIndex(of: byte) else {
                throw TraceCodeError(
                    .characterSet, field: field,
                    rule: "character \(GS1CharacterSet.describe(byte)) is not in 0-9A-Z (ISO/IEC 7064 MOD 37,36)")
            }
            values.append(value)
        }
        return values
    }
}

extension PlatformCode {
    /// Digits of the sequence number in an issued body: base 36, zero-padded, 36^10 codes per issuer.
    public static let sequenceDigits = 10

    /// Issues the code of a new traceable unit (R-5.1-c): the issuer's 2…8-character id, then
    /// the unit's sequence number in base 36 over ten characters. Distinct sequence numbers of
    /// one issuer give distinct codes.
    public init(issuer: String, sequence: UInt64) throws(TraceCodeError) {
        let issuerValues = try PlatformCode.values(of: issuer.uppercased(), field: "platformCode.issuer")
        guard (2...8).contains(issuerValues.count) else {
            throw TraceCodeError(.length, field: "platformCode.issuer", rule: "an issuer id has 2…8 characters, got \(issuerValues.count)")
        }
        var digits = [UInt8](repeating: PlatformCode.alphabet[0], count: PlatformCode.sequenceDigits)
        var rest = sequence
        for index in stride(from: digits.count - 1, through: 0, by: -1) {
            digits[index] = PlatformCode.alphabet[Int(rest % 36)]
            rest /= 36
        }
        guard rest == 0 else {
            throw TraceCodeError(.range, field: "platformCode.sequence", rule: "a sequence number has at most 10 base-36 digits")
        }
        try self.init(body: issuer.uppercased() + String(decoding: digits, as: UTF8.self))
    }
}
