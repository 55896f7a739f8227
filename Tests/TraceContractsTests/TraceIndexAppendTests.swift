import Testing
@testable import TraceContracts
import TraceLedger
import TraceModel
import TraceTestSupport

/// Issue 7: appending to a unit's stored trace index (R-6.3.1.3) without
/// decoding it gives exactly the bytes of decode, `append`, encode — and the
/// same refusals.
@Suite struct TraceIndexAppendTests {
    static func entry(_ height: UInt64, _ index: UInt32, id: UInt8 = 7, length: Int = 32) -> TraceIndexEntry {
        TraceIndexEntry(height: height, index: index, transactionID: TransactionID(bytes: [UInt8](repeating: id, count: length)))
    }

    /// The decoding path `touch` takes when the fast path declines.
    static func slow(_ entry: TraceIndexEntry, _ stored: [UInt8]) throws(MembershipRefusal) -> [UInt8] {
        var index = (try? TraceIndex(canonicalBytes: stored)) ?? TraceIndex()
        try index.append(entry)
        return index.canonicalBytes
    }

    @Test func r6_3_1_3_seededAppendsMatchDecodeAppendEncode() throws {
        var rng = SeededGenerator(seed: 0x1DE7)
        var stored = TraceIndex(entries: [Self.entry(1, 0)]).canonicalBytes
        var position = RecordPosition(height: 1, index: 0)
        for _ in 0..<300 {
            let step = Int.random(in: 0..<4, using: &rng)
            position = step == 0 ? position
                : step == 1 ? RecordPosition(height: position.height, index: position.index + 1)
                : RecordPosition(height: position.height + UInt64.random(in: 1...3, using: &rng), index: UInt32.random(in: 0...5, using: &rng))
            let next = Self.entry(position.height, position.index, id: UInt8.random(in: 0...255, using: &rng))
            let fast = try #require(try TraceIndex.appending(next, to: stored))
            #expect(fast == (try Self.slow(next, stored)))
            stored = fast
        }
        #expect(try TraceIndex(canonicalBytes: stored).entries.count > 200)
    }

    @Test func r6_3_1_3_anEarlierPositionIsRefusedAlike() throws {
        let stored = TraceIndex(entries: [Self.entry(5, 2)]).canonicalBytes
        let early = Self.entry(5, 1)
        #expect(throws: MembershipRefusal(.conflict, field: "index", rule: "")) { try TraceIndex.appending(early, to: stored) }
        #expect(throws: MembershipRefusal(.conflict, field: "index", rule: "")) { try Self.slow(early, stored) }
        #expect(try TraceIndex.appending(Self.entry(5, 2), to: stored) == stored)
    }

    @Test func r6_3_1_3_fullIndexIsRefusedAlike() throws {
        let full = TraceIndex(entries: (0..<TraceIndex.entriesMax).map { Self.entry(UInt64($0) + 1, 0) }).canonicalBytes
        let next = Self.entry(UInt64(TraceIndex.entriesMax) + 1, 0)
        #expect(throws: MembershipRefusal(.tooLarge, field: "index", rule: "")) { try TraceIndex.appending(next, to: full) }
        #expect(throws: MembershipRefusal(.tooLarge, field: "index", rule: "")) { try Self.slow(next, full) }
    }

    /// Bytes not laid out as the index writes them go to the decoding path.
    @Test func r6_3_1_3_otherLayoutsDecline() throws {
        let good = TraceIndex(entries: [Self.entry(1, 0), Self.entry(2, 0)]).canonicalBytes
        let mixed = TraceIndex(entries: [Self.entry(1, 0, length: 32), Self.entry(2, 0, length: 20)]).canonicalBytes
        let cases: [[UInt8]] = [[], Array(good.prefix(10)), good + [0], Array(good.dropLast()), mixed,
                                TraceIndex().canonicalBytes, [0xFF] + good.dropFirst()]
        for bytes in cases {
            #expect(try TraceIndex.appending(Self.entry(3, 0), to: bytes) == nil, "\(bytes.count) bytes")
        }
        #expect(try TraceIndex.appending(Self.entry(3, 0, length: 20), to: good) == nil)
    }
}
