import Foundation
import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// Issue 5 item 4: four chain runtimes on real
/// files commit the same blocks; a restarted one continues without
/// double-signing; an acknowledged transaction is in every store.
@Suite(.serialized) struct ChainRuntimeTests {
    static let client = fixedSigner(77)

    @Test func r5_3_1_fourRuntimesCommitTheSameBlocks() throws {
        let network = try RuntimeNetwork()
        let first = try network.transactions(["k1", "k2", "k3"], client: Self.client)
        #expect(network.nodes[0]?.submit(first).allSatisfy { $0.rejection == nil } == true)
        network.gossip(first)
        #expect(try network.drive { (0..<4).allSatisfy { network.applied($0) >= 5 } })
        try expectSameChain(network, through: 5)
        try expectAcknowledged(first, network)
        #expect(try network.nodes[0]?.store.value(forKey: ExecutorTests.kvKey("k2")) != nil)
    }

    @Test func r5_3_3_restartContinuesWithoutDoubleSigning() throws {
        let network = try RuntimeNetwork()
        #expect(try network.drive { (0..<4).allSatisfy { network.applied($0) >= 2 } })
        let me = try #require(try network.validators.index(of: network.signers[3].publicKey))
        let signedBefore = network.signed.filter { $0.value[me] != nil }.keys.max()
        network.crash(3)
        let second = try network.transactions(["a1", "a2"], client: Self.client)
        network.gossip(second)
        #expect(try network.drive { (0..<3).allSatisfy { network.applied($0) >= 4 } })
        try network.start(3)
        let third = try network.transactions(["b1"], client: Self.client)
        network.gossip(third)
        #expect(try network.drive { (0..<4).allSatisfy { network.applied($0) >= 6 } })
        try expectSameChain(network, through: 6)
        try expectAcknowledged(second + third, network)

        // No validator signed two different messages at one (height, round, step).
        for (position, byValidator) in network.signed {
            for (validator, messages) in byValidator {
                #expect(messages.count == 1, "validator \(validator) signed twice at \(position)")
            }
        }
        // The files of node 3 hold a signer state above all it signed before the
        // crash: it signed again after the restart, never below or beside its past.
        let durable = try FileDurableStore(directory: network.directory(3).appendingPathComponent("consensus").path)
        let stored = try #require(try SignerStateFile(store: durable).last)
        #expect(stored.position > (try #require(signedBefore)))
    }

    /// Every live store holds the same block hashes and state roots up to `height`.
    func expectSameChain(_ network: RuntimeNetwork, through height: UInt64) throws {
        let reference = try #require(network.nodes[0]).store
        for index in 1..<4 {
            let store = try #require(network.nodes[index]).store
            for level in 1...height {
                let mine = try #require(try store.block(at: level)).header
                let theirs = try #require(try reference.block(at: level)).header
                #expect(mine.hash(.sha256) == theirs.hash(.sha256))
                #expect(mine.stateRoot == theirs.stateRoot)
            }
        }
    }

    /// A transaction node 0 acknowledges as committed (it has its receipt) is
    /// in every store at the same height, and no longer in any mempool.
    func expectAcknowledged(_ transactions: [Transaction], _ network: RuntimeNetwork) throws {
        for transaction in transactions {
            let id = transaction.id(.sha256)
            let acknowledged = try #require(try network.nodes[0]?.store.receipt(for: id))
            for index in 0..<4 {
                let receipt = try network.nodes[index]?.store.receipt(for: id)
                #expect(receipt?.height == acknowledged.height)
                #expect(network.nodes[index]?.mempool.contains(id) == false)
            }
        }
    }
}
