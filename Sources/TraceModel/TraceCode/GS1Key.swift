/// GS1 keys with their check digits (GS1 General Specifications 7.9.1): GTIN, SSCC, GLN.
public enum GS1Key {
    /// The mod-10 check digit for `body` (digits without the check digit):
    /// weights 3, 1, 3, … from the rightmost body digit.
    public static func checkDigit(for body: some StringProtocol) -> Int {
        var sum = 0
        for (offset, byte) in body.utf8.reversed().enumerated() {
            let digit = Int(byte) - 0x30
            sum += offset % 2 == 0 ? digit * 3 : digit
        }
        return (10 - sum % 10) % 10
    }

    /// `body` followed by its check digit.
    public static func appendingCheckDigit(to body: String) -> String {
        body + String(checkDigit(for: body))
    }

    /// Validates a GTIN-8, -12, -13 or -14 and returns it as GTIN-14 (left-padded with zeros).
    public static func gtin14(_ text: String, field: String = "gtin") throws(TraceCodeError) -> String {
        try validate(text, field: field, lengths: [8, 12, 13, 14], name: "GTIN-8, -12, -13 or -14")
        return String(repeating: "0", count: 14 - text.utf8.count) + text
    }

    /// Validates an SSCC (18 digits).
    public static func sscc(_ text: String, field: String = "sscc") throws(TraceCodeError) -> String {
        try validate(text, field: field, lengths: [18], name: "an SSCC")
        return text
    }

    /// Validates a GLN (13 digits).
    public static func gln(_ text: String, field: String = "gln") throws(TraceCodeError) -> String {
        try validate(text, field: field, lengths: [13], name: "a GLN")
        return text
    }

    static func validate(_ text: String, field: String, lengths: [Int], name: String) throws(TraceCodeError) {
        let count = text.utf8.count
        guard lengths.contains(count) else {
            let allowed = lengths.map(String.init).joined(separator: ", ")
            throw TraceCodeError(.length, field: field, rule: "\(name) has \(allowed) digits, got \(count)")
        }
        guard GS1CharacterSet.allDigits(text) else {
            throw TraceCodeError(.characterSet, field: field, rule: "\(name) has digits only")
        }
        let body = text.utf8.dropLast()
        let given = Int(text.utf8.last ?? 0x30) - 0x30
        let expected = checkDigit(for: Substring(decoding: body, as: UTF8.self))
        guard given == expected else {
            throw TraceCodeError(
                .checkDigit, field: field,
                rule: "check digit \(given) is wrong, expected \(expected) (GS1 mod-10)")
        }
    }
}
