import Foundation
import Testing
import TraceConsensus
import TraceLedger

/// Issue 5 "Done means": with two of four validators
/// killed (kill -9) the other two commit nothing more — a third of the power
/// or less cannot decide — and the network resumes, with identical hashes,
/// when one returns. No validator signs two messages for one position
/// across the restart, as its WAL and signer state files show.
@Suite(.serialized) struct NodeHaltResumeTests {
    @Test func r5_3_3_twoOfFourKilledHaltThenOneReturningResumes() throws {
        let net = try LocalNetwork("node-halt")
        defer { net.shutdown() }
        let (node0, node1) = (try #require(net.node(0)), try #require(net.node(1)))
        try #require(net.wait { net.nodes.allSatisfy { $0.height() >= 3 } }, "\(net.report())")

        net.kill([2, 3])
        let atDeath = try Self.ownRecords(net.root, node: 2)
        // Halted: the two left stop moving (one height may still finish in flight) and stay there.
        let settled = Self.settle { [node0.height(), node1.height()] }
        try #require(settled != nil, "heights kept moving with half the power gone")
        let halted = try #require(settled)
        let (low, high) = (halted.min() ?? 0, halted.max() ?? 0)
        #expect(high <= low + 1)

        let again = try net.launch(2, log: "node2-again.log")
        let target = Int(high) + 3
        let resumed = net.wait { [node0, node1, again].allSatisfy { $0.hash(height: target) != nil } }
        #expect(resumed, "logs: \([node0, again].map { $0.text.suffix(600) })")
        let hashes = Set([node0, node1, again].compactMap { $0.hash(height: target) })
        #expect(hashes.count == 1)

        net.kill()
        let after = try Self.ownRecords(net.root, node: 2)
        // The signer state moved on (it signed again after the restart, never
        // below), and no position was signed twice with other bytes.
        #expect(after.signerState.position.height > atDeath.signerState.position.height)
        var byPosition: [SignPosition: [UInt8]] = [:]
        for state in atDeath.own + after.own + [atDeath.signerState, after.signerState] {
            if let earlier = byPosition[state.position] {
                #expect(earlier == state.signBytes, "two messages signed at \(state.position)")
            }
            byPosition[state.position] = state.signBytes
        }
    }

    /// Polls heights until they stay unchanged for 6 s (at most 60 s); nil when they never do.
    static func settle(_ heights: () -> [UInt64]) -> [UInt64]? {
        var last = heights()
        var since = Date()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.5)
            let now = heights()
            if now != last {
                (last, since) = (now, Date())
            } else if Date().timeIntervalSince(since) >= 6 {
                return now
            }
        }
        return nil
    }

    /// A node's signer state and the own messages of its WAL, read from a
    /// copy of its consensus directory with the ledger's own decoders.
    static func ownRecords(_ root: URL, node: Int) throws -> (signerState: SignerState, own: [SignerState]) {
        let source = root.appendingPathComponent("node\(node)/chains/cbetc/consensus")
        let copy = root.appendingPathComponent("copy-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: source, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let durable = try FileDurableStore(directory: copy.path)
        let signerState = try #require(try SignerStateFile(store: durable).last)
        let own = try ConsensusWAL(store: durable).readAll().compactMap { item -> SignerState? in
            guard case .own(let message) = item.entry else { return nil }
            return ConsensusWAL.signerState(of: message)
        }
        return (signerState, own)
    }
}
