import ArgumentParser
import AsyncHTTPClient
import Foundation
import TraceContracts
import TraceCrypto
import TraceLedger

/// Issue 7 item 4, loading: the demo manufacturer issues `--codes` codes (one
/// `issue` per transaction), then records `--events` production events over
/// them as `recordBatch` transactions of 10 events each, as fast as the node
/// commits them. Fails unless every transaction commits. Prints the rates.
struct QuerySeed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seed")

    @Option(name: .customLong("url"), help: "The node's API base URL.") var url: String
    @Option(help: "The network directory (`crosstrace up --demo` seeded it).") var network: String
    @Option var events = 1_000_000
    @Option var codes = 100_000
    @Option(help: "Serial prefix of the codes.") var run = "Q"
    @Option(help: "Transactions signed and submitted per round.") var round = 10_000

    func run() async throws {
        guard codes > 0, events >= 0 else { throw BenchError("--codes must be positive and --events not negative") }
        let workload = try TraceWorkload(network: network, codes: codes, run: run)
        let client = JSONClient(client: HTTPClient.shared)
        // Issues are ~400 bytes, batches ~33 KB: submit batches in smaller HTTP bodies and keep fewer in flight.
        let issuing = LoadDriver(client: client, urls: [url], chain: workload.chain, batch: 1_000, submitters: 2, inflight: 20_000)
        let recording = LoadDriver(client: client, urls: [url], chain: workload.chain, batch: 200, submitters: 2, inflight: 4_000)
        let batches = (events + TraceWorkload.eventsPerTransaction - 1) / TraceWorkload.eventsPerTransaction
        let issueSeconds = try await load(codes, driver: issuing, workload: workload) { n, time in try workload.issue(n, time: time) }
        let eventSeconds = try await load(batches, driver: recording, workload: workload) { [events] n, time in
            try workload.recordBatch(n, events: events, time: time)
        }
        emit(["events": events, "codes": codes, "event_transactions": batches,
              "issue_seconds": issueSeconds.rounded(), "event_seconds": eventSeconds.rounded(),
              "issue_tx_per_s": (Double(codes) / issueSeconds).rounded(),
              "load_tx_per_s": (Double(batches) / eventSeconds).rounded(),
              "load_events_per_s": (Double(events) / eventSeconds).rounded()])
    }

    /// Submits transactions `0..<count` in rounds, the next round signed while the node
    /// commits this one (the node never waits for the signer); the seconds it took;
    /// throws unless all committed.
    private func load(_ count: Int, driver: LoadDriver, workload: TraceWorkload,
                      _ make: @escaping @Sendable (Int, Int64) throws -> Transaction) async throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        let round = self.round
        // The first round on every core; later ones on one thread beside the node.
        @Sendable func sign(_ range: Range<Int>) -> Task<[Transaction], any Error> {
            Task.detached {
                let now = Int64(Date().timeIntervalSince1970 * 1000)
                let threads = range.lowerBound == 0 ? ProcessInfo.processInfo.activeProcessorCount : 1
                return try presign(range.count, threads: threads) { try make(range.lowerBound + $0, now) }
            }
        }
        var range = 0..<min(count, round)
        var signing = sign(range)
        while !range.isEmpty {
            let transactions = try await signing.value
            guard transactions.count == range.count else { throw BenchError("signing failed for some of \(range)") }
            let next = range.upperBound..<min(count, range.upperBound + round)
            if !next.isEmpty { signing = sign(next) }
            let report = try await driver.run(transactions, hash: workload.hash, window: nil)
            let committed = report["committed"] as? Int ?? 0
            guard committed == range.count else {
                throw BenchError("seed: \(committed) of \(range.count) transactions committed; refused: "
                                 + "\(report["refused"] ?? 0) (\(report["refused_codes"] ?? ""))")
            }
            range = next
        }
        return max(milliseconds(start, clock.now) / 1000, 0.001)
    }
}
