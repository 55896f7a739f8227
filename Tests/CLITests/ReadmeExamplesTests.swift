import Foundation
import Testing

/// Issue 6 "Done means": README documents the API with curl examples that a
/// test runs. Every command of the README block between
/// `<!-- api-examples:start -->` and `<!-- api-examples:end -->` runs under
/// `bash -euo pipefail` against a real demo network (`up --demo`, one
/// validator, fresh ports), with `NODE` pointing at node0, `NET` at its directory and `crosstrace` on the PATH; each must exit 0
/// (the examples use `curl -sf`, so any HTTP error fails them).
@Suite(.serialized) struct ReadmeExamplesTests {
    @Test func r6_3_1_3_readmeCurlExamplesRunAgainstADemoNetwork() throws {
        let commands = try Self.examples()
        try #require(commands.count >= 8, "README has no API examples block")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let log = root.deletingLastPathComponent().appendingPathComponent(root.lastPathComponent + ".log")
        defer { try? FileManager.default.removeItem(at: log) }
        let demo = try DemoNetwork(directory: root, validators: 1, base: CLI.portBase(), log: log)
        defer { demo.stop() }
        try #require(demo.products(atLeast: 1) != nil, "up --demo: \(demo.up.text.suffix(2_000))")
        for command in commands {
            let result = try Self.bash(command, node: demo.url, network: root.path)
            #expect(result.status == 0, "`\(command)` exited \(result.status): \(result.output.suffix(1_000))")
        }
    }

    /// The commands of the README's API examples block (comments and the `NODE=` line dropped).
    static func examples() throws -> [String] {
        let readme = CLI.binaryURL.deletingLastPathComponent()  // .build/<triple>/debug
        var directory = readme
        while directory.path != "/", !FileManager.default.fileExists(atPath: directory.appendingPathComponent("README.md").path) {
            directory = directory.deletingLastPathComponent()
        }
        let text = try String(contentsOf: directory.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = text.range(of: "<!-- api-examples:start -->"),
              let end = text.range(of: "<!-- api-examples:end -->", range: start.upperBound..<text.endIndex) else { return [] }
        return text[start.upperBound..<end.lowerBound].split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("```") && !$0.hasPrefix("#") && !$0.hasPrefix("NODE=") && !$0.hasPrefix("NET=") }
    }

    static func bash(_ command: String, node: String, network: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-euo", "pipefail", "-c", command]
        var environment = ProcessInfo.processInfo.environment
        environment["NODE"] = node
        environment["NET"] = network
        environment["PATH"] = CLI.binaryURL.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
