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
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("node-halt-\(UUID().uuidString)")
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

        for index in [2, 3] { kill(children[index].processIdentifier, SIGKILL) }
        for index in [2, 3] { children[index].waitUntilExit() }
        let atDeath = try Self.ownRecords(root, node: 2)
        // Halted: the two left stop moving (one height may still finish in flight) and stay there.
        let settled = Self.settle { [logs[0], logs[1]].map(NodeRestartTests.height) }
        try #require(settled != nil, "heights kept moving with half the power gone")
        let halted = try #require(settled)
        let (low, high) = (halted.min() ?? 0, halted.max() ?? 0)
        #expect(high <= low + 1)

        let again = root.appendingPathComponent("node2-again.log")
        children.append(try NodeRestartTests.launch(root, 2, log: again))
        let target = Int(high) + 3
        let resumed = NodeRestartTests.wait {
            [logs[0], logs[1], again].allSatisfy { NodeNetworkTests.hash(atHeight: target, log: $0) != nil }
        }
        #expect(resumed, "logs: \([logs[0], again].map { NodeNetworkTests.text($0).suffix(600) })")
        let hashes = Set([logs[0], logs[1], again].compactMap { NodeNetworkTests.hash(atHeight: target, log: $0) })
        #expect(hashes.count == 1)

        for child in children where child.isRunning { kill(child.processIdentifier, SIGKILL) }
        for child in children { child.waitUntilExit() }
        let after = try Self.ownRecords(root, node: 2)
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
