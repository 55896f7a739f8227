import TraceCrypto

/// Starting rounds, proposing, voting and re-broadcasting.
extension Consensus {
    /// Lines 11–21.
    mutating func startRound(_ newRound: Round, _ out: inout [Action]) {
        round = newRound
        step = .propose
        if let me = myIndex, proposer(newRound) == me {
            propose(me, &out)
        } else {
            let timeout = Timeout(height: height, round: round, step: .propose)
            out.append(.scheduleTimeout(timeout, afterMilliseconds: config.timeout(.propose, round: round)))
        }
    }

    /// Lines 14–18: re-propose the valid value with its proof of lock, or a new block.
    private mutating func propose(_ me: Int, _ out: inout [Action]) {
        guard let start else { return }
        let block = validValue ?? newBlock(start)
        let bytes = Proposal.signBytes(height: height, round: round, blockID: block.id, validRound: validRound,
                                       proposerIndex: me)
        guard let state = guardian.sign(bytes, at: SignPosition(height: height, round: round, step: 0), with: signer)
        else { return }
        let proposal = Proposal(height: height, round: round, block: block, validRound: validRound, proposerIndex: me,
                                signature: state.signature)
        proposals[round] = proposal
        blocks[block.id] = block
        validity[block.id] = true
        ownProposal = proposal
        proofOfLock = validRound.flatMap { votes[$0]?.prevotes.votes(for: block.id) } ?? []
        out.append(.persistThenSend(PersistRecord(ownMessage: .proposal(proposal), signerState: state),
                                    [.proposal(proposal)] + proofOfLock.map { .vote($0) }))
    }

    /// getValue() (line 17): the application's payload, BFT time from the carried certificate.
    private func newBlock(_ start: HeightStart) -> ConsensusBlock {
        let time = start.previous.map { $0.certificate.medianTime(start.validators) } ?? start.genesisTime
        return ConsensusBlock(height: height, time: time, previousBlockID: start.previous?.block.id,
                              lastCommit: start.previous?.certificate, payload: start.payload, identity: start.identity)
    }

    /// Signs and sends this node's vote, persisted first. The vote time is
    /// max(local time, voted block's time + 1 ms), so the next block's median
    /// time is later than this one's.
    mutating func castVote(_ type: VoteType, _ id: BlockID?, _ out: inout [Action]) {
        guard let me = myIndex, let start, ownVotes[OwnVoteKey(round: round, type: type)] == nil else { return }
        let floor = id.flatMap { blocks[$0]?.time } ?? start.previous?.block.time ?? (start.genesisTime - 1)
        let time = max(localTime, floor + 1)
        let bytes = Vote.signBytes(type: type, height: height, round: round, blockID: id, validatorIndex: me, time: time)
        let position = SignPosition(height: height, round: round, step: type.rawValue)
        guard let state = guardian.sign(bytes, at: position, with: signer) else { return }
        let vote = Vote(type: type, height: height, round: round, blockID: id, validatorIndex: me, time: time,
                        signature: state.signature)
        ownVotes[OwnVoteKey(round: round, type: type)] = vote
        add(vote, &out)
        out.append(.persistThenSend(PersistRecord(ownMessage: .vote(vote), signerState: state), [.vote(vote)]))
    }

    /// Real links drop messages: re-send this round's own proposal (with its
    /// proof of lock) and own votes of this round and the previous one (a
    /// node still in the previous round needs them to time out of it), and
    /// ask again for what is missing.
    mutating func rebroadcast(_ out: inout [Action]) {
        guard start != nil, decision == nil else { return }
        var messages: [SignedMessage] = []
        if let ownProposal, ownProposal.round == round {
            messages.append(.proposal(ownProposal))
            messages += proofOfLock.map { .vote($0) }
        }
        let rounds = round.rawValue > 0 ? [Round(round.rawValue - 1), round] : [round]
        for voteRound in rounds {
            for type in [VoteType.prevote, .precommit] {
                if let vote = ownVotes[OwnVoteKey(round: voteRound, type: type)] { messages.append(.vote(vote)) }
            }
        }
        if !messages.isEmpty { out.append(.send(messages)) }
        if laterHeightSeen { out.append(.requestDecision(height)) }
        blockRequested = []
    }
}
