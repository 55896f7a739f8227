/// Length-prefixed, checksummed records in one append-only file (the
/// consensus WAL). Each record is framed as
/// `length: UInt32 big-endian | crc32(payload): UInt32 big-endian | payload`.
/// A torn or corrupt tail is detected on read and cut durably, never used.
public struct RecordLog {
    public let name: String
    public let store: any DurableStore
    /// The largest payload a record may carry (16 MiB).
    public static let recordBytesMax = 1 << 24
    /// Bytes of framing before each payload.
    public static let headerBytes = 8

    public init(name: String, store: any DurableStore) {
        self.name = name
        self.store = store
    }

    /// The framed bytes of one record.
    public static func frame(_ record: [UInt8]) -> [UInt8] {
        var frame: [UInt8] = []
        frame.reserveCapacity(record.count + headerBytes)
        appendUInt32(UInt32(record.count), to: &frame)
        appendUInt32(CRC32.checksum(record[...]), to: &frame)
        frame += record
        return frame
    }

    /// Appends one record (not yet durable); returns the file size after it.
    @discardableResult
    public func append(_ record: [UInt8]) throws -> Int {
        guard record.count <= Self.recordBytesMax else {
            throw DurabilityError(.tooLarge, file: name, operation: "append",
                                  rule: "record of \(record.count) bytes exceeds \(Self.recordBytesMax)")
        }
        try store.append(name, Self.frame(record))
        return try store.size(name)
    }

    public func sync() throws { try store.sync(name) }

    /// Every whole record with its end offset. The first record that is torn
    /// (short header or payload), over the size bound or fails its checksum
    /// ends the log: the file is cut there, durably.
    public func readAll() throws -> [(record: [UInt8], end: Int)] {
        let bytes = try store.read(name)
        let (records, valid) = Self.parse(bytes)
        if valid < bytes.count { try store.truncate(name, to: valid) }
        return records
    }

    /// The whole records of `bytes` and the length of their valid prefix.
    public static func parse(_ bytes: [UInt8]) -> (records: [(record: [UInt8], end: Int)], validBytes: Int) {
        var records: [(record: [UInt8], end: Int)] = []
        var offset = 0
        while bytes.count - offset >= headerBytes {
            let length = Int(readUInt32(bytes, at: offset))
            let checksum = readUInt32(bytes, at: offset + 4)
            guard length <= recordBytesMax, bytes.count - offset - headerBytes >= length else { break }
            let payload = bytes[(offset + headerBytes)..<(offset + headerBytes + length)]
            guard CRC32.checksum(payload) == checksum else { break }
            offset += headerBytes + length
            records.append((Array(payload), offset))
        }
        return (records, offset)
    }

    private static func appendUInt32(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { ($0 << 8) | UInt32($1) }
    }
}

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, as in zlib and PNG).
public enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1 }
        return value
    }

    public static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 { checksum(bytes[...]) }
}
