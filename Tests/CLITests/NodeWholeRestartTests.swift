import Foundation
import Testing

/// Issue 5 "Done means": all four validator processes
/// killed with SIGKILL at once and started again together commit new heights
/// with identical hashes (the network used to stall there), three times in a
/// row. Bounded waits: 120 s each.
@Suite(.serialized) struct NodeWholeRestartTests {
    @Test func r5_3_3_allFourKilledAndRestartedCommitAgain() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("node-all-\(UUID().uuidString)")
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
        for index in 0..<4 { children.append(try NodeRestartTests.launch(root, index, log: logs[index])) }
        try #require(NodeRestartTests.wait { logs.allSatisfy { NodeRestartTests.height($0) >= 3 } })

        var current = logs
        for cycle in 0..<3 {
            for child in children where child.isRunning { kill(child.processIdentifier, SIGKILL) }
            for child in children { child.waitUntilExit() }
            let stoppedAt = current.map(NodeRestartTests.height).max() ?? 0
            current = (0..<4).map { root.appendingPathComponent("node\($0)-cycle\(cycle).log") }
            for index in 0..<4 { children.append(try NodeRestartTests.launch(root, index, log: current[index])) }
            let target = Int(stoppedAt) + 2
            let reached = NodeRestartTests.wait { current.allSatisfy { NodeNetworkTests.hash(atHeight: target, log: $0) != nil } }
            try #require(reached, "cycle \(cycle): \(current.map { NodeNetworkTests.text($0).suffix(600) })")
            let hashes = Set(current.compactMap { NodeNetworkTests.hash(atHeight: target, log: $0) })
            #expect(hashes.count == 1)
        }
    }
}
