import ArgumentParser
import AsyncHTTPClient
import Foundation
import TraceContracts
import TraceCrypto
import TraceLedger

/// Issue 7 item 4, measuring: trace-by-code through our HTTP API and
/// PostgreSQL's indexed select of the same rows, interleaved from this one
/// process. Each is timed from the request to the last byte of the answer (the
/// last row); the answer is checked after the clock stops. Then proof
/// generation (`/v1/traces/{code}/proof`, binary) and offline verification
/// against the genesis file alone. Every answer must be 200 and hold exactly
/// the unit's events (`seed` and `pg-load` loaded the same `--events` over the
/// same `--codes`), or the run fails loudly.
struct QueryBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "query")

    @Option(name: .customLong("url"), help: "The node's API base URL.") var url: String
    @Option(help: "The network directory (the demo plan gives the codes' GTIN).") var network: String
    @OptionGroup var postgres: PostgresOptions
    @Option var events = 1_000_000
    @Option var codes = 100_000
    @Option var samples = 2_000
    @Option var proofSamples = 100
    @Option var run = "Q"
    @Option var seed: UInt64 = 7

    func run() async throws {
        guard codes > 0 else { throw BenchError("--codes must be positive") }
        let genesisValue = try Genesis.load(network + "/genesis/cbetc.json")
        let probe = QueryProbe(url: url, gtin: try TraceWorkload.gtin(network: network), run: run, events: events, codes: codes,
                               genesis: genesisValue, client: JSONClient(client: HTTPClient.shared))
        let (samples, proofSamples, seed) = (samples, proofSamples, seed)
        let result = try await withPostgres(postgres) { pg in
            var ours = Samples(), theirs = Samples(), proofs = Samples(), verifies = Samples()
            var generator = SplitMix(seed: seed)
            let clock = ContinuousClock()
            var rows = 0, answered = 0
            for sample in 0..<(samples + 200) {
                let unit = Int(generator.next() % UInt64(probe.codes))
                let t0 = clock.now
                let answer = try await probe.trace(unit)
                let t1 = clock.now
                let selected = try await probe.select(unit, pg)
                let t2 = clock.now
                answered += try probe.check(unit, answer)
                rows += try probe.check(unit, selected)
                if sample >= 200 {
                    ours.add(milliseconds(t0, t1))
                    theirs.add(milliseconds(t1, t2))
                }
            }
            for _ in 0..<proofSamples {
                let unit = Int(generator.next() % UInt64(probe.codes))
                let t0 = clock.now
                let bytes = try await probe.proof(unit)
                let t1 = clock.now
                try probe.verify(unit, bytes)
                verifies.add(milliseconds(t1, clock.now))
                proofs.add(milliseconds(t0, t1))
            }
            return ["query_p50_ms": ours.percentile(50), "query_p99_ms": ours.percentile(99),
                    "postgres_query_p50_ms": theirs.percentile(50), "postgres_query_p99_ms": theirs.percentile(99),
                    "proof_ms": proofs.percentile(50), "proof_p99_ms": proofs.percentile(99),
                    "verify_ms": verifies.percentile(50), "samples": ours.count,
                    "events_answered": answered, "postgres_rows_read": rows] as [String: any Sendable]
        }
        emit(result)
    }
}

/// SplitMix64: the seeded choice of codes to query.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
