/// A JSON value restricted to what transaction bodies may hold: no floats.
/// Integers are limited to ±(2^53 − 1) so every language's JSON reads them
/// exactly; amounts travel as decimal strings ("12.50"), never as numbers.
/// Serialised by RFC 8785 (JSON Canonicalization Scheme, JCS).
///
/// Not `indirect`: arrays and dictionaries already hold their elements out of
/// line, and boxing every string and integer cost an allocation each (issue 7).
public enum CanonicalJSON: Hashable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case array([CanonicalJSON])
    case object([String: CanonicalJSON])

    /// Largest magnitude an integer may have (2^53 − 1, I-JSON RFC 7493 §2.2).
    public static let integerMagnitudeMax: Int64 = (1 << 53) - 1
    /// Deepest nesting of arrays and objects accepted or written.
    public static let depthMax = 32

    /// The RFC 8785 canonical UTF-8 bytes. Throws if an integer is out of
    /// range or nesting is deeper than `depthMax`.
    public func canonicalBytes() throws(CanonicalJSONError) -> [UInt8] {
        var out: [UInt8] = []
        try write(into: &out, depth: 0)
        return out
    }

    private func write(into out: inout [UInt8], depth: Int) throws(CanonicalJSONError) {
        guard depth <= Self.depthMax else { throw CanonicalJSONError(.tooDeep, offset: out.count) }
        switch self {
        case .null: out.append(contentsOf: Array("null".utf8))
        case .bool(let value): out.append(contentsOf: Array((value ? "true" : "false").utf8))
        case .integer(let value):
            guard value >= -Self.integerMagnitudeMax, value <= Self.integerMagnitudeMax else {
                throw CanonicalJSONError(.integerOutOfRange, offset: out.count)
            }
            out.append(contentsOf: Array(String(value).utf8))
        case .string(let value): Self.writeString(value, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                try item.write(into: &out, depth: depth + 1)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in Self.sortedMembers(members).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                try member.value.write(into: &out, depth: depth + 1)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// RFC 8785 §3.2.3: member names sorted by their UTF-16 code units.
    static func sortedMembers(_ members: [String: CanonicalJSON]) -> [(key: String, value: CanonicalJSON)] {
        members.sorted { memberPrecedes($0.key, $1.key) }
    }

    /// Whether member name `first` comes before `second` in canonical order (RFC 8785 §3.2.3).
    static func memberPrecedes(_ first: String, _ second: String) -> Bool {
        first.utf16.lexicographicallyPrecedes(second.utf16)
    }

    /// RFC 8785 §3.2.2.2 (ECMAScript JSON.stringify): escape `"` `\` and
    /// controls below U+0020 (\b \t \n \f \r short forms, others \u00xx
    /// lowercase); everything else is literal UTF-8.
    static func writeString(_ value: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5c, 0x22])
            case 0x5c: out.append(contentsOf: [0x5c, 0x5c])
            case 0x08: out.append(contentsOf: Array("\\b".utf8))
            case 0x09: out.append(contentsOf: Array("\\t".utf8))
            case 0x0a: out.append(contentsOf: Array("\\n".utf8))
            case 0x0c: out.append(contentsOf: Array("\\f".utf8))
            case 0x0d: out.append(contentsOf: Array("\\r".utf8))
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0f)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// Why bytes are not an acceptable transaction body. Equality is on `code` only.
public struct CanonicalJSONError: Error, Hashable, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case tooLarge, tooDeep, invalidSyntax, invalidUTF8, invalidEscape, loneSurrogate
        case floatNotAllowed, integerOutOfRange, duplicateKey, trailingBytes, notAnObject
    }
    public let code: Code
    /// Byte offset in the input (or output, when writing) where the problem was found.
    public let offset: Int

    public init(_ code: Code, offset: Int) {
        self.code = code
        self.offset = offset
    }

    public var description: String { "canonical JSON: \(code.rawValue) at byte \(offset)" }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}

/// The bytes a transaction signature covers: the ASCII domain tag
/// `crosstrace/tx/v1\n` followed by the RFC 8785 canonical JSON of the body.
/// A transaction's id is `profile.hash(signingBytes)` — the signed body, never the signature.
public enum TransactionSigningBytes {
    public static let domainTag = Array("crosstrace/tx/v1\n".utf8)

    /// Domain tag ‖ canonical JSON of `body` (which must be an object).
    public static func of(_ body: CanonicalJSON) throws(CanonicalJSONError) -> [UInt8] {
        guard case .object = body else { throw CanonicalJSONError(.notAnObject, offset: 0) }
        return domainTag + (try body.canonicalBytes())
    }

    /// Parses a client's body bytes (any whitespace and key order) and re-canonicalises them.
    public static func of(jsonBytes: [UInt8], sizeMax: Int = CanonicalJSONParser.sizeMaxDefault) throws(CanonicalJSONError) -> [UInt8] {
        try of(try CanonicalJSONParser.parse(jsonBytes, sizeMax: sizeMax))
    }

    /// The transaction id: the profile hash of the signing bytes.
    public static func transactionId(of signingBytes: [UInt8], hash: HashAlgorithm) -> [UInt8] {
        hash.hash(signingBytes)
    }
}
