import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger
import TraceTestSupport

/// The consensus WAL over the record log on real files.
@Suite struct ConsensusWALTests {
    let signer = fixedSigner(0x21)

    func start(_ height: UInt64) throws -> ConsensusWALEntry {
        let set = try ValidatorSet([Validator(publicKey: signer.publicKey, power: VotingPower(1))])
        return .input(.startHeight(HeightStart(height: Height(height), validators: set, previous: nil, genesisTime: 0,
                                               payload: [UInt8(height)])), localTime: 100)
    }

    @Test func r5_3_3_recoverReturnsTheCurrentHeight_andOwnMessages() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let wal = ConsensusWAL(store: try FileDurableStore(directory: directory.path))
        let old = try durabilityVote(signer, height: 1, round: 0, block: 1)
        let prevote = try durabilityVote(signer, height: 2, round: 0, block: 2)
        let precommit = try durabilityVote(signer, type: .precommit, height: 2, round: 0, block: 2)
        try wal.append(try start(1))
        try wal.appendOwnAndSync(.vote(old))
        try wal.append(try start(2))
        try wal.append(.input(.tick, localTime: 150))
        try wal.append(.input(.updatePayload(Height(2), [9, 9, 9]), localTime: 160))
        try wal.appendOwnAndSync(.vote(prevote))
        let end = try wal.appendOwnAndSync(.vote(precommit))

        let reopened = ConsensusWAL(store: try FileDurableStore(directory: directory.path))
        let recovery = try reopened.recover(height: Height(2))
        #expect(recovery.entries.map(\.entry) == [try start(2), .input(.tick, localTime: 150),
                                                   .input(.updatePayload(Height(2), [9, 9, 9]), localTime: 160),
                                                   .own(.vote(prevote)), .own(.vote(precommit))])
        #expect(recovery.entries.last?.end == end)
        #expect(recovery.own == [.vote(prevote), .vote(precommit)])
        #expect(recovery.highestOwn?.position == position(2, 0, 2))
        #expect(recovery.highestOwn?.signature == precommit.signature)
        #expect(try reopened.recover(height: Height(3)).entries.isEmpty)
        try reopened.reset()
        #expect(try reopened.readAll().isEmpty)
        #expect(try directory.rawBytes(ConsensusWAL.defaultName) == [])
    }

    @Test func r5_3_1_tornLastRecordIsCut_beforeReplay() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let wal = ConsensusWAL(store: try FileDurableStore(directory: directory.path))
        try wal.append(try start(1))
        let end = try wal.appendOwnAndSync(.vote(try durabilityVote(signer, height: 1, round: 0, block: 1)))
        let torn = RecordLog.frame(ConsensusWALEntry.own(.vote(try durabilityVote(signer, height: 1, round: 1, block: 1))).encoded())
        try directory.writeRaw(ConsensusWAL.defaultName, try directory.rawBytes(ConsensusWAL.defaultName) + torn.dropLast(3))
        #expect(try wal.recover(height: Height(1)).own.count == 1)
        #expect(try directory.rawBytes(ConsensusWAL.defaultName).count == end)
    }

    /// A record with a valid checksum that does not decode is refused, never replayed or silently dropped.
    @Test func r5_3_1_checksummedGarbageIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileDurableStore(directory: directory.path)
        try RecordLog(name: ConsensusWAL.defaultName, store: store).append([0xDE, 0xAD])
        #expect(throws: DurabilityError(.corrupted, file: "", operation: "", rule: "")) {
            try ConsensusWAL(store: store).readAll()
        }
    }

    /// Seeded random bytes and mutations of a valid WAL never crash the reader.
    @Test func r5_3_1_fuzzedWALBytesNeverCrash() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileDurableStore(directory: directory.path)
        let wal = ConsensusWAL(store: store)
        try wal.append(try start(1))
        try wal.appendOwnAndSync(.vote(try durabilityVote(signer, height: 1, round: 0, block: 1)))
        let valid = try directory.rawBytes(ConsensusWAL.defaultName)
        var rng = SeededGenerator(seed: 99)
        var outcomes = 0
        for _ in 0..<200 {
            var bytes = valid
            for _ in 0..<(1 + Int(rng.next() % 4)) { bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(rng.next() & 0xFF) }
            try directory.writeRaw(ConsensusWAL.defaultName, rng.next() % 2 == 0 ? bytes : rng.bytes(Int(rng.next() % 200)))
            do {
                let entries = try wal.readAll()
                #expect(entries.count <= 2)
                outcomes += 1
            } catch let error as DurabilityError {
                #expect(error.code == .corrupted)
                outcomes += 1
            }
        }
        #expect(outcomes == 200)
    }
}
