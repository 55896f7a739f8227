import TraceCrypto

/// Checking and storing proposals and votes.
extension Consensus {
    mutating func receive(_ proposal: Proposal, _ out: inout [Action]) {
        lastEventMatters = false
        guard acceptsMessage(height: proposal.height, round: proposal.round, out: &out), let start,
              proposal.proposerIndex == proposer(proposal.round),
              proposal.validRound.map({ $0 < proposal.round }) ?? true else { return }
        let key = start.validators.validators[proposal.proposerIndex].publicKey
        guard verifier.isValid(proposal.signature, key: key, message: proposal.signBytes) else { return }
        if noteRound(proposal.proposerIndex, proposal.round) { lastEventMatters = true }
        guard proposal.round.rawValue <= round.rawValue + config.futureRoundsMax else { return }
        if let existing = proposals[proposal.round] {
            if existing.block.id != proposal.block.id || existing.validRound != proposal.validRound {
                reportOnce(SignPosition(height: height, round: proposal.round, step: 0), proposal.proposerIndex,
                           .conflictingProposals(existing, proposal), &out)
            }
            return
        }
        lastEventMatters = true
        proposals[proposal.round] = proposal
        learn(proposal.block, &out)
    }

    mutating func receive(_ vote: Vote, _ out: inout [Action]) {
        lastEventMatters = false
        guard acceptsMessage(height: vote.height, round: vote.round, out: &out), let start,
              vote.validatorIndex >= 0, vote.validatorIndex < start.validators.count else { return }
        let key = start.validators.validators[vote.validatorIndex].publicKey
        guard verifier.isValid(vote.signature, key: key, message: vote.signBytes) else { return }
        if noteRound(vote.validatorIndex, vote.round) { lastEventMatters = true }
        guard vote.round.rawValue <= round.rawValue + config.futureRoundsMax else { return }
        if add(vote, &out) { lastEventMatters = true }
    }

    /// Counts a checked vote and reports equivocation once; true when the
    /// vote changed a tally (so the WAL must keep it for the replay).
    @discardableResult
    mutating func add(_ vote: Vote, _ out: inout [Action]) -> Bool {
        guard let start else { return false }
        var roundVotes = votes[vote.round] ?? RoundVotes(count: start.validators.count)
        let result: VoteSet.AddResult
        let power = start.validators.power(of: vote.validatorIndex)
        switch vote.type {
        case .prevote: result = roundVotes.prevotes.add(vote, power: power, validators: start.validators)
        case .precommit: result = roundVotes.precommits.add(vote, power: power, validators: start.validators)
        }
        votes[vote.round] = roundVotes
        switch result {
        case .added: return true
        case .duplicate: return false
        case .conflict(let existing, let counted):
            let position = SignPosition(height: height, round: vote.round, step: vote.type.rawValue)
            reportOnce(position, vote.validatorIndex, .conflictingVotes(existing, vote), &out)
            return counted
        }
    }

    /// Height and round bounds every message must meet; a later height means
    /// this node fell behind and asks for the decision it missed.
    private mutating func acceptsMessage(height messageHeight: Height, round messageRound: Round,
                                         out: inout [Action]) -> Bool {
        guard start != nil, decision == nil else { return false }
        if messageHeight > height {
            if !laterHeightSeen {
                laterHeightSeen = true
                out.append(.requestDecision(height))
            }
            return false
        }
        return messageHeight == height && messageRound.rawValue <= config.roundMax
    }

    /// Records that `index` reached `messageRound` (for the round skip, line 55).
    @discardableResult
    mutating func noteRound(_ index: Int, _ messageRound: Round) -> Bool {
        guard messageRound > round, highestRoundSeen[index].map({ $0 < messageRound }) ?? true else { return false }
        highestRoundSeen[index] = messageRound
        return true
    }

    private mutating func reportOnce(_ position: SignPosition, _ index: Int, _ evidence: Evidence, _ out: inout [Action]) {
        guard evidenceReported.insert(EvidenceKey(position: position, index: index)).inserted else { return }
        self.evidence.append(evidence)
        out.append(.reportEvidence(evidence))
    }

    /// Stores a block and asks the application about it once.
    mutating func learn(_ block: ConsensusBlock, _ out: inout [Action]) {
        blocks[block.id] = block
        guard validity[block.id] == nil, !validationRequested.contains(block.id) else { return }
        guard isStructurallyValid(block) else {
            validity[block.id] = false
            return
        }
        validationRequested.insert(block.id)
        out.append(.validateBlock(block))
    }

    /// What consensus itself checks of a block: its height, its link to the
    /// previous block, the chain's block identity, the commit certificate it carries and its BFT time —
    /// the power-weighted median of that certificate's times.
    func isStructurallyValid(_ block: ConsensusBlock) -> Bool {
        guard let start, block.height == height, block.identity == start.identity,
              block.payload.count <= config.payloadBytesMax else { return false }
        guard let previous = start.previous else {
            return block.previousBlockID == nil && block.lastCommit == nil && block.time == start.genesisTime
        }
        guard block.previousBlockID == previous.block.id, let commit = block.lastCommit,
              commit.height.rawValue + 1 == height.rawValue, commit.blockID == previous.block.id,
              commit.verify(start.validators, verifier: verifier) else { return false }
        return block.time == commit.medianTime(start.validators) && block.time > previous.block.time
    }
}
