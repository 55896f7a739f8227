import Testing
import TraceModel

/// Splitting a batch keeps lineage (R-6.3.1.3), keys unique forever (R-5.1-c).
@Suite struct BatchLineageTests {
    /// Batch L1 of 100 split at 2 into L1-A (60) and L1-B (30); L1-A split at 3 into L1-A1 (10)
    /// and serialised units S1, S2.
    func split() throws -> BatchLineage {
        var lineage = BatchLineage()
        try lineage.declare(Agg.batch("L1"), quantity: 100, at: Agg.pos(1))
        try lineage.split(Agg.batch("L1"), into: [(Agg.batch("L1-A"), 60), (Agg.batch("L1-B"), 30)], at: Agg.pos(2))
        try lineage.split(Agg.batch("L1-A"), into: [(Agg.batch("L1-A1"), 10), (Agg.unit(1), 1), (Agg.unit(2), 1)],
                          at: Agg.pos(3))
        return lineage
    }

    @Test func r6_3_1_3_splitBatchKeepsLineage() throws {
        let lineage = try split()
        let (l1, a, b, a1) = try (Agg.batch("L1").key, Agg.batch("L1-A").key, Agg.batch("L1-B").key, Agg.batch("L1-A1").key)
        let s1 = try Agg.unit(1).key
        #expect(lineage.remaining(of: l1) == 10)
        #expect(lineage.remaining(of: a) == 48)
        #expect(lineage.quantity(of: a) == 60)
        #expect(lineage.remaining(of: s1) == 0)
        #expect(lineage.ancestors(of: s1).map(\.parent) == [a, l1])
        #expect(lineage.ancestors(of: s1).map(\.quantity) == [1, 60])
        #expect(lineage.ancestors(of: l1).isEmpty)
        #expect(lineage.descendants(of: l1).map(\.child) == [a, b, a1, s1, try Agg.unit(2).key])
        #expect(lineage.descendants(of: l1).map(\.position) == [Agg.pos(2), Agg.pos(2), Agg.pos(3), Agg.pos(3), Agg.pos(3)])
        #expect(lineage.descendants(of: b).isEmpty)
        #expect(lineage.remaining(of: try Agg.batch("nope").key) == nil)
    }

    @Test func r6_3_1_3_overSplitRefused() throws {
        var lineage = try split()
        expectRefused(.overQuantity) { try lineage.split(Agg.batch("L1"), into: [(Agg.batch("L1-C"), 11)], at: Agg.pos(4)) }
        expectRefused(.overQuantity) {
            try lineage.split(Agg.batch("L1"), into: [(Agg.batch("L1-C"), 5), (Agg.batch("L1-D"), 6)], at: Agg.pos(4))
        }
        expectRefused(.overQuantity) {
            try lineage.split(Agg.batch("L1"), into: [(Agg.batch("L1-C"), .max), (Agg.batch("L1-D"), 2)], at: Agg.pos(4))
        }
        #expect(lineage.remaining(of: try Agg.batch("L1").key) == 10)
        try lineage.split(Agg.batch("L1"), into: [(Agg.batch("L1-C"), 10)], at: Agg.pos(4))
        #expect(lineage.remaining(of: try Agg.batch("L1").key) == 0)
    }

    @Test func r6_3_1_3_splitRulesRefused() throws {
        var lineage = try split()
        expectRefused(.notABatch) { try lineage.split(Agg.unit(1), into: [(Agg.batch("X"), 1)], at: Agg.pos(4)) }
        expectRefused(.notABatch) { try lineage.split(Agg.batch("L1"), into: [(Agg.sscc(1), 1)], at: Agg.pos(4)) }
        expectRefused(.unknownKey) { try lineage.split(Agg.batch("L9"), into: [(Agg.batch("X"), 1)], at: Agg.pos(4)) }
        expectRefused(.differentProduct) {
            try lineage.split(Agg.batch("L1"), into: [(Agg.batch("X", gtin: Agg.otherGTIN), 1)], at: Agg.pos(4))
        }
        expectRefused(.duplicateKey) { try lineage.split(Agg.batch("L1"), into: [(Agg.batch("L1-B"), 1)], at: Agg.pos(4)) }
        expectRefused(.duplicateKey) { try lineage.split(Agg.batch("L1"), into: [(Agg.batch("X"), 1), (Agg.batch("X"), 1)], at: Agg.pos(4)) }
        expectRefused(.outOfRange) { try lineage.split(Agg.batch("L1"), into: [(Agg.unit(7), 2)], at: Agg.pos(4)) }
        expectRefused(.outOfRange) { try lineage.split(Agg.batch("L1"), into: [(Agg.batch("X"), 0)], at: Agg.pos(4)) }
        expectRefused(.empty) { try lineage.split(Agg.batch("L1"), into: [], at: Agg.pos(4)) }
        expectRefused(.positionNotIncreasing) { try lineage.split(Agg.batch("L1"), into: [(Agg.batch("X"), 1)], at: Agg.pos(3)) }
        expectRefused(.duplicateKey) { try lineage.declare(Agg.batch("L1-A"), quantity: 5, at: Agg.pos(4)) }
        expectRefused(.outOfRange) { try lineage.declare(Agg.batch("L2"), quantity: 0, at: Agg.pos(4)) }
        expectRefused(.notABatch) { try lineage.declare(TraceCode(gtin: Agg.gtin), quantity: 5, at: Agg.pos(4)) }
        #expect(lineage.remaining(of: try Agg.batch("L1").key) == 10)
        #expect(lineage.descendants(of: try Agg.batch("L1").key).count == 5)
    }

    @Test func r6_3_1_3_splitGenerationsBounded() throws {
        var lineage = BatchLineage()
        try lineage.declare(Agg.batch("G0"), quantity: 1_000, at: Agg.pos(1))
        for g in 0..<BatchLineage.depthMax {
            try lineage.split(Agg.batch("G\(g)"), into: [(Agg.batch("G\(g + 1)"), 1)], at: Agg.pos(UInt64(g + 2)))
        }
        #expect(lineage.ancestors(of: try Agg.batch("G16").key).count == 16)
        expectRefused(.tooDeep) { try lineage.split(Agg.batch("G16"), into: [(Agg.batch("G17"), 1)], at: Agg.pos(99)) }
        #expect(lineage.descendants(of: try Agg.batch("G0").key).count == 16)
    }
}
