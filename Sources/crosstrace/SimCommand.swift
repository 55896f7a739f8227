import ArgumentParser
import Foundation
import TraceSimulation

/// `crosstrace sim`: runs the deterministic cluster simulator (docs/consensus.md).
struct SimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run a deterministic BFT cluster simulation from a seed; exits non-zero when an invariant breaks."
    )

    @Option(help: "The seed; the same arguments give the same output byte for byte.")
    var seed: UInt64 = 1

    @Option(help: "Run every seed of an inclusive range A..B instead of one (prints one JSON line per seed).")
    var seeds: String?

    @Option(help: "Number of validators.")
    var validators: Int = 4

    @Option(help: "Heights every correct validator must decide.")
    var heights: Int = 3

    @Option(help: "Comma-separated fault names, 'all' or 'none'.")
    var faults: String = "none"

    @Option(help: "Validators run as two copies with one key.")
    var twins: Int = 0

    func run() throws {
        let faultSet: Set<FaultKind>
        do { faultSet = try SimulationOptions.parseFaults(faults) } catch { throw ValidationError(error.description) }
        var failed = false
        for seed in try seedRange() {
            let options = SimulationOptions(seed: seed, validators: validators, heights: heights, faults: faultSet, twins: twins)
            do { try options.validate() } catch { throw ValidationError(error.description) }
            let simulation = try Simulation(options)
            let report = simulation.run()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            if !report.violations.isEmpty {
                failed = true
                var trace = "violation with --seed \(seed) --validators \(validators) --heights \(heights) --faults \(faults) --twins \(twins)\n"
                trace += report.violations.joined(separator: "\n") + "\ntrace (last events before the first violation):\n"
                trace += simulation.violationTrace.joined(separator: "\n") + "\n"
                FileHandle.standardError.write(Data(trace.utf8))
            }
        }
        if failed { throw ExitCode(1) }
    }

    private func seedRange() throws -> ClosedRange<UInt64> {
        guard let seeds else { return seed...seed }
        let parts = seeds.split(separator: ".", omittingEmptySubsequences: true)
        guard parts.count == 2, let low = UInt64(parts[0]), let high = UInt64(parts[1]), low <= high, high - low < 1_000_000 else {
            throw ValidationError("--seeds takes A..B with A <= B and at most a million seeds")
        }
        return low...high
    }
}
