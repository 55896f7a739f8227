import Foundation
import Metrics
import class Prometheus.PrometheusCollectorRegistry
import struct Prometheus.PrometheusMetricsFactory
import TraceLedger
import TraceNode

/// The node's Prometheus metrics (issue 5 item 6), made through swift-metrics
/// on this API's own registry (no process-wide bootstrap, so several nodes
/// or tests can live in one process). Values read from the node are set at
/// each scrape; counters advance by what changed since the previous one.
final class APIMetrics: @unchecked Sendable {
    /// Submissions remembered for the commit latency (the mempool bound's default).
    static let pendingMax = 50_000
    /// Blocks read per chain in one scrape, so a scrape stays short.
    static let blocksPerScrapeMax: UInt64 = 256

    let registry = PrometheusCollectorRegistry()
    let factory: PrometheusMetricsFactory
    private let lock = NSLock()
    private var perChain: [String: ChainMetrics] = [:]
    private var pending: [TransactionID: Int64] = [:]
    private var pendingOrder: [TransactionID] = []
    private var lastFramesRefused: UInt64 = 0
    private var lastHandshakesRefused: UInt64 = 0
    private let peers: Gauge
    private let framesRefused: Counter
    private let handshakesRefused: Counter
    private let accepted: Counter
    private let rejected: Counter
    private let commitLatency: LatencyTimer

    init() {
        factory = PrometheusMetricsFactory(registry: registry)
        peers = Gauge(label: "crosstrace_peers", factory: factory)
        framesRefused = Counter(label: "crosstrace_frames_refused_total", factory: factory)
        handshakesRefused = Counter(label: "crosstrace_handshakes_refused_total", factory: factory)
        accepted = Counter(label: "crosstrace_transactions_submitted_total", dimensions: [("result", "accepted")], factory: factory)
        rejected = Counter(label: "crosstrace_transactions_submitted_total", dimensions: [("result", "rejected")], factory: factory)
        commitLatency = LatencyTimer(label: "crosstrace_commit_latency_seconds", factory: factory)
    }

    /// The text exposition format.
    func exposition() -> [UInt8] { registry.emitToBuffer() }

    /// Remembers accepted ids with their submission time, for the commit latency.
    func noteSubmitted(_ results: [AdmissionResult]) {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        withLock {
            for result in results {
                guard case .accepted(let id) = result else {
                    rejected.increment()
                    continue
                }
                accepted.increment()
                if pending.count >= Self.pendingMax { forgetOldestHalf() }
                pending[id] = now
                pendingOrder.append(id)
            }
        }
    }

    /// The next block height of `chain` to count, if one is applied and not counted yet
    /// (counting starts at height 1 and reads at most `blocksPerScrapeMax` blocks a scrape).
    func nextHeight(_ chain: String, applied: UInt64) -> UInt64? {
        withLock {
            let metrics = chainMetrics(chain)
            return metrics.counted < applied && metrics.readThisScrape < Self.blocksPerScrapeMax ? metrics.counted + 1 : nil
        }
    }

    /// A block of `chain` is counted: its transactions, and the latency of those submitted here.
    func noteCommitted(_ ids: [TransactionID], chain: String, height: UInt64, blockTime: Int64) {
        withLock {
            guard let metrics = perChain[chain], metrics.counted + 1 == height else { return }
            metrics.counted = height
            metrics.readThisScrape += 1
            metrics.committed.increment(by: ids.count)
            for id in ids {
                guard let submitted = pending.removeValue(forKey: id) else { continue }
                commitLatency.recordMilliseconds(max(0, blockTime - submitted))
            }
            if pendingOrder.count > 2 * max(pending.count, 1) { pendingOrder.removeAll { pending[$0] == nil } }
        }
    }

    /// Sets the gauges from `snapshot` and advances the refusal counters.
    func update(_ snapshot: NodeMetricsSnapshot) {
        withLock {
            peers.record(snapshot.peers)
            framesRefused.increment(by: snapshot.framesRefused &- min(lastFramesRefused, snapshot.framesRefused))
            handshakesRefused.increment(by: snapshot.handshakesRefused &- min(lastHandshakesRefused, snapshot.handshakesRefused))
            lastFramesRefused = max(lastFramesRefused, snapshot.framesRefused)
            lastHandshakesRefused = max(lastHandshakesRefused, snapshot.handshakesRefused)
            for chain in snapshot.chains {
                let metrics = chainMetrics(chain.chain)
                metrics.height.record(chain.height)
                metrics.round.record(chain.round)
                metrics.mempoolSize.record(chain.mempoolSize)
                metrics.mempoolBytes.record(chain.mempoolBytes)
                metrics.readThisScrape = 0
            }
        }
    }

    /// Drops the older half of the remembered submissions at once (amortised O(1) per submission).
    private func forgetOldestHalf() {
        let dropped = min(pendingOrder.count, Self.pendingMax / 2)
        for id in pendingOrder.prefix(dropped) { pending[id] = nil }
        pendingOrder.removeFirst(dropped)
    }

    private func chainMetrics(_ chain: String) -> ChainMetrics {
        if let existing = perChain[chain] { return existing }
        let made = ChainMetrics(chain: chain, factory: factory)
        perChain[chain] = made
        return made
    }

    private func withLock<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}

/// The metrics of one hosted chain, labelled `chain="…"`.
final class ChainMetrics {
    let height: Gauge
    let round: Gauge
    let mempoolSize: Gauge
    let mempoolBytes: Gauge
    let committed: Counter
    /// The highest block whose transactions are counted.
    var counted: UInt64
    var readThisScrape: UInt64 = 0

    init(chain: String, factory: PrometheusMetricsFactory) {
        let label = [("chain", chain)]
        height = Gauge(label: "crosstrace_height", dimensions: label, factory: factory)
        round = Gauge(label: "crosstrace_round", dimensions: label, factory: factory)
        mempoolSize = Gauge(label: "crosstrace_mempool_transactions", dimensions: label, factory: factory)
        mempoolBytes = Gauge(label: "crosstrace_mempool_bytes", dimensions: label, factory: factory)
        committed = Counter(label: "crosstrace_transactions_committed_total", dimensions: label, factory: factory)
        counted = 0
    }
}
