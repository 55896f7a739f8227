import Testing
import TraceSimulation

/// Many seeds with random faults: every invariant holds and every
/// correct validator decides all heights. A failing seed reproduces with
/// `crosstrace sim --seed S --validators N --heights 3 --faults all`.
@Suite struct SeedSweepTests {
    static let chunks = 0..<10
    static let seedsPerChunk: UInt64 = 20

    static func sweep(validators: Int, chunk: Int, twins: Int = 0, base: UInt64) throws {
        let first = base + UInt64(chunk) * seedsPerChunk
        for seed in first..<(first + seedsPerChunk) {
            let options = SimulationOptions(seed: seed, validators: validators, heights: 3, faults: Set(FaultKind.allCases), twins: twins)
            let report = try Simulation(options).run()
            #expect(report.violations == [], "seed \(seed)")
            #expect(report.heightsDecided == 3, "seed \(seed)")
        }
    }

    @Test(arguments: chunks)
    func r5_3_3_randomFaults_fourValidators_200Seeds(chunk: Int) throws {
        try Self.sweep(validators: 4, chunk: chunk, base: 1)
    }

    @Test(arguments: chunks)
    func r5_3_3_randomFaults_sevenValidators_200Seeds(chunk: Int) throws {
        try Self.sweep(validators: 7, chunk: chunk, base: 10_001)
    }

    @Test(arguments: 0..<5)
    func r5_3_3_oneTwinAtFour_staysSafeOnEverySeed(chunk: Int) throws {
        try Self.sweep(validators: 4, chunk: chunk, twins: 1, base: 20_001)
    }

    /// The positive control: two twins at n = 4 with each side holding a quorum
    /// must break agreement, and the checker must say so with both certificates valid.
    @Test(arguments: UInt64(1)...UInt64(20))
    func r5_3_3_twoTwinsAtFour_positiveControlIsCaught(seed: UInt64) throws {
        let report = try Simulation(SimulationOptions(seed: seed, validators: 4, heights: 2, twins: 2)).run()
        let agreement = report.violations.filter { $0.hasPrefix("agreement") }
        #expect(!agreement.isEmpty)
        #expect(agreement.allSatisfy { $0.components(separatedBy: "certificate verifies: true").count == 3 })
    }
}
