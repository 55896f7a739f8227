import Testing
@testable import TraceLedger
import TraceTestSupport

/// The record log on real files: records survive a reopen; a torn or corrupt
/// tail is cut, never used (R-5.3.1, crash safety).
@Suite struct RecordLogFileTests {
    static let records: [[UInt8]] = [[], [1], [2, 3, 4], [UInt8](repeating: 0xAB, count: 300)]

    func writeLog(_ directory: TemporaryDirectory, _ records: [[UInt8]] = Self.records) throws -> [Int] {
        let log = RecordLog(name: "wal", store: try FileDurableStore(directory: directory.path))
        let ends = try records.map { try log.append($0) }
        try log.sync()
        return ends
    }

    @Test func r5_3_1_appendSyncReopen_readsEveryRecord() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ends = try writeLog(directory)
        let reopened = RecordLog(name: "wal", store: try FileDurableStore(directory: directory.path))
        let read = try reopened.readAll()
        #expect(read.map(\.record) == Self.records)
        #expect(read.map(\.end) == ends)
        #expect(try directory.rawBytes("wal").count == ends.last)
    }

    /// CRC-32 check value of "123456789" (the standard check of the IEEE polynomial).
    @Test func crc32CheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func r5_3_1_tornTailWrittenByHand_isCut() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try writeLog(directory)
        let whole = try directory.rawBytes("wal")
        let next = RecordLog.frame([9, 9, 9, 9, 9, 9])
        for kept in 1..<next.count {
            try directory.writeRaw("wal", whole + next.prefix(kept))
            let log = RecordLog(name: "wal", store: try FileDurableStore(directory: directory.path))
            #expect(try log.readAll().map(\.record) == Self.records, "torn after \(kept) bytes")
            #expect(try directory.rawBytes("wal") == whole, "cut after \(kept) bytes")
        }
    }

    @Test func r5_3_1_corruptChecksumInTheMiddle_cutsFromThere() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ends = try writeLog(directory)
        var bytes = try directory.rawBytes("wal")
        bytes[ends[1] + 5] ^= 0x01
        try directory.writeRaw("wal", bytes)
        let log = RecordLog(name: "wal", store: try FileDurableStore(directory: directory.path))
        #expect(try log.readAll().map(\.record) == Array(Self.records.prefix(2)))
        #expect(try directory.rawBytes("wal").count == ends[1])
        try log.append([7])
        try log.sync()
        #expect(try log.readAll().map(\.record) == Array(Self.records.prefix(2)) + [[7]])
    }

    @Test func r5_3_1_corruptPayloadOrOversizedLength_cutsFromThere() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ends = try writeLog(directory)
        let whole = try directory.rawBytes("wal")
        var payload = whole
        payload[ends[2] + 8] ^= 0x80
        try directory.writeRaw("wal", payload)
        let store = try FileDurableStore(directory: directory.path)
        #expect(try RecordLog(name: "wal", store: store).readAll().count == 3)
        var length = whole
        length[ends[0]] = 0xFF
        try directory.writeRaw("wal", length)
        #expect(try RecordLog(name: "wal", store: store).readAll().count == 1)
    }

    /// 300 seeded random garbage tails: the valid records are returned, the
    /// file is cut to them, and reading again changes nothing.
    @Test func r5_3_1_randomGarbageTails_fuzzed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try writeLog(directory)
        let whole = try directory.rawBytes("wal")
        let store = try FileDurableStore(directory: directory.path)
        var rng = SeededGenerator(seed: 0x5EED_1234)
        for round in 0..<300 {
            let garbage = rng.bytes(Int(rng.next() % 64) + 1)
            try directory.writeRaw("wal", whole + garbage)
            let log = RecordLog(name: "wal", store: store)
            let read = try log.readAll()
            #expect(read.map(\.record) == Self.records, "round \(round)")
            #expect(try directory.rawBytes("wal") == whole, "round \(round)")
            #expect(try log.readAll().map(\.record) == Self.records, "round \(round)")
        }
    }

    @Test func oversizedRecordIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let log = RecordLog(name: "wal", store: try FileDurableStore(directory: directory.path))
        #expect(throws: DurabilityError(.tooLarge, file: "", operation: "", rule: "")) {
            try log.append([UInt8](repeating: 0, count: RecordLog.recordBytesMax + 1))
        }
    }
}

/// Issue 7: the eight-bytes-a-step CRC-32 equals the byte-wise definition at every
/// length and alignment (the WAL's checksums must not change).
@Suite struct CRC32Tests {
    static func bytewise(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    @Test func r5_3_2_slicedEqualsBytewise() {
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        for start in 0..<9 {
            for end in [start, start + 1, start + 7, start + 8, start + 9, start + 17, 300] {
                let slice = bytes[start..<end]
                #expect(CRC32.checksum(slice) == Self.bytewise(slice), "\(start)..<\(end)")
            }
        }
        #expect(CRC32.checksum([]) == 0)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    }
}
