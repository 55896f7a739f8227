/// The small file-system protocol the node's durable state is written
/// through: the consensus WAL, the signer state and the block store. A real
/// node backs it with files and fsync; the simulator with `SimulatedDisk`.
public protocol DurableStore: AnyObject {
    /// The file's current bytes, synced or not (empty if absent).
    func read(_ name: String) throws -> [UInt8]
    /// The file's current size in bytes, synced or not.
    func size(_ name: String) throws -> Int
    /// Appends bytes; they may be lost or torn by a crash until `sync`.
    func append(_ name: String, _ bytes: [UInt8]) throws
    /// Makes every earlier append durable.
    func sync(_ name: String) throws
    /// Cuts the file to `size` bytes, durably.
    func truncate(_ name: String, to size: Int) throws
    /// Replaces the whole file durably: after a crash it holds the old or the new bytes, never a mix.
    func writeAtomically(_ name: String, _ bytes: [UInt8]) throws
}

/// A crash injected at a durable-write point.
public struct SimulatedCrash: Error, Hashable, Sendable {
    public let operation: String
}

/// Storage that loses unsynced writes on a crash, can tear the last record
/// (keeping any prefix of the unsynced bytes), and can crash the node at its
/// k-th durable-write operation.
public final class SimulatedDisk: DurableStore {
    private struct File { var synced: [UInt8] = []; var unsynced: [UInt8] = [] }
    private var files: [String: File] = [:]
    /// Crash at the operation that brings this to zero.
    public var operationsUntilCrash: Int?
    public private(set) var operations = 0

    public init() {}

    public func read(_ name: String) throws -> [UInt8] {
        let file = files[name] ?? File()
        return file.synced + file.unsynced
    }

    public func size(_ name: String) throws -> Int { (files[name]?.synced.count ?? 0) + (files[name]?.unsynced.count ?? 0) }

    /// Bytes that survive any crash.
    public func durableSize(_ name: String) -> Int { files[name]?.synced.count ?? 0 }

    public func append(_ name: String, _ bytes: [UInt8]) throws {
        files[name, default: File()].unsynced += bytes
        try writePoint("append \(name)")
    }

    public func sync(_ name: String) throws {
        try writePoint("sync \(name)")
        var file = files[name, default: File()]
        file.synced += file.unsynced
        file.unsynced = []
        files[name] = file
    }

    public func truncate(_ name: String, to size: Int) throws {
        try writePoint("truncate \(name)")
        let all = try read(name)
        files[name] = File(synced: Array(all.prefix(max(0, size))), unsynced: [])
    }

    public func writeAtomically(_ name: String, _ bytes: [UInt8]) throws {
        try writePoint("write \(name)")
        files[name] = File(synced: bytes, unsynced: [])
    }

    /// The power goes out: each file keeps its synced bytes and a random
    /// prefix of its unsynced bytes (a torn tail).
    public func crash(using generator: inout SeededGenerator) {
        for name in files.keys.sorted() {
            guard var file = files[name], !file.unsynced.isEmpty else { continue }
            let kept = Int(generator.next() % UInt64(file.unsynced.count + 1))
            file.synced += file.unsynced.prefix(kept)
            file.unsynced = []
            files[name] = file
        }
    }

    private func writePoint(_ operation: String) throws {
        operations += 1
        guard let remaining = operationsUntilCrash else { return }
        if remaining <= 1 {
            operationsUntilCrash = nil
            throw SimulatedCrash(operation: operation)
        }
        operationsUntilCrash = remaining - 1
    }
}

/// Length-prefixed, checksummed records in one append-only file: the
/// consensus WAL and the block store. A torn or corrupt tail is cut on read.
public struct RecordLog {
    public let name: String
    public let store: any DurableStore
    public static let recordBytesMax = 1 << 24

    public init(name: String, store: any DurableStore) {
        self.name = name
        self.store = store
    }

    /// Appends one record (not yet durable); returns the file size after it.
    @discardableResult
    public func append(_ record: [UInt8]) throws -> Int {
        var frame: [UInt8] = []
        frame.reserveCapacity(record.count + 8)
        appendUInt32(UInt32(record.count), to: &frame)
        appendUInt32(CRC32.checksum(record), to: &frame)
        frame += record
        try store.append(name, frame)
        return try store.size(name)
    }

    public func sync() throws { try store.sync(name) }

    /// Every whole record with its end offset; cuts a torn tail durably.
    public func readAll() throws -> [(record: [UInt8], end: Int)] {
        let bytes = try store.read(name)
        var records: [(record: [UInt8], end: Int)] = []
        var offset = 0
        while bytes.count - offset >= 8 {
            let length = Int(readUInt32(bytes, at: offset))
            let checksum = readUInt32(bytes, at: offset + 4)
            guard length <= Self.recordBytesMax, bytes.count - offset - 8 >= length else { break }
            let record = Array(bytes[(offset + 8)..<(offset + 8 + length)])
            guard CRC32.checksum(record) == checksum else { break }
            offset += 8 + length
            records.append((record, offset))
        }
        if offset < bytes.count { try store.truncate(name, to: offset) }
        return records
    }

    private func appendUInt32(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { ($0 << 8) | UInt32($1) }
    }
}

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1 }
        return value
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
