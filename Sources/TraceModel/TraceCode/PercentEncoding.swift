/// RFC 3986 percent-encoding as GS1 Digital Link (1.2, section 6) uses it for AI values.
enum PercentEncoding {
    /// Encodes every byte that is not unreserved (ALPHA / DIGIT / "-" / "." / "_" / "~").
    static func encode(_ text: String) -> String {
        encode(text) { isUnreserved($0) }
    }

    /// Encodes every byte for which `keep` is false.
    static func encode(_ text: String, keep: (UInt8) -> Bool) -> String {
        var out: [UInt8] = []
        for byte in text.utf8 {
            if keep(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hexDigit(byte >> 4), hexDigit(byte & 0x0F)]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: return true
        default: return false
        }
    }

    /// Decodes `%XX` escapes; the result must be valid UTF-8.
    static func decode(_ text: some StringProtocol, field: String) throws(TraceCodeError) -> String {
        let input = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < input.count {
            guard input[index] == UInt8(ascii: "%") else {
                out.append(input[index])
                index += 1
                continue
            }
            guard index + 2 < input.count, let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) else {
                throw TraceCodeError(.format, field: field, rule: "'%' must start an escape of two hex digits")
            }
            out.append(high << 4 | low)
            index += 3
        }
        let decoded = String(decoding: out, as: UTF8.self)
        guard Array(decoded.utf8) == out else {
            throw TraceCodeError(.characterSet, field: field, rule: "percent-escapes do not decode to UTF-8")
        }
        return decoded
    }

    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x41 + nibble - 10
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
