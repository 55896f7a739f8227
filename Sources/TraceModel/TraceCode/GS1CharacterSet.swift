/// GS1 General Specifications, Figure 7.11-1: AI encodable character set 82.
enum GS1CharacterSet {
    /// True if `byte` is one of the 82 characters.
    static func isSet82(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21, 0x22, 0x25...0x3F, 0x41...0x5A, 0x5F, 0x61...0x7A: return true
        default: return false
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func allDigits(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isDigit)
    }

    /// Checks a variable-length value: 1…`maxLength` characters of set 82.
    static func validateSet82(_ value: String, field: String, maxLength: Int) throws(TraceCodeError) {
        let count = value.utf8.count
        guard count >= 1, count <= maxLength else {
            throw TraceCodeError(.length, field: field, rule: "must be 1 to \(maxLength) characters, got \(count)")
        }
        if let bad = value.utf8.first(where: { !isSet82($0) }) {
            throw TraceCodeError(
                .characterSet, field: field,
                rule: "character \(describe(bad)) is not in GS1 AI encodable character set 82")
        }
    }

    /// A byte shown safely in a message.
    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte <= 0x7E { return "'\(Character(Unicode.Scalar(byte)))'" }
        let hex = String(byte, radix: 16, uppercase: true)
        return "0x" + (hex.count == 1 ? "0" + hex : hex)
    }
}
