import Testing
import TraceModel
import TraceTestSupport

/// A dumb reference: keeps the accepted events and replays them for every question.
struct ReplayModel {
    var accepted: [AggregationEvent] = []

    func parents(at position: RecordPosition) -> [String: String] {
        var parentOf: [String: String] = [:]
        for event in accepted where event.position <= position {
            switch event.action {
            case .add: for child in event.children { parentOf[child] = event.parent }
            case .delete:
                let out = event.children.isEmpty ? parentOf.filter { $0.value == event.parent }.map(\.key) : event.children
                for child in out { parentOf[child] = nil }
            }
        }
        return parentOf
    }

    func chain(_ key: String, _ parentOf: [String: String]) -> [String] {
        var chain: [String] = []
        var current = key
        while let next = parentOf[current], chain.count < 20 { chain.append(next); current = next }
        return chain
    }

    /// The code the rules give `event`, or nil when it is accepted.
    func verdict(_ event: AggregationEvent) -> ModelValidationError.Code? {
        if let last = accepted.last, event.position <= last.position { return .positionNotIncreasing }
        let parentOf = parents(at: .latest)
        if event.action == .delete {
            let held = parentOf.filter { $0.value == event.parent }.map(\.key)
            if event.children.isEmpty { return held.isEmpty ? .notContained : nil }
            return event.children.allSatisfy { held.contains($0) } ? nil : .notContained
        }
        let above = chain(event.parent, parentOf)
        for child in event.children {
            if parentOf[child] != nil { return .alreadyContained }
            if above.contains(child) { return .containmentCycle }
            let height = parentOf.keys.map { chain($0, parentOf) }.compactMap { $0.firstIndex(of: child).map { $0 + 1 } }.max() ?? 0
            if above.count + 1 + height > ContainmentLedger.depthMax { return .tooDeep }
        }
        return nil
    }
}

/// The ledger against replaying every event for every question, on seeded random events (R-6.3.1.3).
@Suite struct ContainmentFuzzTests {
    static let containers = (0..<12).compactMap { try? Agg.sscc($0) }
    static let units = (0..<10).compactMap { try? Agg.unit($0) }

    /// Mostly events the rules allow (free units into a container, what is inside out again),
    /// sometimes anything, so every rule is hit.
    func randomEvent(_ height: UInt64, _ model: ReplayModel, _ rng: inout SeededGenerator) throws -> AggregationEvent {
        let parent = Self.containers.randomElement(using: &rng) ?? Self.containers[0]
        let parentOf = model.parents(at: .latest)
        let sensible = Int.random(in: 0..<10, using: &rng) < 8
        let add = Int.random(in: 0..<10, using: &rng) < 6
        var pool = (Self.containers + Self.units).map(\.key).filter { $0 != parent.key }
        if sensible { pool = pool.filter { add ? parentOf[$0] == nil : parentOf[$0] == parent.key } }
        let count = Int.random(in: add ? 1...3 : 0...2, using: &rng)
        let chosen = Set(pool.shuffled(using: &rng).prefix(count))
        let children = (Self.containers + Self.units).filter { chosen.contains($0.key) }
        let position = Int.random(in: 0..<20, using: &rng) == 0 ? Agg.pos(height - 2) : Agg.pos(height)
        return try AggregationEvent(position: position, time: Agg.time(height), action: add && !children.isEmpty ? .add : .delete,
                                    parent: parent, children: children)
    }

    @Test(arguments: [UInt64(1), 7, 42, 2026])
    func r6_3_1_3_ledgerMatchesReplay(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        var ledger = ContainmentLedger()
        var model = ReplayModel()
        var refused: Set<String> = []
        for step in 1...300 {
            let event = try randomEvent(UInt64(step * 2), model, &rng)
            let expected = model.verdict(event)
            do {
                try ledger.append(event)
                #expect(expected == nil, "step \(step): accepted, reference says \(String(describing: expected))")
                model.accepted.append(event)
            } catch let error as ModelValidationError {
                #expect(error.code == expected, "step \(step): \(error)")
                refused.insert(error.code.rawValue)
            }
        }
        // Every seed exercises acceptance and these refusals (too_deep: ContainmentRuleTests).
        #expect(model.accepted.count > 80)
        #expect(refused.isSuperset(of: ["already_contained", "containment_cycle", "not_contained", "position_not_increasing"]))
        try compareQueries(ledger, model, &rng)
    }

    func compareQueries(_ ledger: ContainmentLedger, _ model: ReplayModel, _ rng: inout SeededGenerator) throws {
        let keys = (Self.containers + Self.units).map(\.key)
        let records = (0..<40).map { _ in
            ContainerRecord(position: Agg.pos(UInt64.random(in: 0...602, using: &rng), 1),
                            container: Self.containers.randomElement(using: &rng)?.key ?? "")
        }
        for height in stride(from: UInt64(0), through: 602, by: 7) {
            let position = Agg.pos(height, UInt32(height % 2))
            let parentOf = model.parents(at: position)
            for key in keys {
                #expect(ledger.parent(of: key, at: position) == parentOf[key])
                #expect(ledger.chain(of: key, at: position) == model.chain(key, parentOf))
                #expect(ledger.contents(of: key, at: position) == parentOf.filter { $0.value == key }.map(\.key).sorted())
                let deep = parentOf.keys.filter { model.chain($0, parentOf).contains(key) }
                #expect(Set(ledger.allContents(of: key, at: position).map(\.key)) == Set(deep))
            }
        }
        for unit in Self.units.map(\.key) {
            let expected = records.filter { model.chain(unit, model.parents(at: $0.position)).contains($0.container) }
            #expect(ledger.recordsApplying(to: unit, among: records, position: \.position, container: \.container) == expected)
        }
    }
}
