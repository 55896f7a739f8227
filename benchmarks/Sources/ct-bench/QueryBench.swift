import ArgumentParser
import AsyncHTTPClient
import Foundation
import TraceContracts
import TraceCrypto
import TraceLedger

/// Issue 7 item 4, loading: the demo manufacturer issues `--codes` codes and
/// records `--events` production events over them (one event per
/// transaction: the trace contract has no multi-record action), as fast as
/// the node commits them. Prints the load rate.
struct QuerySeed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seed")

    @Option(name: .customLong("url"), help: "The node's API base URL.") var url: String
    @Option(help: "The network directory (`crosstrace up --demo` seeded it).") var network: String
    @Option var events = 1_000_000
    @Option var codes = 100_000
    @Option(help: "Serial prefix of the codes.") var run = "Q"
    @Option(help: "Transactions signed and submitted per round.") var round = 100_000

    func run() async throws {
        let workload = try TraceWorkload(network: network, codes: codes, run: run)
        let http = HTTPClient.shared
        let driver = LoadDriver(client: JSONClient(client: http), urls: [url], chain: workload.chain,
                                batch: 1_000, submitters: 2, inflight: 20_000)
        let clock = ContinuousClock()
        let start = clock.now
        var committed = 0
        for (count, make) in [(codes, workload.issue), (events, workload.record)] as [(Int, @Sendable (Int, Int64) throws -> Transaction)] {
            var done = 0
            while done < count {
                let range = done..<min(count, done + round)
                let now = Int64(Date().timeIntervalSince1970 * 1000)
                let transactions = try presign(range.count) { try make(range.lowerBound + $0, now) }
                let report = try await driver.run(transactions, hash: workload.hash, window: nil)
                committed += report["committed"] as? Int ?? 0
                done = range.upperBound
            }
        }
        let seconds = milliseconds(start, clock.now) / 1000
        emit(["events": events, "codes": codes, "committed": committed, "seconds": seconds.rounded(),
              "load_tx_per_s": (Double(committed) / seconds).rounded()])
    }
}

/// Issue 7 item 4, measuring: trace-by-code through our HTTP API and
/// PostgreSQL's indexed select of the same rows, interleaved from this one
/// process; then proof generation (`/v1/traces/{code}/proof`) and offline
/// verification against the genesis file alone.
struct QueryBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "query")

    @Option(name: .customLong("url"), help: "The node's API base URL.") var url: String
    @Option(help: "The chain's genesis file (for offline verification).") var genesis: String
    @OptionGroup var postgres: PostgresOptions
    @Option var codes = 100_000
    @Option var samples = 2_000
    @Option var proofSamples = 100
    @Option var gtin = "06975432000017"
    @Option var run = "Q"
    @Option var seed: UInt64 = 7

    func run() async throws {
        let genesisValue = try Genesis.load(genesis)
        let (url, samples, proofSamples, codes, gtin, run, seed) = (url, samples, proofSamples, codes, gtin, run, seed)
        let result = try await withPostgres(postgres) { pg in
            let http = HTTPClient.shared
            let client = JSONClient(client: http)
            var ours = Samples(), theirs = Samples(), proofs = Samples(), verifies = Samples()
            var generator = SplitMix(seed: seed)
            let clock = ContinuousClock()
            var rows = 0
            for sample in 0..<(samples + 200) {
                let code = TraceWorkload.event(Int(generator.next() % UInt64(codes)), codes: codes, gtin: gtin, run: run).code
                let path = "\(url)/v1/traces/" + (code.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? code)
                let t0 = clock.now
                let reply = try await client.get(path)
                let t1 = clock.now
                guard reply.status == 200 else { throw BenchError("GET \(path) answered \(reply.status)") }
                let selected = try await pg.query("SELECT id, body FROM events WHERE trace_code = \(code) ORDER BY id")
                for try await _ in selected { rows += 1 }
                let t2 = clock.now
                if sample >= 200 {
                    ours.add(milliseconds(t0, t1))
                    theirs.add(milliseconds(t1, t2))
                }
            }
            for _ in 0..<proofSamples {
                let code = TraceWorkload.event(Int(generator.next() % UInt64(codes)), codes: codes, gtin: gtin, run: run).code
                let path = "\(url)/v1/traces/" + (code.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? code) + "/proof"
                let t0 = clock.now
                let reply = try await client.get(path)
                let t1 = clock.now
                guard reply.status == 200 else { throw BenchError("GET \(path) answered \(reply.status)") }
                _ = try LightClient.verify(bytes: Array(reply.body), genesis: genesisValue)
                verifies.add(milliseconds(t1, clock.now))
                proofs.add(milliseconds(t0, t1))
            }
            return ["query_p50_ms": ours.percentile(50), "query_p99_ms": ours.percentile(99),
                    "postgres_query_p50_ms": theirs.percentile(50), "postgres_query_p99_ms": theirs.percentile(99),
                    "proof_ms": proofs.percentile(50), "verify_ms": verifies.percentile(50),
                    "samples": ours.count, "postgres_rows_read": rows] as [String: any Sendable]
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
