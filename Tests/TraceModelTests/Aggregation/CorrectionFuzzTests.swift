import Testing
import TraceModel
import TraceTestSupport

/// `RecordHistory` against scanning every accepted entry for every question, on seeded
/// random entries and corrections (R-5.1-c).
@Suite struct CorrectionFuzzTests {
    static let codes = (0..<3).compactMap { try? Agg.unit($0).key }
    static let items: [RecordItem] = [.logisticsTransport, .logisticsTally]
    static let participants = ["org:a", "org:b"]

    /// The code the rules give `entry` by scanning, or nil when it is accepted.
    func verdict(_ entry: RecordEntry, _ accepted: [RecordEntry]) -> ModelValidationError.Code? {
        if let last = accepted.last, entry.position <= last.position { return .positionNotIncreasing }
        guard let target = entry.supersedes else { return nil }
        if target >= entry.position { return .futureRecord }
        guard let old = accepted.first(where: { $0.position == target }) else { return .unknownRecord }
        if accepted.contains(where: { $0.supersedes == target }) { return .alreadySuperseded }
        if old.item != entry.item || old.traceCode != entry.traceCode || old.participant != entry.participant {
            return .correctionMismatch
        }
        return nil
    }

    func randomEntry(_ height: UInt64, _ accepted: [RecordEntry], _ rng: inout SeededGenerator) -> RecordEntry {
        let base = accepted.randomElement(using: &rng)
        let correcting = base != nil && Bool.random(using: &rng)
        let same = correcting && Int.random(in: 0..<4, using: &rng) > 0
        let stray = [Agg.pos(height + 1), Agg.pos(height - 1)]  // a future and a never-used position
        let pick = Int.random(in: 0..<10, using: &rng)
        let target = correcting ? base?.position : pick < 2 ? stray[pick] : nil
        return RecordEntry(
            position: Int.random(in: 0..<20, using: &rng) == 0 ? Agg.pos(height - 2) : Agg.pos(height),
            item: same ? (base?.item ?? .logisticsTally) : Self.items.randomElement(using: &rng) ?? .logisticsTally,
            traceCode: same ? (base?.traceCode ?? "") : Self.codes.randomElement(using: &rng) ?? "",
            participant: same ? (base?.participant ?? "") : Self.participants.randomElement(using: &rng) ?? "",
            supersedes: target)
    }

    @Test(arguments: [UInt64(3), 99, 2026])
    func r5_1_c_historyMatchesScan(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        var history = RecordHistory()
        var accepted: [RecordEntry] = []
        var refused: Set<String> = []
        for step in 1...250 {
            let entry = randomEntry(UInt64(step) * 2, accepted, &rng)
            let expected = verdict(entry, accepted)
            do {
                try history.append(entry)
                #expect(expected == nil, "step \(step): accepted, scan says \(String(describing: expected))")
                accepted.append(entry)
            } catch let error as ModelValidationError {
                #expect(error.code == expected, "step \(step): \(error)")
                refused.insert(error.code.rawValue)
            }
        }
        #expect(accepted.count > 100 && refused.count >= 5, "\(refused.sorted())")
        let supersededBy = Dictionary(accepted.compactMap { e in e.supersedes.map { ($0, e.position) } },
                                      uniquingKeysWith: { first, _ in first })
        for code in Self.codes {
            let mine = accepted.filter { $0.traceCode == code }
            #expect(history.history(of: code).map(\.entry) == mine)
            #expect(history.history(of: code).map(\.supersededBy) == mine.map { supersededBy[$0.position] })
            #expect(history.current(of: code) == mine.filter { supersededBy[$0.position] == nil })
        }
    }
}
