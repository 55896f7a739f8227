/// Values: strings, integers, booleans, arrays of strings.
extension TOMLParser {
    mutating func parseValue(field: String) throws(ConfigError) -> TOMLValue {
        guard let byte = peek() else { throw error("expected a value", field: field) }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return .string(try parseString(field: field))
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool(try parseBool(field: field))
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .integer(try parseInteger(field: field))
        case UInt8(ascii: "["): return .strings(try parseArray(field: field))
        case UInt8(ascii: "{"): throw error("inline tables are not supported", field: field)
        default: throw error("expected a string, an integer, a boolean or an array of strings", field: field)
        }
    }

    private func isDelimiter(_ byte: UInt8?) -> Bool {
        guard let byte else { return true }
        return [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "#"),
                UInt8(ascii: ","), UInt8(ascii: "]")].contains(byte)
    }

    private mutating func parseBool(field: String) throws(ConfigError) -> Bool {
        for (word, value) in [("true", true), ("false", false)] {
            let utf8 = Array(word.utf8)
            if offset + utf8.count <= bytes.count, Array(bytes[offset..<offset + utf8.count]) == utf8, isDelimiter(peek(utf8.count)) {
                offset += utf8.count
                return value
            }
        }
        throw error("expected true or false (strings need quotes)", field: field)
    }

    /// Decimal, optional sign, `_` only between digits, no leading zeros.
    private mutating func parseInteger(field: String) throws(ConfigError) -> Int64 {
        let start = offset
        var negative = false
        if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            offset += 1
        }
        let digitsStart = offset
        var magnitude: UInt64 = 0
        var previousWasDigit = false
        while let byte = peek(), !isDelimiter(byte) {
            if byte == UInt8(ascii: "_"), previousWasDigit, let next = peek(1), (0x30...0x39).contains(next) {
                previousWasDigit = false
                offset += 1
                continue
            }
            guard (0x30...0x39).contains(byte) else {
                let rule = [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(byte)
                    ? "floats are not supported" : (byte == UInt8(ascii: "x") || byte == UInt8(ascii: "o") || byte == UInt8(ascii: "b"))
                    ? "only decimal integers are supported" : "malformed integer"
                throw error(rule, field: field)
            }
            guard offset == digitsStart || bytes[digitsStart] != UInt8(ascii: "0") else {
                throw error("leading zeros are not allowed", field: field)
            }
            let (product, overflowMultiply) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflowAdd) = product.addingReportingOverflow(UInt64(byte - 0x30))
            guard !overflowMultiply, !overflowAdd, sum <= UInt64(Int64.max) + (negative ? 1 : 0) else {
                throw error("integer out of the 64-bit range", field: field)
            }
            magnitude = sum
            previousWasDigit = true
            offset += 1
        }
        guard offset > digitsStart, previousWasDigit else {
            offset = start
            throw error("malformed integer", field: field)
        }
        return negative ? (magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)) : Int64(magnitude)
    }

    private mutating func parseArray(field: String) throws(ConfigError) -> [String] {
        offset += 1
        var items: [String] = []
        while true {
            try skipBlank(newlines: true)
            guard let byte = peek() else { throw error("unterminated array", field: field) }
            if byte == UInt8(ascii: "]") { offset += 1; return items }
            guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") else {
                throw error("arrays hold strings only", field: field)
            }
            guard items.count < Self.arrayCountMax else { throw error("more than \(Self.arrayCountMax) items", field: field) }
            items.append(try parseString(field: field))
            try skipBlank(newlines: true)
            if peek() == UInt8(ascii: ",") { offset += 1; continue }
            guard peek() == UInt8(ascii: "]") else { throw error("expected ',' or ']' in the array", field: field) }
        }
    }

    /// A basic `"…"` string with escapes or a literal `'…'` string, on one line.
    private mutating func parseString(field: String) throws(ConfigError) -> String {
        guard let quote = peek() else { throw error("expected a string", field: field) }
        if peek(1) == quote, peek(2) == quote { throw error("multi-line strings are not supported", field: field) }
        offset += 1
        var out: [UInt8] = []
        while true {
            guard let byte = peek(), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") else {
                throw error("unterminated string", field: field)
            }
            if byte == quote { offset += 1; return String(decoding: out, as: UTF8.self) }
            guard byte >= 0x20 || byte == 0x09, byte != 0x7f else { throw error("control character in a string", field: field) }
            if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                try parseEscape(into: &out, field: field)
            } else {
                out.append(byte)
                offset += 1
            }
        }
    }

    private mutating func parseEscape(into out: inout [UInt8], field: String) throws(ConfigError) {
        let simple: [UInt8: UInt8] = [UInt8(ascii: "b"): 0x08, UInt8(ascii: "t"): 0x09, UInt8(ascii: "n"): 0x0a,
                                      UInt8(ascii: "f"): 0x0c, UInt8(ascii: "r"): 0x0d, UInt8(ascii: "\""): 0x22,
                                      UInt8(ascii: "\\"): 0x5c]
        guard let letter = peek(1) else { throw error("unterminated string", field: field) }
        if let replacement = simple[letter] {
            out.append(replacement)
            offset += 2
            return
        }
        let count = letter == UInt8(ascii: "u") ? 4 : letter == UInt8(ascii: "U") ? 8 : 0
        guard count > 0, offset + 2 + count <= bytes.count else { throw error("invalid escape sequence", field: field) }
        let hex = String(decoding: bytes[(offset + 2)..<(offset + 2 + count)], as: UTF8.self)
        guard hex.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }),
              let scalarValue = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(scalarValue) else {
            throw error("invalid unicode escape", field: field)
        }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
        offset += 2 + count
    }
}
