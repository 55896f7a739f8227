/// Strings (RFC 8259 section 7): the escape-free fast path, escapes and
/// surrogate pairs, each failure with its byte offset.
extension CanonicalJSONParser {
    /// A string: an escape-free run becomes a `String` straight from the input bytes
    /// (the common case; an all-ASCII run needs no UTF-8 validation); one with
    /// escapes is rebuilt byte by byte.
    mutating func parseString() throws(CanonicalJSONError) -> String {
        let start = offset
        offset += 1
        var end = offset
        var seen: UInt8 = 0
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: bytes[offset..<end])
                let text: String
                if seen < 0x80 {
                    text = String(decoding: run, as: UTF8.self)
                } else {
                    guard let valid = String(validating: run, as: UTF8.self) else {
                        throw CanonicalJSONError(.invalidUTF8, offset: start)
                    }
                    text = valid
                }
                offset = end + 1
                return text
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            seen |= byte
            end += 1
        }
        var raw = Array(UnsafeBufferPointer(rebasing: bytes[offset..<end]))
        offset = end
        isCanonical = false
        return try parseEscapedString(start: start, into: &raw)
    }

    private mutating func parseEscapedString(start: Int, into raw: inout [UInt8]) throws(CanonicalJSONError) -> String {
        while true {
            guard let byte = peek() else { throw CanonicalJSONError(.invalidSyntax, offset: offset) }
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: raw, as: UTF8.self) else { throw CanonicalJSONError(.invalidUTF8, offset: start) }
                return text
            case UInt8(ascii: "\\"): try parseEscape(into: &raw)
            case 0x00..<0x20: throw CanonicalJSONError(.invalidSyntax, offset: offset - 1)
            default: raw.append(byte)
            }
        }
    }

    /// The byte a one-letter escape stands for (RFC 8259 §7), or nil.
    private static func simpleEscape(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x22, 0x5c, 0x2f: byte
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0c
        case UInt8(ascii: "n"): 0x0a
        case UInt8(ascii: "r"): 0x0d
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
    }

    private mutating func parseEscape(into raw: inout [UInt8]) throws(CanonicalJSONError) {
        let escapeOffset = offset - 1
        guard let byte = peek() else { throw CanonicalJSONError(.invalidEscape, offset: escapeOffset) }
        offset += 1
        if let mapped = Self.simpleEscape(byte) { raw.append(mapped); return }
        guard byte == UInt8(ascii: "u") else { throw CanonicalJSONError(.invalidEscape, offset: escapeOffset) }
        var scalar = try parseHex4()
        if (0xDC00...0xDFFF).contains(scalar) { throw CanonicalJSONError(.loneSurrogate, offset: escapeOffset) }
        if (0xD800...0xDBFF).contains(scalar) {
            guard peek() == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "u") else {
                throw CanonicalJSONError(.loneSurrogate, offset: escapeOffset)
            }
            offset += 2
            let low = try parseHex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw CanonicalJSONError(.loneSurrogate, offset: escapeOffset) }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw CanonicalJSONError(.invalidEscape, offset: escapeOffset) }
        raw.append(contentsOf: Array(String(Character(unicode)).utf8))
    }

    private mutating func parseHex4() throws(CanonicalJSONError) -> UInt32 {
        guard bytes.count - offset >= 4 else { throw CanonicalJSONError(.invalidEscape, offset: offset) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Self.hexValue(bytes[offset]) else { throw CanonicalJSONError(.invalidEscape, offset: offset) }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
