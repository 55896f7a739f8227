import Testing
import TraceModel

/// Every containment rule refused with its code, and a refused event changes nothing (R-6.3.1.3).
@Suite struct ContainmentRuleTests {
    @Test func r6_3_1_3_eventShapeRefused() throws {
        let carton = try Agg.sscc(1)
        expectRefused(.notAContainer) { _ = try Agg.event(1, .add, try Agg.unit(1), [try Agg.unit(2)]) }
        expectRefused(.notAContainer) { _ = try Agg.event(1, .add, try Agg.batch("L1"), [try Agg.unit(2)]) }
        expectRefused(.notContainable) { _ = try Agg.event(1, .add, carton, [try TraceCode(gtin: Agg.gtin)]) }
        expectRefused(.notContainable) { _ = try Agg.event(1, .add, carton, [try Agg.gln()]) }
        expectRefused(.containmentCycle) { _ = try Agg.event(1, .add, carton, [carton]) }
        expectRefused(.duplicateKey) { _ = try Agg.event(1, .add, carton, [try Agg.unit(1), try Agg.unit(1)]) }
        expectRefused(.empty) { _ = try Agg.event(1, .add, carton, []) }
        let many = try (0...AggregationEvent.childrenCountMax).map { try Agg.unit($0) }
        expectRefused(.tooMany) { _ = try Agg.event(1, .add, carton, many) }
        let most = Array(many.dropLast())
        #expect(try Agg.event(1, .add, carton, most).children.count == 10_000)
    }

    @Test func r6_3_1_3_oneParentAtATime() throws {
        var ledger = ContainmentLedger()
        try ledger.append(Agg.event(1, .add, try Agg.sscc(1), [try Agg.unit(1)]))
        expectRefused(.alreadyContained) { try ledger.append(Agg.event(2, .add, try Agg.sscc(2), [try Agg.unit(1)])) }
        expectRefused(.alreadyContained) { try ledger.append(Agg.event(2, .add, try Agg.sscc(1), [try Agg.unit(1)])) }
        #expect(ledger.events.count == 1)
        #expect(ledger.parent(of: try Agg.unit(1).key, at: .latest) == (try Agg.sscc(1).key))
    }

    @Test func r6_3_1_3_noCycles() throws {
        var ledger = ContainmentLedger()
        let (a, b, c) = (try Agg.sscc(1), try Agg.sscc(2), try Agg.sscc(3))
        try ledger.append(Agg.event(1, .add, b, [a]))
        try ledger.append(Agg.event(2, .add, c, [b]))
        expectRefused(.containmentCycle) { try ledger.append(Agg.event(3, .add, a, [c])) }
        expectRefused(.containmentCycle) { try ledger.append(Agg.event(3, .add, a, [try Agg.sscc(4), c])) }
        #expect(ledger.events.count == 2)
        #expect(ledger.contents(of: a.key, at: .latest).isEmpty)
    }

    @Test func r6_3_1_3_depthBounded() throws {
        var ledger = ContainmentLedger()
        // sscc(i) inside sscc(i+1): 8 containers above sscc(0), which is allowed.
        for i in 0..<ContainmentLedger.depthMax {
            try ledger.append(Agg.event(UInt64(i + 1), .add, try Agg.sscc(i + 1), [try Agg.sscc(i)]))
        }
        #expect(ledger.chain(of: try Agg.sscc(0).key, at: .latest).count == 8)
        expectRefused(.tooDeep) { try ledger.append(Agg.event(20, .add, try Agg.sscc(0), [try Agg.unit(1)])) }
        expectRefused(.tooDeep) { try ledger.append(Agg.event(20, .add, try Agg.sscc(50), [try Agg.sscc(8)])) }
        #expect(ledger.events.count == 8)
    }

    @Test func r6_3_1_3_removeOnlyWhatIsInside() throws {
        var ledger = ContainmentLedger()
        try ledger.append(Agg.event(1, .add, try Agg.sscc(1), [try Agg.unit(1), try Agg.unit(2)]))
        expectRefused(.notContained) { try ledger.append(Agg.event(2, .delete, try Agg.sscc(1), [try Agg.unit(1), try Agg.unit(3)])) }
        expectRefused(.notContained) { try ledger.append(Agg.event(2, .delete, try Agg.sscc(2), [try Agg.unit(1)])) }
        expectRefused(.notContained) { try ledger.append(Agg.event(2, .delete, try Agg.sscc(2), [])) }
        #expect(ledger.contents(of: try Agg.sscc(1).key, at: .latest).count == 2)
        #expect(ledger.events.count == 1)
    }

    @Test func r6_3_1_3_positionsOnlyIncrease() throws {
        var ledger = ContainmentLedger()
        try ledger.append(Agg.event(5, .add, try Agg.sscc(1), [try Agg.unit(1)]))
        expectRefused(.positionNotIncreasing) { try ledger.append(Agg.event(5, .add, try Agg.sscc(2), [try Agg.unit(2)])) }
        expectRefused(.positionNotIncreasing) { try ledger.append(Agg.event(4, .add, try Agg.sscc(2), [try Agg.unit(2)])) }
        #expect(ledger.events.count == 1)
    }

    /// The codes are published: their raw values never change (STYLE.md #8).
    @Test func r6_3_1_3_r5_1_c_codesStable() {
        let codes: [ModelValidationError.Code] = [
            .positionNotIncreasing, .notAContainer, .notContainable, .alreadyContained, .containmentCycle,
            .notContained, .tooDeep, .duplicateKey, .notABatch, .unknownKey, .differentProduct, .overQuantity,
            .unknownRecord, .futureRecord, .alreadySuperseded, .correctionMismatch,
        ]
        #expect(codes.map(\.rawValue) == [
            "position_not_increasing", "not_a_container", "not_containable", "already_contained", "containment_cycle",
            "not_contained", "too_deep", "duplicate_key", "not_a_batch", "unknown_key", "different_product",
            "over_quantity", "unknown_record", "future_record", "already_superseded", "correction_mismatch",
        ])
    }
}
