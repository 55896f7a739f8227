import Foundation
import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// The minimum block interval (node.toml `block_interval_ms`; blocks
/// are time-ordered): on the hand-driven clock, consecutive block times are
/// at least the interval apart; without it they follow within milliseconds;
/// a waiting transaction starts the next height at once.
@Suite(.serialized) struct RuntimeBlockIntervalTests {
    /// Block times from height 2 on (block h+1 carries the precommit times of h).
    func gaps(_ network: RuntimeNetwork, through height: UInt64) throws -> [Int64] {
        let store = try #require(network.nodes[0]).store
        var times: [Int64] = []
        for level in 2...height { times.append(try #require(try store.block(at: level)).header.time) }
        return zip(times.dropFirst(), times).map { $0 - $1 }
    }

    @Test func r5_3_2_blocksAreAtLeastTheIntervalApart() throws {
        let network = try RuntimeNetwork { $0.blockIntervalMilliseconds = 1_500 }
        #expect(try network.drive { (0..<4).allSatisfy { network.applied($0) >= 7 } })
        let gaps = try gaps(network, through: 7)
        #expect(gaps.count == 5)
        // The interval runs from a node's commit (local time) to its next start;
        // block times are vote times, at least 1 ms after the voted block's
        // time, so the first gap after genesis time may be 1 ms short.
        #expect(gaps.allSatisfy { $0 >= 1_499 }, "\(gaps)")
        #expect(gaps.dropFirst().allSatisfy { $0 >= 1_500 }, "\(gaps)")
    }

    @Test func r5_3_2_withoutIntervalEmptyBlocksFollowAtOnce() throws {
        let network = try RuntimeNetwork()
        #expect(try network.drive { (0..<4).allSatisfy { network.applied($0) >= 7 } })
        #expect(try gaps(network, through: 7).allSatisfy { $0 < 1_500 })
    }

    /// One waiting transaction starts the next height at once: the interval
    /// spaces empty blocks only (issue 7: waiting to fill a block added up to
    /// the interval to every transaction's latency under moderate load).
    @Test func r5_3_2_aWaitingTransactionStartsTheNextHeightAtOnce() throws {
        let network = try RuntimeNetwork { $0.blockIntervalMilliseconds = 60_000 }
        #expect(try network.drive { (0..<4).allSatisfy { network.applied($0) >= 2 && network.nodes[$0]?.isWaitingForInterval == true } })
        let before = network.clock.time
        let applied = network.applied(0)
        let transactions = try network.transactions(["f1"], client: fixedSigner(90))
        #expect(network.nodes[1]?.submit(transactions).allSatisfy { $0.rejection == nil } == true)
        #expect(try network.drive { (0..<4).allSatisfy { network.applied($0) >= applied + 1 } })
        #expect(network.clock.time - before < 60_000)
        let block = try #require(try network.nodes[0]?.store.block(at: applied + 1))
        #expect(block.transactions.count == 1)
        // With nothing waiting, the chain waits for the interval again.
        #expect(try network.drive { (0..<4).allSatisfy { network.nodes[$0]?.isWaitingForInterval == true } })
        #expect(network.applied(0) == applied + 1)
    }

    /// An early wake-up re-arms itself; a lost one is made up by the next tick.
    @Test func r5_3_2_earlyWakeRearmsAndTickStartsAfterTheInterval() throws {
        let network = try RuntimeNetwork { $0.blockIntervalMilliseconds = 5_000 }
        #expect(try network.drive { network.applied(0) >= 2 && network.nodes[0]?.isWaitingForInterval == true })
        let node = try #require(network.nodes[0])
        let timers = network.clock.timers.count
        node.wake()
        #expect(node.isWaitingForInterval)
        #expect(network.clock.timers.count == timers + 1)
        network.clock.timers.removeAll { $0.node == 0 && $0.timeout == nil }
        network.clock.time += 5_000
        node.tick()
        #expect(!node.isWaitingForInterval)
        #expect(node.height.rawValue == node.store.appliedHeight + 1)
    }

    @Test func r5_3_2_blockIntervalIsANodeSetting() throws {
        var config = NodeConfig(home: "/tmp/h", node: NodeSettings(name: "n0"),
                                chains: [ChainSettings(id: "c", role: .validator, genesisFile: "genesis.json",
                                                       consensusKeyFile: "keys/c.key.json")])
        #expect(config.node.blockIntervalMs == 200)
        #expect(config.tomlText.contains("block_interval_ms = 200"))
        for refused: Int64 in [60_001, -1] {
            config.node.blockIntervalMs = refused
            let error = #expect(throws: ConfigError.self) { try config.validate() }
            #expect(error?.code == .outOfBounds)
            #expect(error?.field == "node.block_interval_ms")
        }
        config.node.blockIntervalMs = 0
        try config.validate()
    }
}
