import Foundation

/// What the load run knows: which transactions went out when, which were
/// refused, and when each was seen committed.
actor LoadState {
    private let index: [String: Int]
    private var next = 0
    private var sentAt: [Int: ContinuousClock.Instant] = [:]
    /// Commits seen before their batch's answer was read (a fast node commits
    /// a transaction before the submitter has taken its reply): counted when
    /// the answer comes, so such a transaction is not left in flight forever.
    private var committedEarly: [Int: (instant: ContinuousClock.Instant, elapsed: Double)] = [:]
    private var outstanding = 0
    private var refused = 0
    private var refusedCodes: [String: Int] = [:]
    private var latencies = Samples()
    private var committedInWindow = 0
    private var committedTotal = 0
    private var warmupMs = 0.0
    private var windowMs = 0.0

    init(ids: [String]) {
        var index: [String: Int] = [:]
        for (position, id) in ids.enumerated() { index[id] = position }
        self.index = index
    }

    /// The next `count` transactions to send, unless too many are in flight.
    func claim(_ count: Int, of total: Int, inflightMax: Int) -> Range<Int>? {
        guard next < total, outstanding + count <= inflightMax else { return nil }
        let range = next..<min(total, next + count)
        next = range.upperBound
        outstanding += range.count
        return range
    }

    func exhausted(_ total: Int) -> Bool { next >= total }

    /// Records the answer of one batch: accepted items are in flight until committed.
    func submitted(_ range: Range<Int>, at instant: ContinuousClock.Instant, reply: JSONClient.Reply) {
        let results = ((reply.json as? [String: Any])?["results"] as? [[String: Any]]) ?? []
        for (offset, position) in range.enumerated() {
            let result = offset < results.count ? results[offset] : nil
            if reply.status == 200, result?["status"] as? String == "accepted" {
                sentAt[position] = instant
                if let early = committedEarly.removeValue(forKey: position) {
                    count(position, committedAt: early.instant, elapsed: early.elapsed)
                }
            } else {
                outstanding -= 1
                refused += 1
                let code = (result?["code"] as? String) ?? "http_\(reply.status)"
                refusedCodes[code, default: 0] += 1
            }
        }
    }

    func committed(_ ids: [String], at instant: ContinuousClock.Instant, since start: ContinuousClock.Instant) {
        let elapsed = milliseconds(start, instant)
        for id in ids {
            guard let position = index[id] else { continue }
            guard sentAt[position] != nil else {
                if position < next { committedEarly[position] = (instant, elapsed) }
                continue
            }
            count(position, committedAt: instant, elapsed: elapsed)
        }
    }

    private func count(_ position: Int, committedAt instant: ContinuousClock.Instant, elapsed: Double) {
        guard let sent = sentAt.removeValue(forKey: position) else { return }
        outstanding -= 1
        committedTotal += 1
        if elapsed >= warmupMs, elapsed < warmupMs + windowMs {
            committedInWindow += 1
            latencies.add(max(0, milliseconds(sent, instant)))
        }
    }

    /// Every transaction was sent and is committed or refused.
    func settled(bodiesTotal: Int?) -> Bool { next >= index.count && outstanding == 0 }

    func report(seconds: Double) -> [String: Any] {
        [
            "throughput_tx_per_s": (Double(committedInWindow) / seconds).rounded(),
            "latency_p50_ms": latencies.percentile(50).rounded(),
            "latency_p99_ms": latencies.percentile(99).rounded(),
            "committed": committedTotal, "refused": refused,
            "refused_codes": refusedCodes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","),
        ]
    }

    func setWindow(warmup: Double, seconds: Double) {
        warmupMs = warmup * 1000
        windowMs = seconds * 1000
    }
}
