import Foundation

/// A network of real `crosstrace node` processes for one CLI test:
/// `crosstrace init` into a fresh temporary directory (peer ports from a
/// random `CLI.portBase()`, HTTP ports 500 above them), then one
/// `crosstrace node` per validator, node i's output in `root/node<i>.log`.
///
/// The test defers `shutdown()` right after creating it: that kills every
/// node still running and removes the directory, on failure too.
final class LocalNetwork {
    /// The temporary directory `init` wrote the network to; removed by `shutdown()`.
    let root: URL
    let validators: Int
    /// The first peer port; node i listens on `base + i`.
    let base: Int
    /// The first HTTP port; node i serves its API on `httpBase + i`.
    let httpBase: Int
    /// Every node process launched, restarts included, in launch order.
    private(set) var launched: [LoggedProcess] = []
    /// The latest process launched for each validator index.
    private var latest: [LoggedProcess?]

    struct SetupFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// Inits the network and launches every validator's node.
    init(_ label: String, validators: Int = 4, chains: String = "cbetc", profile: String? = nil) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        self.validators = validators
        base = CLI.portBase()
        httpBase = base + 500
        latest = Array(repeating: nil, count: validators)
        var arguments = ["init", "--validators", String(validators), "--chains", chains]
        if let profile { arguments += ["--profile", profile] }
        arguments += ["--out", root.path, "--base-port", String(base), "--http-base-port", String(httpBase)]
        do {
            let result = try CLI.run(arguments)
            guard result.status == 0 else {
                throw SetupFailure(description: "crosstrace init exited \(result.status): \(result.stderr)")
            }
            for index in 0..<validators { try launch(index) }
        } catch {
            shutdown()
            throw error
        }
    }

    /// The latest process of validator `index` (nil only before its first launch).
    func node(_ index: Int) -> LoggedProcess? { latest[index] }

    /// The latest process of every validator that has been launched.
    var nodes: [LoggedProcess] { latest.compactMap { $0 } }

    /// Node `index`'s HTTP API.
    func url(_ index: Int) -> String { "http://127.0.0.1:\(httpBase + index)" }

    /// Node `index`'s home directory.
    func nodeHome(_ index: Int) -> URL { root.appendingPathComponent("node\(index)") }

    /// Starts `crosstrace node` for validator `index`, its output in `root/<log>`
    /// (default `node<index>.log`), and makes it that validator's latest process.
    @discardableResult
    func launch(_ index: Int, log: String? = nil) throws -> LoggedProcess {
        let file = root.appendingPathComponent(log ?? "node\(index).log")
        let process = try LoggedProcess(["node", "--home", nodeHome(index).path], log: file)
        launched.append(process)
        latest[index] = process
        return process
    }

    /// Sends SIGKILL (kill -9) to the latest process of each of `indices`
    /// (default: all), then waits for them to exit.
    func kill(_ indices: [Int]? = nil) {
        let targets = (indices ?? Array(0..<validators)).compactMap { latest[$0] }
        for process in targets { process.signal(SIGKILL) }
        for process in targets { process.waitUntilExit() }
    }

    /// Sends SIGTERM to every latest process and waits; true when each exited with status 0.
    func stop() -> Bool {
        let targets = nodes
        for process in targets { process.signal(SIGTERM) }
        for process in targets { process.waitUntilExit() }
        return targets.allSatisfy(\.exitedCleanly)
    }

    /// Polls `done` every 0.2 s for at most `seconds`; false when time runs out
    /// or when a node the test did not stop has exited (see `report`).
    func wait(seconds: Double = LoggedProcess.waitSeconds, _ done: () -> Bool) -> Bool {
        var finished = false
        _ = Poll.until(seconds: seconds, every: 0.2) {
            finished = done()
            return finished || exitedEarly != nil
        }
        return finished
    }

    /// The first node that exited without the test stopping it, with its log's end.
    var exitedEarly: String? {
        guard let index = latest.firstIndex(where: { $0.map { !$0.isRunning && !$0.stoppedByTest } ?? false }),
              let process = latest[index] else { return nil }
        return "node\(index) exited early: \(process.text.suffix(2_000))"
    }

    /// What a failed wait shows: an early exit, and the end of each latest node's log.
    func report(_ tail: Int = 600) -> String {
        (exitedEarly ?? "") + " logs: \(nodes.map { $0.text.suffix(tail) })"
    }

    /// Kills every process still running and removes the directory.
    func shutdown() {
        for process in launched { process.signal(SIGKILL) }
        for process in launched { process.waitUntilExit() }
        try? FileManager.default.removeItem(at: root)
    }
}

/// `crosstrace up --demo` (issue 6 item 7) run on `directory` for one test,
/// its output in `log`. The test defers `stop()`.
struct DemoNetwork {
    static let waitSeconds = 180.0
    let up: LoggedProcess
    /// The first peer port; node0's HTTP API is on `base + 500`.
    let base: Int

    init(directory: URL, validators: Int, base: Int, log: URL) throws {
        self.base = base
        up = try LoggedProcess(["up", "--demo", "--validators", String(validators), "--dir", directory.path,
                                "--base-port", String(base), "--http-base-port", String(base + 500)], log: log)
    }

    /// Node0's HTTP API.
    var url: String { "http://127.0.0.1:\(base + 500)" }

    /// The `demo-product` lines once at least `count` are printed (polling
    /// every 0.5 s for at most 180 s); nil when `up` exits or time runs out first.
    func products(atLeast count: Int) -> [String]? {
        var products: [String] = []
        _ = Poll.until(seconds: Self.waitSeconds, every: 0.5) {
            products = up.text.split(separator: "\n").filter { $0.hasPrefix("demo-product ") }.map(String.init)
            return products.count >= count || !up.isRunning
        }
        return products.count >= count ? products : nil
    }

    /// Sends SIGTERM and waits; true when `up` exited with status 0.
    @discardableResult
    func stop() -> Bool {
        up.signal(SIGTERM)
        up.waitUntilExit()
        return up.exitedCleanly
    }
}
