import Testing
@testable import TraceSimulation

/// Crashes at every durable-write point and byte-for-byte reproducibility.
@Suite struct CrashAndDeterminismTests {
    /// Node 0 crashes at its k-th durable write, for every write an
    /// uncrashed run makes (k ≡ chunk mod 4); recovery replays the WAL and nothing breaks.
    @Test(arguments: 0..<4)
    func r5_3_1_crashAtEveryDurableWritePoint(chunk: Int) throws {
        let base = SimulationOptions(seed: 77, validators: 4, heights: 3, faults: [.loss, .delay])
        let uncrashed = try Simulation(base)
        #expect(uncrashed.run().violations == [])
        let writes = uncrashed.nodes[0].disk.operations
        #expect(writes > 20)
        for k in stride(from: chunk + 1, through: writes, by: 4) {
            var options = base
            options.crashAtWrite = k
            let report = try Simulation(options).run()
            #expect(report.violations == [], "crash at write \(k)")
            #expect(report.heightsDecided == 3, "crash at write \(k)")
        }
    }

    @Test func sameOptionsGiveTheSameRun() throws {
        let options = SimulationOptions(seed: 4242, validators: 7, heights: 3, faults: Set(FaultKind.allCases))
        let first = try Simulation(options).run()
        let second = try Simulation(options).run()
        #expect(first == second)
        let other = try Simulation(SimulationOptions(seed: 4243, validators: 7, heights: 3, faults: Set(FaultKind.allCases))).run()
        #expect(other.messages != first.messages || other.invariantsChecked != first.invariantsChecked)
    }

    @Test func faultNamesParse_andBadOptionsAreRefused() throws {
        #expect(try SimulationOptions.parseFaults("all") == Set(FaultKind.allCases))
        #expect(try SimulationOptions.parseFaults("loss,crash-write") == [.loss, .crashWrite])
        #expect(throws: SimulationOptionsError(code: .unknownFault, field: "", rule: "")) { try SimulationOptions.parseFaults("meteor") }
        #expect(throws: SimulationOptionsError(code: .validators, field: "", rule: "")) {
            try SimulationOptions(seed: 1, validators: 0, heights: 1).validate()
        }
    }

    @Test func livenessBoundFollowsTheDocumentedFormula() {
        let options = SimulationOptions(seed: 1, validators: 4, heights: 1)
        let config = options.consensus
        let bound = LivenessBound.milliseconds(config, fromRound: .init(0), validators: 4, delta: 20, tick: 250, driftPPM: 0)
        var expected: Int64 = 0
        for r in UInt32(0)...4 {
            expected += config.timeout(.propose, round: .init(r)) + config.timeout(.prevote, round: .init(r))
                + config.timeout(.precommit, round: .init(r)) + 4 * 20 + 2 * 250
        }
        #expect(bound == expected)
    }
}
