/// Reads any client's JSON (RFC 8259, UTF-8) into `CanonicalJSON` so it can be
/// re-canonicalised. Bounded: at most `sizeMax` bytes and `CanonicalJSON.depthMax`
/// levels. Refuses what JCS transaction bodies may not contain: fractions and
/// exponents, integers beyond ±(2^53 − 1), duplicate member names, lone
/// surrogates, invalid UTF-8, and trailing bytes.
///
/// Reads the input through one unsafe buffer (no per-byte retain or bounds
/// check) and makes an ASCII string straight from its bytes without a second
/// validation pass: transaction decoding at admission and every trace query
/// run through here (issue 7).
public struct CanonicalJSONParser {
    public static let sizeMaxDefault = 1 << 20
    /// Members an object's storage is made for up front (a record's fields fit without a resize).
    static let objectCapacity = 12

    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0
    /// Which array's elements may be read as `null` (see `CanonicalJSONPruning`).
    let pruning: CanonicalJSONPruning?
    /// False once the input shows it is not its own canonical form: whitespace,
    /// members out of RFC 8785 order, any escape (even a canonical one), `-0`.
    /// True at the end means the input is exactly the canonical bytes of the value.
    var isCanonical = true

    init(_ bytes: UnsafeBufferPointer<UInt8>, pruning: CanonicalJSONPruning?) {
        self.bytes = bytes
        self.pruning = pruning
    }

    public static func parse(_ bytes: [UInt8], sizeMax: Int = sizeMaxDefault) throws(CanonicalJSONError) -> CanonicalJSON {
        try parse(bytes, sizeMax: sizeMax, pruning: nil)
    }

    /// `parse`, also saying whether `bytes` are exactly the canonical form of the
    /// value (issue 7): a node that receives canonical wire bytes need not
    /// serialise the value again to have them. A false is conservative: a string
    /// holding an escape is reported as not canonical even where RFC 8785
    /// writes that escape.
    public static func parseNotingCanonical(_ bytes: [UInt8], sizeMax: Int = sizeMaxDefault)
        throws(CanonicalJSONError) -> (value: CanonicalJSON, isCanonical: Bool) {
        guard bytes.count <= sizeMax else { throw CanonicalJSONError(.tooLarge, offset: sizeMax) }
        let result = bytes.withUnsafeBufferPointer { buffer in
            var parser = CanonicalJSONParser(buffer, pruning: nil)
            return Result { () throws(CanonicalJSONError) -> (value: CanonicalJSON, isCanonical: Bool) in
                let value = try parser.parseDocument()
                return (value, parser.isCanonical)
            }
        }
        return try result.get()
    }

    /// `parse`, reading the elements of `pruning`'s array that it does not keep as `null`
    /// in their places; nil `pruning` is a whole parse.
    public static func parse(_ bytes: [UInt8], sizeMax: Int = sizeMaxDefault,
                             pruning: CanonicalJSONPruning?) throws(CanonicalJSONError) -> CanonicalJSON {
        guard bytes.count <= sizeMax else { throw CanonicalJSONError(.tooLarge, offset: sizeMax) }
        let result = bytes.withUnsafeBufferPointer { buffer in
            var parser = CanonicalJSONParser(buffer, pruning: pruning)
            return Result { () throws(CanonicalJSONError) -> CanonicalJSON in try parser.parseDocument() }
        }
        return try result.get()
    }

    mutating func parseDocument() throws(CanonicalJSONError) -> CanonicalJSON {
        let value = try parseValue(depth: 0, path: pruning == nil ? nil : 0)
        skipWhitespace()
        guard offset == bytes.count else { throw CanonicalJSONError(.trailingBytes, offset: offset) }
        return value
    }

    /// `path`: how many names of the pruned array's path lead here (nil: off that path).
    mutating func parseValue(depth: Int, path: Int?) throws(CanonicalJSONError) -> CanonicalJSON {
        guard depth <= CanonicalJSON.depthMax else { throw CanonicalJSONError(.tooDeep, offset: offset) }
        skipWhitespace()
        guard let byte = peek() else { throw CanonicalJSONError(.invalidSyntax, offset: offset) }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth, path: path)
        case UInt8(ascii: "["):
            if let pruning, path == pruning.path.count { return try parsePrunedArray(depth: depth, pruning) }
            return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .integer(try parseInteger())
        default: throw CanonicalJSONError(.invalidSyntax, offset: offset)
        }
    }

    private mutating func parseObject(depth: Int, path: Int?) throws(CanonicalJSONError) -> CanonicalJSON {
        offset += 1
        var members: [String: CanonicalJSON] = [:]
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { offset += 1; return .object(members) }
        members.reserveCapacity(Self.objectCapacity)
        var previous: String?
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw CanonicalJSONError(.invalidSyntax, offset: offset) }
            let keyOffset = offset
            let key = try parseString()
            if isCanonical, let previous, !CanonicalJSON.memberPrecedes(previous, key) { isCanonical = false }
            previous = key
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            let value = try parseValue(depth: depth + 1, path: childPath(path, key: key))
            guard members.updateValue(value, forKey: key) == nil else {
                throw CanonicalJSONError(.duplicateKey, offset: keyOffset)
            }
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { offset += 1; continue }
            try expect(UInt8(ascii: "}"))
            return .object(members)
        }
    }

    private func childPath(_ path: Int?, key: String) -> Int? {
        guard let path, let pruning, path < pruning.path.count, pruning.path[path] == key else { return nil }
        return path + 1
    }

    private mutating func parseArray(depth: Int) throws(CanonicalJSONError) -> CanonicalJSON {
        offset += 1
        var items: [CanonicalJSON] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { offset += 1; return .array(items) }
        while true {
            items.append(try parseValue(depth: depth + 1, path: nil))
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { offset += 1; continue }
            try expect(UInt8(ascii: "]"))
            return .array(items)
        }
    }

    mutating func parseInteger() throws(CanonicalJSONError) -> Int64 {
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
        if negative && magnitude == 0 { isCanonical = false }
        return negative ? -magnitude : magnitude
    }

    mutating func expectLiteral(_ literal: StaticString) throws(CanonicalJSONError) {
        let text = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for byte in text { try expect(byte) }
    }

    mutating func expect(_ byte: UInt8) throws(CanonicalJSONError) {
        guard peek() == byte else { throw CanonicalJSONError(.invalidSyntax, offset: offset) }
        offset += 1
    }

    func peek(_ ahead: Int = 0) -> UInt8? {
        offset + ahead < bytes.count ? bytes[offset + ahead] : nil
    }

    mutating func skipWhitespace() {
        while offset < bytes.count {
            let byte = bytes[offset]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d else { return }
            isCanonical = false
            offset += 1
        }
    }
}
