import Foundation
import Testing

/// Issue 5 "Done means": a validator stopped and restarted catches
/// up to the same block hashes as the others. Bounded waits: 120 s each.
@Suite(.serialized) struct NodeRestartTests {
    @Test func r5_3_1_restartedNodeCatchesUpToTheSameHashes() throws {
        let net = try LocalNetwork("node-restart")
        defer { net.shutdown() }
        let node0 = try #require(net.node(0)), node3 = try #require(net.node(3))
        try #require(net.wait { node3.height() >= 3 }, "\(net.report())")

        node3.signal(SIGTERM)
        node3.waitUntilExit()
        #expect(node3.exitedCleanly)
        let stoppedAt = node3.height()
        try #require(net.wait { node0.height() >= stoppedAt + 3 }, "\(net.report())")
        let restarted = try net.launch(3, log: "node3-restart.log")
        let target = node0.height()
        try #require(net.wait { restarted.height() >= target }, "\(net.report())")
        let hash = restarted.hash(height: Int(target))
        #expect(hash != nil)
        #expect(hash == node0.hash(height: Int(target)))
    }
}
