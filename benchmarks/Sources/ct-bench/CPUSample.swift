import Foundation

/// CPU use over the measured window (issue 7 item 2: each node's CPU), read
/// from Linux `/proc`: the node processes' user+system ticks and the whole
/// machine's busy ticks at the window's start and end. Warm-up, pre-signing
/// and drain fall outside, so an idle phase does not dilute the figure.
struct CPUSample {
    let nodeTicks: Int
    let machineBusy: Int
    let machineTotal: Int

    static func take(pids: [Int32]) -> CPUSample? {
        guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = stat.split(separator: "\n").first else { return nil }
        let fields = line.split(separator: " ").dropFirst().compactMap { Int($0) }
        guard fields.count >= 5 else { return nil }
        var nodes = 0
        for pid in pids {
            // Fields after the parenthesised command: utime and stime are the 12th and 13th.
            guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = text.lastIndex(of: ")") else { return nil }
            let rest = text[text.index(after: close)...].split(separator: " ")
            guard rest.count > 13, let user = Int(rest[11]), let system = Int(rest[12]) else { return nil }
            nodes += user + system
        }
        let total = fields.reduce(0, +)
        return CPUSample(nodeTicks: nodes, machineBusy: total - fields[3] - fields[4], machineTotal: total)
    }

    /// Per node, % of one core; and the machine's busy %, between `start` and `end`.
    static func report(_ start: CPUSample, _ end: CPUSample, nodes: Int, seconds: Double) -> [String: Double] {
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        let nodeSeconds = Double(end.nodeTicks - start.nodeTicks) / ticksPerSecond
        let machine = Double(end.machineBusy - start.machineBusy) / Double(max(1, end.machineTotal - start.machineTotal))
        return ["node_cpu_percent": (nodeSeconds / seconds / Double(max(1, nodes)) * 1000).rounded() / 10,
                "machine_busy_percent": (machine * 1000).rounded() / 10]
    }
}
