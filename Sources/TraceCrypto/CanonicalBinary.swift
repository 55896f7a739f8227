/// The tagged, length-prefixed binary form of consensus objects (votes,
/// proposals, blocks, certificates). Every encoding starts with a domain tag
/// such as `crosstrace/vote/v1\n`, written as a length-prefixed UTF-8 string,
/// so the bytes of one kind of object can never be the bytes of another; a
/// transaction's signed bytes start with the raw text `crosstrace/tx/v1\n`,
/// whose first byte ('c', 0x63) can never be the first byte of a binary
/// encoding (its length prefix starts 0x00).
///
/// Integers are big-endian and fixed width; byte strings and text carry a
/// 4-byte length; booleans are one byte, 0 or 1. See `docs/encoding.md`.
public struct CanonicalWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(domain: String) {
        writeString(domain)
    }

    public mutating func writeUInt8(_ value: UInt8) { bytes.append(value) }

    public mutating func writeBool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func writeUInt32(_ value: UInt32) { appendBigEndian(UInt64(value), width: 4) }

    public mutating func writeUInt64(_ value: UInt64) { appendBigEndian(value, width: 8) }

    public mutating func writeInt64(_ value: Int64) { appendBigEndian(UInt64(bitPattern: value), width: 8) }

    /// A byte string with a 4-byte length prefix.
    public mutating func writeBytes(_ value: [UInt8]) {
        precondition(value.count <= Int(UInt32.max), "byte string longer than 4 GiB")
        writeUInt32(UInt32(value.count))
        bytes.append(contentsOf: value)
    }

    /// UTF-8 text with a 4-byte length prefix.
    public mutating func writeString(_ value: String) { writeBytes(Array(value.utf8)) }

    /// The low `width` bytes of `value`, most significant first, in one append.
    private mutating func appendBigEndian(_ value: UInt64, width: Int) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0.suffix(width)) }
    }
}

/// Why a canonical binary encoding could not be read. Equality is on `code` only.
public struct CanonicalDecodingError: Error, Hashable, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case truncated, wrongDomain, lengthTooLarge, invalidBool, invalidUTF8, trailingBytes
    }
    public let code: Code
    /// The field being read when the error happened.
    public let field: String
    public let offset: Int

    public var description: String { "canonical decoding: \(code.rawValue) at field '\(field)' (offset \(offset))" }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}

/// Reads what `CanonicalWriter` wrote. Every read is bounds-checked and names
/// the field it was reading when it fails; nothing traps on hostile input.
public struct CanonicalReader: Sendable {
    private let bytes: [UInt8]
    public private(set) var offset: Int = 0

    /// Starts reading `bytes` and checks the domain tag.
    public init(_ bytes: [UInt8], domain: String) throws(CanonicalDecodingError) {
        self.bytes = bytes
        let found = try readBytes("domain", maxCount: 256)
        guard found == Array(domain.utf8) else {
            throw CanonicalDecodingError(code: .wrongDomain, field: "domain", offset: 0)
        }
    }

    public var isAtEnd: Bool { offset == bytes.count }

    /// Fails unless every byte was read.
    public func finish() throws(CanonicalDecodingError) {
        guard isAtEnd else { throw CanonicalDecodingError(code: .trailingBytes, field: "end", offset: offset) }
    }

    public mutating func readUInt8(_ field: String) throws(CanonicalDecodingError) -> UInt8 {
        try take(1, field)[0]
    }

    public mutating func readBool(_ field: String) throws(CanonicalDecodingError) -> Bool {
        let byte = try readUInt8(field)
        guard byte <= 1 else { throw CanonicalDecodingError(code: .invalidBool, field: field, offset: offset - 1) }
        return byte == 1
    }

    public mutating func readUInt32(_ field: String) throws(CanonicalDecodingError) -> UInt32 {
        UInt32(try readBigEndian(field, width: 4))
    }

    public mutating func readUInt64(_ field: String) throws(CanonicalDecodingError) -> UInt64 {
        try readBigEndian(field, width: 8)
    }

    public mutating func readInt64(_ field: String) throws(CanonicalDecodingError) -> Int64 {
        Int64(bitPattern: try readBigEndian(field, width: 8))
    }

    /// A length-prefixed byte string of at most `maxCount` bytes.
    public mutating func readBytes(_ field: String, maxCount: Int) throws(CanonicalDecodingError) -> [UInt8] {
        let count = Int(try readUInt32(field))
        guard count <= maxCount else {
            throw CanonicalDecodingError(code: .lengthTooLarge, field: field, offset: offset - 4)
        }
        return try take(count, field)
    }

    public mutating func readString(_ field: String, maxCount: Int) throws(CanonicalDecodingError) -> String {
        let raw = try readBytes(field, maxCount: maxCount)
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw CanonicalDecodingError(code: .invalidUTF8, field: field, offset: offset - raw.count)
        }
        return text
    }

    private mutating func readBigEndian(_ field: String, width: Int) throws(CanonicalDecodingError) -> UInt64 {
        try take(width, field).reduce(0) { ($0 << 8) | UInt64($1) }
    }

    private mutating func take(_ count: Int, _ field: String) throws(CanonicalDecodingError) -> [UInt8] {
        guard count >= 0, bytes.count - offset >= count else {
            throw CanonicalDecodingError(code: .truncated, field: field, offset: offset)
        }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }
}
