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

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, as in zlib and PNG),
/// eight bytes a step over eight tables ("slicing by 8"): every consensus
/// message and block is checksummed into the WAL, and the byte-wise loop was
/// a hundredth of a validator's CPU under load (issue 7).
public enum CRC32 {
    /// Eight tables of 256, one after another: entry `256·k + b` is the CRC of
    /// byte `b` followed by `k` zero bytes.
    static let table: [UInt32] = {
        var table: [UInt32] = (0..<256).map { index in
            var value = UInt32(index)
            for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1 }
            return value
        }
        for entry in 256..<(8 * 256) {
            let previous = table[entry - 256]
            table.append(table[Int(previous & 0xFF)] ^ (previous >> 8))
        }
        return table
    }()

    public static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        table.withUnsafeBufferPointer { table in
            bytes.withUnsafeBufferPointer { buffer in ~update(~0, buffer, table) }
        }
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 { checksum(bytes[...]) }

    private static func update(_ start: UInt32, _ buffer: UnsafeBufferPointer<UInt8>, _ table: UnsafeBufferPointer<UInt32>) -> UInt32 {
        var crc = start
        var index = 0
        let count = buffer.count
        while count - index >= 8 {
            let low = crc ^ (UInt32(buffer[index]) | UInt32(buffer[index + 1]) << 8
                | UInt32(buffer[index + 2]) << 16 | UInt32(buffer[index + 3]) << 24)
            crc = table[7 * 256 + Int(low & 0xFF)] ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                ^ table[5 * 256 + Int((low >> 16) & 0xFF)] ^ table[4 * 256 + Int(low >> 24)]
                ^ table[3 * 256 + Int(buffer[index + 4])] ^ table[2 * 256 + Int(buffer[index + 5])]
                ^ table[256 + Int(buffer[index + 6])] ^ table[Int(buffer[index + 7])]
            index += 8
        }
        while index < count {
            crc = table[Int((crc ^ UInt32(buffer[index])) & 0xFF)] ^ (crc >> 8)
            index += 1
        }
        return crc
    }
}
