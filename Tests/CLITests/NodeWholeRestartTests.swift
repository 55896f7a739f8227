import Foundation
import Testing

/// Issue 5 "Done means": all four validator processes
/// killed with SIGKILL at once and started again together commit new heights
/// with identical hashes (the network used to stall there), three times in a
/// row. Bounded waits: 120 s each.
@Suite(.serialized) struct NodeWholeRestartTests {
    @Test func r5_3_3_allFourKilledAndRestartedCommitAgain() throws {
        let net = try LocalNetwork("node-all")
        defer { net.shutdown() }
        try #require(net.wait { net.nodes.allSatisfy { $0.height() >= 3 } }, "\(net.report())")

        for cycle in 0..<3 {
            net.kill()
            let stoppedAt = net.nodes.map { $0.height() }.max() ?? 0
            for index in 0..<4 { try net.launch(index, log: "node\(index)-cycle\(cycle).log") }
            let target = Int(stoppedAt) + 2
            let reached = net.wait { net.nodes.allSatisfy { $0.hash(height: target) != nil } }
            try #require(reached, "cycle \(cycle): \(net.nodes.map { $0.text.suffix(600) })")
            let hashes = Set(net.nodes.compactMap { $0.hash(height: target) })
            #expect(hashes.count == 1)
        }
    }
}
