import ArgumentParser
import Foundation
import TraceAPI
import TraceNode

/// `crosstrace node --home DIR`: runs one node and its HTTP API on node.toml
/// `listen_http` until SIGINT or SIGTERM, then stops HTTP first and the node
/// after (issue 5 items 6–8; docs/operations.md "Running a node", docs/api.md).
struct NodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Run one node from its home directory until SIGINT/SIGTERM (peer network, consensus, HTTP API).")

    @Option(help: "The node's home directory (holds node.toml).") var home: String

    func run() async throws {
        let nodeHome = try NodeHome(home: home)
        let name = nodeHome.config.node.name
        let host = try NodeHost(home: nodeHome, log: { line in NodeLog.line("\(name) \(line)") },
                                onFatal: { reason in
                                    NodeLog.line("\(name) fatal: \(reason)")
                                    Foundation.exit(1)
                                })
        let address = try await host.start()
        NodeLog.line("\(name) listening p2p=\(address)")
        let api = TraceAPI(host: host)
        let app = try api.application(router: api.makeRouter(), onRunning: { port in
            NodeLog.line("\(name) listening http=\(nodeHome.config.node.listenHTTP) port=\(port)")
        })
        let server = Task {
            do {
                try await app.run()
            } catch where !Task.isCancelled {
                NodeLog.line("\(name) http failed: \(error)")
                StopSignal.stop("http failure")
            }
        }
        let signal = await StopSignal.wait()
        NodeLog.line("\(name) stopping on \(signal)")
        server.cancel()
        _ = await server.result
        await host.shutdown()
        NodeLog.line("\(name) stopped")
        if signal == "http failure" { throw ExitCode.failure }
    }
}

/// Log lines to stdout, each flushed (a parent process or a test reads them as they come).
enum NodeLog {
    static func line(_ text: String) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        FileHandle.standardOutput.write(Data("\(stamp) \(text)\n".utf8))
    }
}

/// Waits for SIGINT or SIGTERM (their default actions are turned off first),
/// or for `stop(_:)`; answers the first reason.
enum StopSignal {
    static func wait() async -> String {
        var sources: [DispatchSourceSignal] = []
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: StopSignal.queue)
            source.setEventHandler { stop(name) }
            source.resume()
            sources.append(source)
        }
        StopSignal.keep = sources
        return await latch.wait()
    }

    /// Ends `wait()` with `reason` (the first reason wins).
    static func stop(_ reason: String) { latch.open(reason) }

    static let queue = DispatchQueue(label: "crosstrace.signals")
    static let latch = StopLatch()
    nonisolated(unsafe) static var keep: [DispatchSourceSignal] = []
}

/// Opened once with a reason; waiters get that reason.
final class StopLatch: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: String?
    private var waiters: [CheckedContinuation<String, Never>] = []

    func open(_ reason: String) {
        lock.lock()
        guard self.reason == nil else { return lock.unlock() }
        self.reason = reason
        let resumed = waiters
        waiters = []
        lock.unlock()
        for waiter in resumed { waiter.resume(returning: reason) }
    }

    func wait() async -> String {
        await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            lock.lock()
            if let reason {
                lock.unlock()
                continuation.resume(returning: reason)
                return
            }
            waiters.append(continuation)
            lock.unlock()
        }
    }
}
