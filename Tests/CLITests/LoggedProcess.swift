import Foundation

/// A `crosstrace` child process of a CLI test, its standard output and error
/// written to a log file that the test reads while it runs.
final class LoggedProcess {
    /// The bound on every wait for a network of processes, in seconds.
    static let waitSeconds = 120.0

    let log: URL
    private let process = Process()
    /// True once the test has signalled it: its exit is then no failure of its own.
    private(set) var stoppedByTest = false

    /// Starts `crosstrace arguments…` with its output in `log` (created empty).
    init(_ arguments: [String], log: URL) throws {
        self.log = log
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = CLI.binaryURL
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = process.standardOutput
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    /// True when it exited by itself with status 0 (not killed by a signal).
    var exitedCleanly: Bool { process.terminationReason == .exit && process.terminationStatus == 0 }

    /// The log so far.
    var text: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Sends `signal` (SIGTERM, SIGKILL) if it is still running.
    func signal(_ signal: Int32) {
        stoppedByTest = true
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    func waitUntilExit() { process.waitUntilExit() }

    /// The highest height of `chain` the log shows committed (0 when none).
    func height(chain: String = "cbetc") -> UInt64 {
        text.split(separator: "\n").compactMap { line -> UInt64? in
            guard line.contains("chain=\(chain) height=") else { return nil }
            return line.split(separator: " ").first { $0.hasPrefix("height=") }.flatMap { UInt64($0.dropFirst(7)) }
        }.max() ?? 0
    }

    /// The hash prefix the log shows for `height` of `chain`, if it has one.
    func hash(chain: String = "cbetc", height: Int) -> String? {
        for line in text.split(separator: "\n") where line.contains("chain=\(chain) height=\(height) ") {
            guard let field = line.split(separator: " ").first(where: { $0.hasPrefix("hash=") }) else { continue }
            return String(field.dropFirst(5))
        }
        return nil
    }
}

/// Bounded polling for the CLI tests' waits on child processes.
enum Poll {
    /// Checks `done` every `interval` seconds for at most `seconds`; true as soon as it holds.
    static func until(seconds: Double, every interval: Double, _ done: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if done() { return true }
            Thread.sleep(forTimeInterval: interval)
        }
        return done()
    }
}
