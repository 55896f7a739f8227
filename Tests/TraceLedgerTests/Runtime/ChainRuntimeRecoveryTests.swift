import Foundation
import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// Issue 5 items 2 and 4: valid(v) re-executes the block;
/// a decision saved but not committed before a crash is committed on start.
@Suite(.serialized) struct ChainRuntimeRecoveryTests {
    @Test func r5_3_3_validationReexecutesAndRefusesLies() throws {
        let network = try RuntimeNetwork()
        #expect(try network.drive { (0..<4).allSatisfy { network.applied($0) >= 2 } })
        let node = try #require(network.nodes[0])
        let previous = try #require(node.previous)
        let validators = try network.validators
        let transactions = try network.transactions(["v1"], client: fixedSigner(78))
        let block = try node.store.makeBlock(transactions, time: previous.certificate.medianTime(validators),
                                             proposer: network.signers[1].publicKey,
                                             validatorSetHash: validators.hash(.sha256), lastCommit: previous.certificate)
        #expect(node.isValid(block.consensusBlock(.sha256)))
        let h = block.header
        let lyingRoot = BlockHeader(chain: h.chain, height: h.height, previousBlockHash: h.previousBlockHash, time: h.time,
                                    transactionsRoot: h.transactionsRoot, stateRoot: h.transactionsRoot,
                                    proposer: h.proposer, validatorSetHash: h.validatorSetHash, lastCommit: h.lastCommit)
        let outsider = BlockHeader(chain: h.chain, height: h.height, previousBlockHash: h.previousBlockHash, time: h.time,
                                   transactionsRoot: h.transactionsRoot, stateRoot: h.stateRoot,
                                   proposer: fixedSigner(79).publicKey, validatorSetHash: h.validatorSetHash,
                                   lastCommit: h.lastCommit)
        for header in [lyingRoot, outsider] {
            #expect(!node.isValid(Block(header: header, transactions: transactions).consensusBlock(.sha256)))
        }
        let otherIdentity = ConsensusBlock(height: h.height, time: h.time, previousBlockID: BlockID(hash: h.previousBlockHash ?? []),
                                           lastCommit: h.lastCommit, payload: block.consensusPayload)
        #expect(!node.isValid(otherIdentity))
        #expect(!node.isValid(block.consensusBlock(.sm3)))
    }

    @Test func r5_3_1_savedDecisionIsCommittedOnStart() throws {
        let network = try RuntimeNetwork()
        #expect(try network.drive { (0..<4).allSatisfy { network.applied($0) >= 2 } })
        let applied = network.applied(3)
        network.crash(3)
        #expect(try network.drive { (0..<3).allSatisfy { network.applied($0) >= applied + 3 } })
        // The crash fell after the decision file was written, before the store commit.
        let decision = try #require(try network.nodes[0]?.decision(at: applied + 1))
        let durable = try FileDurableStore(directory: network.directory(3).appendingPathComponent("consensus").path)
        try DecisionFile(store: durable).save(decision)
        try network.start(3)
        #expect(network.applied(3) >= applied + 1)
        #expect(try network.drive { (0..<4).allSatisfy { network.applied($0) >= applied + 5 } })
        let ours = try #require(try network.nodes[3]?.store.block(at: applied + 1)).header
        #expect(ours.hash(.sha256) == decision.block.id.hash)
    }
}
