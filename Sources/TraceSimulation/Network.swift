import TraceConsensus

/// A time window during which a fault acts.
struct Window: Hashable {
    let start: Int64
    let end: Int64
    func contains(_ time: Int64) -> Bool { time >= start && time < end }
}

/// The seeded network: per-message delay, loss, duplication and reordering,
/// partitions (symmetric or one-way), an isolated proposer and flapping links.
/// After the heal time every message arrives within `healedDelayMax`.
struct NetworkModel {
    static let healedDelayMax: Int64 = 20
    var healTime: Int64 = 0
    var slow: [(Window, Int64)] = []
    var lossy: [(Window, UInt64)] = []
    var duplicating: [(Window, UInt64)] = []
    var jitter: [(Window, Int64)] = []
    /// Messages from `from` to `to` are dropped in the window (both ways if symmetric).
    var partitions: [(window: Window, side: Set<Int>, symmetric: Bool)] = []
    var isolateProposer: [Window] = []
    var flapping: [(window: Window, a: Int, b: Int, period: Int64)] = []
    /// Twins positive control: these node groups never hear each other.
    var permanentSides: [Set<Int>] = []

    /// The delays with which a message arrives (empty: lost; two: duplicated).
    func fate(from: Int, to: Int, at now: Int64, isProposerLink: Bool, rng: inout SeededGenerator) -> [Int64] {
        if !permanentSides.isEmpty, !permanentSides.contains(where: { $0.contains(from) && $0.contains(to) }) { return [] }
        let base = 1 + Int64(rng.next() % UInt64(Self.healedDelayMax))
        guard now < healTime else { return [base] }
        for (window, side, symmetric) in partitions where window.contains(now) {
            if side.contains(from) != side.contains(to), symmetric || side.contains(from) { return [] }
        }
        if isProposerLink, isolateProposer.contains(where: { $0.contains(now) }) { return [] }
        for link in flapping where link.window.contains(now) && Set([from, to]) == Set([link.a, link.b]) {
            if (now / link.period) % 2 == 0 { return [] }
        }
        for (window, percent) in lossy where window.contains(now) && rng.next() % 100 < percent { return [] }
        var delay = base
        for (window, extra) in slow where window.contains(now) { delay += Int64(rng.next() % UInt64(extra)) }
        for (window, extra) in jitter where window.contains(now) { delay += Int64(rng.next() % UInt64(extra)) }
        for (window, percent) in duplicating where window.contains(now) && rng.next() % 100 < percent {
            return [delay, delay + 1 + Int64(rng.next() % 50)]
        }
        return [delay]
    }
}

/// A simulated clock: local = sim time + offset + drift (parts per million).
struct SimClock {
    var offset: Int64 = 0
    var driftPPM: Int64 = 0
    func local(_ now: Int64) -> Int64 { 1_700_000_000_000 + now + offset + now * driftPPM / 1_000_000 }
    /// Sim-time length of a local-time duration.
    func simDuration(_ local: Int64) -> Int64 { max(1, local * 1_000_000 / (1_000_000 + driftPPM)) }
}
