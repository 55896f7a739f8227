import Testing
import TraceModel

/// Corrections never rewrite history: a correction supersedes the record it references (R-5.1-c).
@Suite struct CorrectionTests {
    static let participant = "org:logistics-1"

    func entry(_ height: UInt64, supersedes: UInt64? = nil, item: RecordItem = .logisticsTransport,
               code: String? = nil, participant: String = CorrectionTests.participant) throws -> RecordEntry {
        RecordEntry(position: Agg.pos(height), item: item, traceCode: try code ?? Agg.unit(1).key,
                    participant: participant, supersedes: supersedes.map { Agg.pos($0) })
    }

    @Test func r5_1_c_correctionsChainAndHistoryStays() throws {
        var history = RecordHistory()
        try history.append(entry(1))
        try history.append(entry(2, item: .logisticsTally))
        try history.append(entry(3, supersedes: 1))
        try history.append(entry(4, supersedes: 3))
        let code = try Agg.unit(1).key
        #expect(history.current(of: code).map(\.position) == [Agg.pos(2), Agg.pos(4)])
        let all = history.history(of: code)
        #expect(all.map(\.entry.position) == [Agg.pos(1), Agg.pos(2), Agg.pos(3), Agg.pos(4)])
        #expect(all.map(\.supersededBy) == [Agg.pos(3), nil, Agg.pos(4), nil])
        #expect(history.chain(from: Agg.pos(3)) == [Agg.pos(1), Agg.pos(3), Agg.pos(4)])
        #expect(history.chain(from: Agg.pos(1)) == [Agg.pos(1), Agg.pos(3), Agg.pos(4)])
        #expect(history.chain(from: Agg.pos(2)) == [Agg.pos(2)])
        #expect(history.chain(from: Agg.pos(9)).isEmpty)
        #expect(history.standing(at: Agg.pos(1))?.isCurrent == false)
        #expect(history.entries.count == 4)
    }

    @Test func r5_1_c_invalidCorrectionsRefused() throws {
        var history = RecordHistory()
        try history.append(entry(1))
        try history.append(entry(2, code: try Agg.unit(2).key))
        try history.append(entry(3, supersedes: 1))
        expectRefused(.futureRecord) { try history.append(entry(5, supersedes: 5)) }
        expectRefused(.futureRecord) { try history.append(entry(5, supersedes: 7)) }
        expectRefused(.unknownRecord) { try history.append(entry(5, supersedes: 0)) }
        expectRefused(.alreadySuperseded) { try history.append(entry(5, supersedes: 1)) }
        expectRefused(.correctionMismatch) { try history.append(entry(5, supersedes: 3, item: .logisticsTally)) }
        expectRefused(.correctionMismatch) { try history.append(entry(5, supersedes: 3, code: try Agg.unit(2).key)) }
        expectRefused(.correctionMismatch) { try history.append(entry(5, supersedes: 3, participant: "org:other")) }
        expectRefused(.positionNotIncreasing) { try history.append(entry(3)) }
        #expect(history.entries.count == 3)
        #expect(history.current(of: try Agg.unit(1).key).map(\.position) == [Agg.pos(3)])
    }

    @Test func r5_1_c_correctionsBounded() throws {
        var history = RecordHistory()
        try history.append(entry(1))
        for n in 1...RecordHistory.correctionsCountMax {
            try history.append(entry(UInt64(n + 1), supersedes: UInt64(n)))
        }
        let last = UInt64(RecordHistory.correctionsCountMax + 1)
        expectRefused(.tooMany) { try history.append(entry(last + 1, supersedes: last)) }
        #expect(history.chain(from: Agg.pos(1)).count == RecordHistory.correctionsCountMax + 1)
    }
}
