import Testing
import TraceLedger
@testable import TraceSimulation

/// The simulated disk loses unsynced writes and tears the last record; the
/// record log cuts a torn tail (R-5.3.1, crash safety).
@Suite struct StorageTests {
    @Test func unsyncedWritesAreLostOrTorn_syncedSurvive() throws {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<50 {
            let disk = SimulatedDisk()
            let log = RecordLog(name: "wal", store: disk)
            try log.append([1, 2, 3])
            try log.sync()
            try log.append(Array(repeating: 9, count: 40))
            disk.crash(using: &rng)
            let records = try log.readAll()
            #expect(records.first?.record == [1, 2, 3])
            #expect(records.count <= 2)
            #expect(try disk.read("wal").count == records.last?.end)
        }
    }

    @Test func corruptRecordCutsTheTail() throws {
        let disk = SimulatedDisk()
        let log = RecordLog(name: "wal", store: disk)
        try log.append([1])
        try log.append([2])
        var bytes = try disk.read("wal")
        bytes[bytes.count - 1] ^= 0xFF
        try disk.writeAtomically("wal", bytes)
        #expect(try log.readAll().map(\.record) == [[1]])
    }

    @Test func crashAtWritePointThrowsAndKeepsOldAtomicFile() throws {
        let disk = SimulatedDisk()
        try disk.writeAtomically("state", [1])
        disk.operationsUntilCrash = 1
        #expect(throws: SimulatedCrash.self) { try disk.writeAtomically("state", [2]) }
        #expect(try disk.read("state") == [1])
    }
}
