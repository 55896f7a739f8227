import Foundation
import Testing

/// Issue 5 "Done means": a validator stopped and restarted catches
/// up to the same block hashes as the others. Bounded waits: 120 s each.
@Suite(.serialized) struct NodeRestartTests {
    @Test func r5_3_1_restartedNodeCatchesUpToTheSameHashes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("node-restart-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let base = CLI.portBase()
        let initResult = try CLI.run(["init", "--validators", "4", "--chains", "cbetc", "--out", root.path,
                                      "--base-port", String(base), "--http-base-port", String(base + 500)])
        try #require(initResult.status == 0, "\(initResult.stderr)")
        var children: [Process] = []
        defer {
            for child in children where child.isRunning { kill(child.processIdentifier, SIGKILL) }
        }
        let logs = (0..<4).map { root.appendingPathComponent("node\($0).log") }
        for index in 0..<4 { children.append(try Self.launch(root, index, log: logs[index])) }
        try #require(Self.wait { Self.height(logs[3]) >= 3 })

        children[3].terminate()
        children[3].waitUntilExit()
        #expect(children[3].terminationStatus == 0)
        let stoppedAt = Self.height(logs[3])
        let restartLog = root.appendingPathComponent("node3-restart.log")
        try #require(Self.wait { Self.height(logs[0]) >= stoppedAt + 3 })
        children.append(try Self.launch(root, 3, log: restartLog))
        let target = Self.height(logs[0])
        try #require(Self.wait { Self.height(restartLog) >= target })
        let hash = NodeNetworkTests.hash(atHeight: Int(target), log: restartLog)
        #expect(hash != nil)
        #expect(hash == NodeNetworkTests.hash(atHeight: Int(target), log: logs[0]))
    }

    static func launch(_ root: URL, _ index: Int, log: URL) throws -> Process {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let child = Process()
        child.executableURL = CLI.binaryURL
        child.arguments = ["node", "--home", root.appendingPathComponent("node\(index)").path]
        child.standardOutput = try FileHandle(forWritingTo: log)
        child.standardError = child.standardOutput
        try child.run()
        return child
    }

    /// Polls `done` every 0.2 s for at most 120 s.
    static func wait(_ done: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(NodeNetworkTests.waitSeconds)
        while Date() < deadline {
            if done() { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return done()
    }

    /// The highest cbetc height a log shows committed.
    static func height(_ log: URL) -> UInt64 {
        NodeNetworkTests.text(log).split(separator: "\n").compactMap { line -> UInt64? in
            guard line.contains("chain=cbetc height=") else { return nil }
            return line.split(separator: " ").first { $0.hasPrefix("height=") }.flatMap { UInt64($0.dropFirst(7)) }
        }.max() ?? 0
    }
}
