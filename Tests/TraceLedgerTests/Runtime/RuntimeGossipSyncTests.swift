import Foundation
import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// Issue 5 item 4: transaction gossip between runtimes, and block
/// sync by ranges whose every commit certificate is checked.
@Suite(.serialized) struct RuntimeGossipSyncTests {
    @Test func r5_3_1_transactionSubmittedToANonProposerIsCommitted() throws {
        let network = try RuntimeNetwork()
        #expect(try network.drive { (0..<4).allSatisfy { network.applied($0) >= 2 } })
        var rotation = ProposerRotation(try network.validators)
        let next = Height(try #require(network.nodes[0]).height.rawValue + 1)
        let submitter = (0..<4).first { $0 != rotation.proposer(height: next, round: Round(0)) } ?? 0
        let transactions = try network.transactions(["g1", "g2"], client: fixedSigner(91))
        #expect(network.nodes[submitter]?.submit(transactions).allSatisfy { $0.rejection == nil } == true)
        #expect(network.transactionBroadcasts == 1)
        let ids = transactions.map { $0.id(.sha256) }
        #expect(try network.drive {
            try (0..<4).allSatisfy { index in try ids.allSatisfy { try network.nodes[index]?.store.receipt(for: $0) != nil } }
        })
        let receipt = try #require(try network.nodes[0]?.store.receipt(for: ids[0]))
        let block = try #require(try network.nodes[0]?.store.block(at: receipt.height))
        #expect(block.header.proposer != network.signers[submitter].publicKey)
        for index in 0..<4 {
            #expect(ids.allSatisfy { network.nodes[index]?.mempool.contains($0) == false })
            if index != submitter { #expect(network.nodes[index]?.gossipedAdmitted == 2) }
        }
        // Gossip is not passed on: the one broadcast of the submitter is all there was.
        #expect(network.transactionBroadcasts == 1)
        // Submitted again elsewhere: refused (already committed), nothing gossiped.
        let again = try #require(network.nodes[(submitter + 1) % 4]).submit(transactions)
        #expect(again.allSatisfy { $0.rejection?.code == .alreadyCommitted })
        #expect(network.transactionBroadcasts == 1)
    }

    @Test func r5_3_1_runtimeAwayForThirtyHeightsCatchesUpByRanges() throws {
        let network = try RuntimeNetwork()
        #expect(try network.drive { (0..<4).allSatisfy { network.applied($0) >= 2 } })
        network.crash(3)
        let away = network.applied(0) + 30
        #expect(try network.drive { (0..<3).allSatisfy { network.applied($0) >= away } })
        try network.start(3)
        #expect(try network.drive { network.applied(3) >= away })
        #expect(network.largestSyncReply > 1)
        #expect(network.nodes[3]?.refusedDecisions == 0)
        let reference = try #require(network.nodes[0]).store
        let mine = try #require(network.nodes[3]).store
        for level in 1...away {
            #expect(try mine.block(at: level)?.header.hash(.sha256) == reference.block(at: level)?.header.hash(.sha256))
        }
    }

    @Test func r5_3_1_forgedCertificateInASyncReplyIsRefused() throws {
        let network = try RuntimeNetwork()
        #expect(try network.drive { (0..<4).allSatisfy { network.applied($0) >= 2 } })
        let stopped = network.applied(3)
        network.crash(3)
        #expect(try network.drive { (0..<3).allSatisfy { network.applied($0) >= stopped + 6 } })
        try network.start(3)
        (network.bus, network.busHead) = ([], 0)
        let node = try #require(network.nodes[3])
        let from = node.store.appliedHeight + 1
        let genuine = try #require(network.nodes[0]).decisions(from: from, count: 5)
        try #require(genuine.count == 5)

        // A precommit's signature altered: the certificate no longer verifies.
        let first = genuine[0].certificate
        var votes = first.precommits
        var raw = votes[0].signature.rawBytes
        raw[0] ^= 0x01
        let vote = votes[0]
        votes[0] = Vote(type: vote.type, height: vote.height, round: vote.round, blockID: vote.blockID,
                        validatorIndex: vote.validatorIndex, time: vote.time,
                        signature: Signature(algorithm: vote.signature.algorithm, rawBytes: raw))
        let badSignature = CommitCertificate(height: first.height, round: first.round, blockID: first.blockID, precommits: votes)
        // A genuine certificate carried with another block of that height.
        let other = try node.store.makeBlock(try network.transactions(["x"], client: fixedSigner(92)),
                                             time: genuine[0].block.time, proposer: network.signers[3].publicKey,
                                             validatorSetHash: try network.validators.hash(.sha256),
                                             lastCommit: genuine[0].block.lastCommit)
        let otherBlock = PreviousBlock(block: other.consensusBlock(.sha256), certificate: first)
        let forged = [[PreviousBlock(block: genuine[0].block, certificate: badSignature)] + genuine.dropFirst(), [otherBlock]]
        for (index, reply) in forged.enumerated() {
            node.receive(.decisions(reply))
            #expect(node.refusedDecisions == index + 1)
            #expect(node.store.appliedHeight == from - 1)
        }
        node.receive(.decisions(genuine))
        #expect(node.store.appliedHeight == from + 4)
        #expect(node.refusedDecisions == 2)
    }
}
