import Foundation
import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// Issue 7 with kept: only round 0's proposer builds (and
/// executes) its block when a height starts; the others start with an empty
/// block and build their real one when a timeout shows the round failing, so
/// a later round's proposer still proposes the waiting transactions.
@Suite(.serialized) struct RuntimeLazyPayloadTests {
    static func proposer(_ network: RuntimeNetwork, height: UInt64, round: UInt32) throws -> Int {
        var rotation = ProposerRotation(try network.validators)
        return rotation.proposer(height: Height(height), round: Round(round))
    }

    @Test func r5_3_1_onlyRoundZerosProposerStartsWithItsBlock() throws {
        let network = try RuntimeNetwork()
        let first = try Self.proposer(network, height: 1, round: 0)
        for index in 0..<4 {
            let node = try #require(network.nodes[index])
            #expect(node.payloadIsFull == (index == first))
        }
    }

    /// Round 0's proposer is down: round 1's proposer had only an empty
    /// block at the start, yet the height commits the waiting transactions.
    @Test func r5_3_3_laterRoundProposerProposesTheWaitingTransactions() throws {
        let network = try RuntimeNetwork()
        let down = try Self.proposer(network, height: 1, round: 0)
        let next = try Self.proposer(network, height: 1, round: 1)
        try #require(down != next)
        #expect(try #require(network.nodes[next]).payloadIsFull == false)
        network.crash(down)
        (network.bus, network.busHead) = ([], 0)  // its round-0 proposal never left
        let client = fixedSigner(90)
        network.gossip(try network.transactions(["a", "b", "c"], client: client))
        let live = (0..<4).filter { $0 != down }
        let done = try network.drive { live.allSatisfy { network.applied($0) >= 1 } }
        #expect(done)
        let block = try #require(try network.nodes[next]?.store.block(at: 1))
        #expect(block.transactions.count == 3)
        #expect(block.header.proposer == network.signers[next].publicKey)
    }
}
