/// Reads any client's JSON (RFC 8259, UTF-8) into `CanonicalJSON` so it can be
/// re-canonicalised. Bounded: at most `sizeMax` bytes and `CanonicalJSON.depthMax`
/// levels. Refuses what JCS transaction bodies may not contain: fractions and
/// exponents, integers beyond ±(2^53 − 1), duplicate member names, lone
/// surrogates, invalid UTF-8, and trailing bytes.
public struct CanonicalJSONParser {
    public static let sizeMaxDefault = 1 << 20
    /// Members an object's storage is made for up front (a record's fields fit without a resize).
    static let objectCapacity = 12

    private let bytes: [UInt8]
    private var offset = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    public static func parse(_ bytes: [UInt8], sizeMax: Int = sizeMaxDefault) throws(CanonicalJSONError) -> CanonicalJSON {
        guard bytes.count <= sizeMax else { throw CanonicalJSONError(.tooLarge, offset: sizeMax) }
        var parser = CanonicalJSONParser(bytes)
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.offset == bytes.count else { throw CanonicalJSONError(.trailingBytes, offset: parser.offset) }
        return value
    }

    private mutating func parseValue(depth: Int) throws(CanonicalJSONError) -> CanonicalJSON {
        guard depth <= CanonicalJSON.depthMax else { throw CanonicalJSONError(.tooDeep, offset: offset) }
        skipWhitespace()
        guard let byte = peek() else { throw CanonicalJSONError(.invalidSyntax, offset: offset) }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .integer(try parseInteger())
        default: throw CanonicalJSONError(.invalidSyntax, offset: offset)
        }
    }

    private mutating func parseObject(depth: Int) throws(CanonicalJSONError) -> CanonicalJSON {
        offset += 1
        var members: [String: CanonicalJSON] = [:]
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { offset += 1; return .object(members) }
        members.reserveCapacity(Self.objectCapacity)
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw CanonicalJSONError(.invalidSyntax, offset: offset) }
            let keyOffset = offset
            let key = try parseString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            let value = try parseValue(depth: depth + 1)
            guard members.updateValue(value, forKey: key) == nil else {
                throw CanonicalJSONError(.duplicateKey, offset: keyOffset)
            }
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { offset += 1; continue }
            try expect(UInt8(ascii: "}"))
            return .object(members)
        }
    }

    private mutating func parseArray(depth: Int) throws(CanonicalJSONError) -> CanonicalJSON {
        offset += 1
        var items: [CanonicalJSON] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { offset += 1; return .array(items) }
        while true {
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { offset += 1; continue }
            try expect(UInt8(ascii: "]"))
            return .array(items)
        }
    }

    private mutating func parseInteger() throws(CanonicalJSONError) -> Int64 {
        let start = offset
        let negative = peek() == UInt8(ascii: "-")
        if negative { offset += 1 }
        var magnitude: Int64 = 0
        var digits = 0
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            if digits == 1 && magnitude == 0 { throw CanonicalJSONError(.invalidSyntax, offset: start) }
            digits += 1
            guard digits <= 16 else { throw CanonicalJSONError(.integerOutOfRange, offset: start) }
            magnitude = magnitude * 10 + Int64(byte - UInt8(ascii: "0"))
            offset += 1
        }
        guard digits > 0 else { throw CanonicalJSONError(.invalidSyntax, offset: start) }
        if let byte = peek(), byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            throw CanonicalJSONError(.floatNotAllowed, offset: start)
        }
        guard magnitude <= CanonicalJSON.integerMagnitudeMax else { throw CanonicalJSONError(.integerOutOfRange, offset: start) }
        return negative ? -magnitude : magnitude
    }

    /// A string: an escape-free run becomes a `String` straight from the input bytes
    /// (the common case); one with escapes is rebuilt byte by byte.
    private mutating func parseString() throws(CanonicalJSONError) -> String {
        let start = offset
        offset += 1
        var end = offset
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") {
                guard let text = String(validating: bytes[offset..<end], as: UTF8.self) else {
                    throw CanonicalJSONError(.invalidUTF8, offset: start)
                }
                offset = end + 1
                return text
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            end += 1
        }
        var raw = Array(bytes[offset..<end])
        offset = end
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

    private mutating func parseEscape(into raw: inout [UInt8]) throws(CanonicalJSONError) {
        let escapeOffset = offset - 1
        guard let byte = peek() else { throw CanonicalJSONError(.invalidEscape, offset: escapeOffset) }
        offset += 1
        let simple: [UInt8: UInt8] = [0x22: 0x22, 0x5c: 0x5c, 0x2f: 0x2f, 0x62: 0x08, 0x66: 0x0c, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09]
        if let mapped = simple[byte] { raw.append(mapped); return }
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

    private mutating func expectLiteral(_ literal: String) throws(CanonicalJSONError) {
        for byte in literal.utf8 { try expect(byte) }
    }

    private mutating func expect(_ byte: UInt8) throws(CanonicalJSONError) {
        guard peek() == byte else { throw CanonicalJSONError(.invalidSyntax, offset: offset) }
        offset += 1
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        offset + ahead < bytes.count ? bytes[offset + ahead] : nil
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d { offset += 1 }
    }
}
