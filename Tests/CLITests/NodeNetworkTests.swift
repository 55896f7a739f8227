import Foundation
import Testing

/// Issue 5 "Done means": four real `crosstrace node`
/// processes over mutual TLS commit the same blocks. Bounded wait: 120 s.
@Suite(.serialized) struct NodeNetworkTests {
    static let heightTarget = 3

    @Test func r5_3_1_fourNodeProcessesCommitIdenticalBlocks() throws {
        let net = try LocalNetwork("node-net")
        defer { net.shutdown() }
        let reached = net.wait { net.nodes.allSatisfy { $0.hash(height: Self.heightTarget) != nil } }
        if let exited = net.exitedEarly {
            Issue.record("\(exited)")
            return
        }
        #expect(reached, "\(net.report())")
        #expect(Set(net.nodes.compactMap { $0.hash(height: Self.heightTarget) }).count == 1)

        #expect(net.stop())
        #expect(net.nodes.allSatisfy { $0.text.contains("stopped") })
    }
}
