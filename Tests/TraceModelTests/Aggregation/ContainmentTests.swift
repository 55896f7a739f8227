import Testing
import TraceModel

/// Aggregation and disaggregation, items → cartons → pallets by SSCC (R-6.3.1.3).
@Suite struct ContainmentTests {
    /// Units 1–4 in carton A (1), 5–6 in carton B (2), both cartons on pallet P (3).
    func packed() throws -> (ContainmentLedger, a: String, b: String, p: String) {
        var ledger = ContainmentLedger()
        let (a, b, p) = (try Agg.sscc(1), try Agg.sscc(2), try Agg.sscc(100))
        try ledger.append(Agg.event(1, .add, a, (1...4).map { try Agg.unit($0) }))
        try ledger.append(Agg.event(2, .add, b, [try Agg.unit(5), try Agg.unit(6)]))
        try ledger.append(Agg.event(3, .add, p, [b, a]))
        return (ledger, a.key, b.key, p.key)
    }

    @Test func r6_3_1_3_itemCartonPallet() throws {
        let (ledger, a, b, p) = try packed()
        let unit1 = try Agg.unit(1).key
        #expect(ledger.contents(of: p, at: Agg.pos(3)) == [a, b].sorted())
        #expect(ledger.contents(of: p, at: Agg.pos(2)) == [])
        let units = try (1...4).map { try Agg.unit($0).key }
        #expect(ledger.contents(of: a, at: Agg.pos(9)) == units.sorted())
        let all = ledger.allContents(of: p, at: Agg.pos(3))
        #expect(all.count == 8)
        #expect(all.filter { $0.depth == 1 }.map(\.key) == [a, b].sorted())
        #expect(all.filter { $0.depth == 2 }.count == 6)
        #expect(ledger.chain(of: unit1, at: Agg.pos(3)) == [a, p])
        #expect(ledger.chain(of: unit1, at: Agg.pos(2)) == [a])
        #expect(ledger.chain(of: unit1, at: Agg.pos(0)) == [])
        #expect(ledger.parent(of: a, at: .latest) == p)
    }

    @Test func r6_3_1_3_palletRecordAppliesOnlyWhileInside() throws {
        var (ledger, a, b, p) = try packed()
        try ledger.append(Agg.event(5, .delete, try Agg.sscc(100), [try Agg.sscc(1)]))
        let records = [
            ContainerRecord(position: Agg.pos(2, 1), container: p),
            ContainerRecord(position: Agg.pos(4), container: p),
            ContainerRecord(position: Agg.pos(6), container: p),
            ContainerRecord(position: Agg.pos(7), container: a),
            ContainerRecord(position: Agg.pos(8), container: b),
        ]
        let forUnit1 = ledger.recordsApplying(to: try Agg.unit(1).key, among: records,
                                              position: \.position, container: \.container)
        #expect(forUnit1 == [records[1], records[3]])
        let forUnit5 = ledger.recordsApplying(to: try Agg.unit(5).key, among: records,
                                              position: \.position, container: \.container)
        #expect(forUnit5 == [records[1], records[2], records[4]])
        let forOutsider = ledger.recordsApplying(to: try Agg.unit(99).key, among: records,
                                                 position: \.position, container: \.container)
        #expect(forOutsider.isEmpty)
    }

    @Test func r6_3_1_3_disaggregateAllThenReaggregate() throws {
        var (ledger, a, _, _) = try packed()
        let carton = try Agg.sscc(1)
        try ledger.append(Agg.event(5, .delete, carton, []))
        #expect(ledger.contents(of: a, at: Agg.pos(5)).isEmpty)
        #expect(ledger.contents(of: a, at: Agg.pos(4)).count == 4)
        try ledger.append(Agg.event(6, .add, carton, [try Agg.unit(2)]))
        let unit2 = try Agg.unit(2).key
        #expect(ledger.contents(of: a, at: Agg.pos(6)) == [unit2])
        let stays = ledger.history(of: unit2)
        #expect(stays.map(\.from) == [Agg.pos(1), Agg.pos(6)])
        #expect(stays.map(\.until) == [Agg.pos(5), nil])
        #expect(ledger.events.count == 5)
    }

    @Test func r6_3_1_3_unitMovedBetweenCartons() throws {
        var (ledger, a, b, p) = try packed()
        let unit3 = try Agg.unit(3)
        try ledger.append(Agg.event(5, .delete, try Agg.sscc(1), [unit3]))
        #expect(ledger.chain(of: unit3.key, at: Agg.pos(5)) == [])
        try ledger.append(Agg.event(6, .add, try Agg.sscc(2), [unit3]))
        #expect(ledger.chain(of: unit3.key, at: Agg.pos(4)) == [a, p])
        #expect(ledger.chain(of: unit3.key, at: Agg.pos(6)) == [b, p])
        #expect(ledger.history(of: unit3.key).map(\.parent) == [a, b])
        #expect(ledger.contents(of: a, at: .latest).count == 3)
        #expect(ledger.contents(of: b, at: .latest).count == 3)
    }
}
