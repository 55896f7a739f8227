import Foundation
import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// a proposal counts only when its signer is the proposer
/// of its (height, round). TraceConsensus checks the index against the
/// rotation and the signature against that proposer's key; these tests pin
/// that the runtime's input path relies on it (a valid block from the wrong
/// validator gets no prevote; the same block from the right one does).
@Suite(.serialized) struct RuntimeProposerTests {
    /// Height 1, round 0, before any message is delivered: the rotation's
    /// proposer, a bystander that receives, and an impostor.
    struct Scene {
        let network: RuntimeNetwork
        let proposer: Int
        let receiver: Int
        let impostor: Int

        init() throws {
            network = try RuntimeNetwork()
            var rotation = ProposerRotation(try network.validators)
            let chosen = rotation.proposer(height: Height(1), round: Round(0))
            proposer = chosen
            let others = (0..<4).filter { $0 != chosen }
            receiver = others[0]
            impostor = others[1]
            (network.bus, network.busHead) = ([], 0)
        }

        /// A valid height-1 block built by `builder`, proposed as validator `index` and signed by `signer`.
        func proposal(builtBy builder: Int, index: Int, signer: Int) throws -> Proposal {
            let node = try #require(network.nodes[builder])
            let block = try node.store.makeBlock([], time: RuntimeNetwork.genesisTime,
                                                 proposer: network.signers[builder].publicKey,
                                                 validatorSetHash: try network.validators.hash(.sha256), lastCommit: nil)
            let consensus = block.consensusBlock(.sha256)
            let bytes = Proposal.signBytes(height: Height(1), round: Round(0), blockID: consensus.id, validRound: nil,
                                           proposerIndex: index)
            return Proposal(height: Height(1), round: Round(0), block: consensus, validRound: nil, proposerIndex: index,
                            signature: try network.signers[signer].sign(bytes))
        }

        /// The prevotes the receiver sent since the bus was cleared (each broadcast once: its copy to one peer).
        var receiverPrevotes: [Vote] {
            network.bus.compactMap { item in
                guard item.from == receiver, item.to == (receiver + 1) % 4, case .consensus(.vote(let vote)) = item.message, vote.type == .prevote
                else { return nil }
                return vote
            }
        }
    }

    @Test func r5_3_3_proposalFromTheRoundsProposerIsPrevoted() throws {
        let scene = try Scene()
        let proposal = try scene.proposal(builtBy: scene.proposer, index: scene.proposer, signer: scene.proposer)
        try #require(scene.network.nodes[scene.receiver]).receive(.consensus(.proposal(proposal)))
        #expect(scene.receiverPrevotes.map(\.blockID) == [proposal.block.id])
    }

    @Test func r5_3_3_proposalFromAnotherValidatorIsRefused() throws {
        let scene = try Scene()
        let receiver = try #require(scene.network.nodes[scene.receiver])
        // Signed by a validator that is not this round's proposer, under its own index.
        let ownIndex = try scene.proposal(builtBy: scene.impostor, index: scene.impostor, signer: scene.impostor)
        // Claiming the proposer's index, signed with the impostor's key.
        let claimed = try scene.proposal(builtBy: scene.impostor, index: scene.proposer, signer: scene.impostor)
        for proposal in [ownIndex, claimed] { receiver.receive(.consensus(.proposal(proposal))) }
        #expect(scene.receiverPrevotes.isEmpty)
        #expect(receiver.height == Height(1))
        // The receiver still prevotes nil when the propose timeout fires: the round was not taken over.
        receiver.timeout(Timeout(height: Height(1), round: Round(0), step: .propose))
        #expect(scene.receiverPrevotes.map(\.blockID) == [nil])
    }
}
