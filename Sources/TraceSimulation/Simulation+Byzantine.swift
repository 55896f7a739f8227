import TraceConsensus
import TraceCrypto

/// Byzantine behaviour as hooks on the real state machine's output: the
/// node runs the same `Consensus`, and these hooks add conflicting messages
/// signed with its key (bypassing its signer guard, as a malicious node would).
extension Simulation {
    /// Returns true when the hook sent the message itself.
    func misbehave(_ node: SimNode, _ message: SignedMessage) -> Bool {
        guard message.signerIndex == node.validatorIndex else { return false }
        switch message {
        case .proposal(let proposal) where options.faults.contains(.equivocate):
            guard let twin = conflictingProposal(node, proposal) else { return false }
            split(node, .consensus(message), .consensus(.proposal(twin)))
            return true
        case .vote(let vote) where options.faults.contains(.doubleVote):
            let target: BlockID? = vote.blockID == nil ? BlockID(hash: Array(repeating: 0xAB, count: 32)) : nil
            guard let twin = signedVote(node, vote.type, vote.height, vote.round, target, vote.time) else { return false }
            split(node, .consensus(message), .consensus(.vote(twin)))
            return true
        default:
            return false
        }
    }

    /// The first half of the peers gets `first`, the rest `second`.
    private func split(_ node: SimNode, _ first: NetMessage, _ second: NetMessage) {
        faultsInjected += 1
        let peers = nodes.filter { $0.id != node.id }
        for (offset, peer) in peers.enumerated() { transmit(from: node.id, to: peer.id, offset < peers.count / 2 ? first : second) }
    }

    private func conflictingProposal(_ node: SimNode, _ proposal: Proposal) -> Proposal? {
        let original = proposal.block
        var transactions = Array((SimApplication.transactions(original.payload) ?? []).prefix(SimApplication.transactionsMax - 1))
        transactions.append(9_000_000 + original.height.rawValue * 100 + UInt64(proposal.round.rawValue))
        let block = ConsensusBlock(height: original.height, time: original.time, previousBlockID: original.previousBlockID,
                                   lastCommit: original.lastCommit, payload: SimApplication.payload(transactions.sorted()))
        let bytes = Proposal.signBytes(height: proposal.height, round: proposal.round, blockID: block.id,
                                       validRound: proposal.validRound, proposerIndex: proposal.proposerIndex)
        guard let signature = try? node.signer.sign(bytes) else { return nil }
        return Proposal(height: proposal.height, round: proposal.round, block: block, validRound: proposal.validRound,
                        proposerIndex: proposal.proposerIndex, signature: signature)
    }

    func signedVote(_ node: SimNode, _ type: VoteType, _ height: Height, _ round: Round, _ id: BlockID?, _ time: Int64) -> Vote? {
        let bytes = Vote.signBytes(type: type, height: height, round: round, blockID: id, validatorIndex: node.validatorIndex, time: time)
        guard let signature = try? node.signer.sign(bytes) else { return nil }
        return Vote(type: type, height: height, round: round, blockID: id, validatorIndex: node.validatorIndex, time: time,
                    signature: signature)
    }

    /// A flood of far-future-round votes: they may only count towards the round skip.
    func flood(_ node: SimNode) {
        guard let core = node.core, core.height.rawValue > 0 else { return }
        let round = Round(core.round.rawValue + 50 + UInt32(rng.next() % 50))
        guard let vote = signedVote(node, .prevote, core.height, round, nil, node.clock.local(now)) else { return }
        faultsInjected += 1
        broadcast(node, .consensus(.vote(vote)))
    }
}
