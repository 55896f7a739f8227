import Foundation
import Synchronization

/// Runs the built `crosstrace` binary as a user would, so exit statuses and
/// output are tested for real. The binary sits beside the test bundle.
struct CLIResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

enum CLI {
    /// The first port for a test network (peer ports from it, HTTP ports from
    /// it + 500): below Linux's ephemeral range (32768–60999), so no other
    /// test's outgoing connection holds it, and no node of another test dials
    /// into an in-process listener by chance. Bases are handed out in steps of
    /// 10 from a random start within 25,700–30,899 (the API tests' networks
    /// take 20,000–25,699): random bases per network collided now and then
    /// when suites ran in parallel ("Address already in use").
    static func portBase() -> Int { 25_700 + (nextSlot.add(1, ordering: .relaxed).oldValue % 520) * 10 }

    private static let nextSlot = Atomic<Int>(Int.random(in: 0..<520))

    static var binaryURL: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("crosstrace")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        let fromBundle = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("crosstrace")
        return fromBundle
    }

    /// Runs `crosstrace args…`, feeding `stdin` if given.
    static func run(_ args: [String], stdin: Data? = nil) throws -> CLIResult {
        let process = Process()
        process.executableURL = binaryURL
        process.arguments = args
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }
}
