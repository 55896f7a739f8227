import ArgumentParser
import Foundation
import TraceNode

/// `crosstrace node --home DIR`: runs one node until SIGINT or SIGTERM (issue 5
/// item 8; docs/operations.md "Running a node"). HTTP is not served yet.
struct NodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Run one node from its home directory until SIGINT/SIGTERM (peer network and consensus; HTTP is not served yet).")

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
        let signal = await StopSignal.wait()
        NodeLog.line("\(name) stopping on \(signal)")
        await host.shutdown()
        NodeLog.line("\(name) stopped")
    }
}

/// Log lines to stdout, each flushed (a parent process or a test reads them as they come).
enum NodeLog {
    static func line(_ text: String) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        FileHandle.standardOutput.write(Data("\(stamp) \(text)\n".utf8))
    }
}

/// Waits for SIGINT or SIGTERM (their default actions are turned off first).
enum StopSignal {
    static func wait() async -> String {
        await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            let once = OnceFlag()
            var sources: [DispatchSourceSignal] = []
            for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: StopSignal.queue)
                source.setEventHandler {
                    if once.take() { continuation.resume(returning: name) }
                }
                source.resume()
                sources.append(source)
            }
            StopSignal.keep = sources
        }
    }

    static let queue = DispatchQueue(label: "crosstrace.signals")
    nonisolated(unsafe) static var keep: [DispatchSourceSignal] = []
}

/// True the first time only.
final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = false
    func take() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if taken { return false }
        taken = true
        return true
    }
}
