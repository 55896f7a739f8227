import ArgumentParser
import AsyncHTTPClient
import Foundation
import TraceCrypto
import TraceLedger

/// Issue 7 item 2: pre-signed trace-record transactions (`TraceWorkload`)
/// submitted through the batch API of every node, with at most `--inflight`
/// submitted and not yet committed; commits are read from node0's committed
/// blocks. First (not measured) the demo manufacturer issues `--codes`
/// codes. Prints committed transactions per second in the measured window
/// and the submit-to-commit latency p50/p99.
struct NodeLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "load")

    @Option(name: .customLong("url"), help: "A node's API base URL (repeat for each node).") var urls: [String] = []
    @Option(help: "The network directory (`crosstrace up --demo` seeded it).") var network: String
    @Option(help: "standard or national (the chain's profile).") var profile = "standard"
    @Option(help: "Seconds measured after the warm-up.") var seconds: Double = 60
    @Option(help: "Warm-up seconds, not measured.") var warmup: Double = 10
    @Option(help: "Transactions per batch request.") var batch = 500
    @Option(help: "Concurrent submitters.") var submitters = 4
    @Option(help: "Most transactions submitted and not yet committed.") var inflight = 6000
    @Option(help: "Record transactions to pre-sign (the run stops early if they run out).") var transactions = 250_000
    @Option(help: "Codes issued first; the records are spread over them.") var codes = 5_000
    @Option(help: "The validators' process ids, comma-separated: their CPU in the window is reported.") var pids = ""

    func run() async throws {
        guard !urls.isEmpty else { throw ValidationError("--url: give at least one node URL") }
        let workload = try TraceWorkload(network: network, codes: codes, run: "L\(UInt32.random(in: 0...UInt32.max))-")
        let hash = workload.hash
        let http = HTTPClient.shared
        let driver = LoadDriver(client: JSONClient(client: http), urls: urls, chain: workload.chain,
                                batch: batch, submitters: submitters, inflight: inflight)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let issues = try presign(codes) { try workload.issue($0, time: now) }
        let setup = try await driver.run(issues, hash: hash, window: nil)
        guard (setup["committed"] as? Int) == codes else { throw BenchError("issuing codes: \(setup)") }
        let records = try presign(transactions) { try workload.record($0, time: now) }
        let processes = pids.split(separator: ",").compactMap { Int32($0) }
        let (warmup, seconds) = (warmup, seconds)
        let sampling = Task { () -> [String: Double]? in
            try? await Task.sleep(for: .seconds(warmup))
            guard let start = CPUSample.take(pids: processes) else { return nil }
            try? await Task.sleep(for: .seconds(seconds))
            guard let end = CPUSample.take(pids: processes) else { return nil }
            return CPUSample.report(start, end, nodes: processes.count, seconds: seconds)
        }
        var report = try await driver.run(records, hash: hash, window: (warmup, seconds))
        if !processes.isEmpty, let cpu = await sampling.value { for (key, value) in cpu { report[key] = value } }
        let encoded = Double(records.reduce(0) { $0 + $1.wireBytes.count }) / Double(max(1, records.count))
        emit(report.merging(["profile": profile, "nodes": urls.count, "batch": batch, "codes": codes, "inflight": inflight,
                             "tx_encoded_bytes": encoded.rounded()]) { a, _ in a })
    }
}

/// Signs `count` transactions on every core.
func presign(_ count: Int, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
             _ make: @escaping @Sendable (Int) throws -> Transaction) throws -> [Transaction] {
    let parts = max(1, threads)
    let chunk = (count + parts - 1) / parts
    let results = UnsafeResults(count: parts)
    DispatchQueue.concurrentPerform(iterations: parts) { part in
        let range = (part * chunk)..<min(count, (part + 1) * chunk)
        results.set(part, range.compactMap { try? make($0) })
    }
    let all = results.joined()
    guard all.count == count else { throw BenchError("signing failed for \(count - all.count) of \(count) transactions") }
    return all
}

/// Per-part results of parallel pre-signing.
final class UnsafeResults: @unchecked Sendable {
    private var parts: [[Transaction]]
    private let lock = NSLock()
    init(count: Int) { parts = Array(repeating: [], count: count) }
    func set(_ index: Int, _ value: [Transaction]) { lock.withLock { parts[index] = value } }
    func joined() -> [Transaction] { lock.withLock { parts.flatMap { $0 } } }
}

extension TransactionID {
    var hex: String { bytes.map { String(format: "%02x", $0) }.joined() }
}
