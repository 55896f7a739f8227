/// The upon-rules of Algorithm 1, evaluated until none applies.
extension Consensus {
    mutating func applyRules(_ out: inout [Action]) {
        for _ in 0..<64 {
            guard decision == nil else { return }
            if decideIfPossible(&out) { return }  // line 49
            if skipRoundIfPossible(&out) { continue }  // line 55
            var progress = false
            if step == .propose { progress = prevoteOnProposal(&out) }  // lines 22, 28
            scheduleOnce(line: 34, .prevote, when: step == .prevote && quorumOfAny(.prevote), &out)
            if lockOnPolka(&out) { progress = true }  // line 36
            if step == .prevote, let start, start.validators.isQuorum(votes[round]?.prevotes.power(for: nil) ?? 0) {
                castVote(.precommit, nil, &out)  // lines 44–46
                step = .precommit
                progress = true
            }
            scheduleOnce(line: 47, .precommit, when: quorumOfAny(.precommit), &out)
            if !progress { return }
        }
    }

    private func quorumOfAny(_ type: VoteType) -> Bool {
        guard let start, let roundVotes = votes[round] else { return false }
        return start.validators.isQuorum(type == .prevote ? roundVotes.prevotes.totalPower : roundVotes.precommits.totalPower)
    }

    /// Lines 34–35 and 47–48: schedule a timeout the first time a quorum of any votes is seen.
    private mutating func scheduleOnce(line: Int, _ timeoutStep: TimeoutStep, when condition: Bool, _ out: inout [Action]) {
        guard condition, fired.insert(Fired(line: line, round: round)).inserted else { return }
        let timeout = Timeout(height: height, round: round, step: timeoutStep)
        out.append(.scheduleTimeout(timeout, afterMilliseconds: config.timeout(timeoutStep, round: round)))
    }

    /// Lines 22–33: prevote on the round's proposal, once its validity is known.
    private mutating func prevoteOnProposal(_ out: inout [Action]) -> Bool {
        guard let start, let proposal = proposals[round], let valid = validity[proposal.block.id] else { return false }
        let id = proposal.block.id
        let acceptable: Bool
        if let validRound = proposal.validRound {
            // Line 28: a re-proposal needs the polka of its valid round.
            guard start.validators.isQuorum(votes[validRound]?.prevotes.power(for: id) ?? 0) else { return false }
            acceptable = lockedRound.map { $0 <= validRound } ?? true || lockedValue?.id == id
        } else {
            // Line 22.
            acceptable = lockedRound == nil || lockedValue?.id == id
        }
        castVote(.prevote, valid && acceptable ? id : nil, &out)
        step = .prevote
        return true
    }

    /// Lines 36–43: a polka for the round's valid proposal locks (once, in the prevote step) and sets the valid value.
    private mutating func lockOnPolka(_ out: inout [Action]) -> Bool {
        guard step >= .prevote, let start, let proposal = proposals[round], validity[proposal.block.id] == true,
              start.validators.isQuorum(votes[round]?.prevotes.power(for: proposal.block.id) ?? 0),
              fired.insert(Fired(line: 36, round: round)).inserted else { return false }
        if step == .prevote {
            lockedValue = proposal.block
            lockedRound = round
            castVote(.precommit, proposal.block.id, &out)
            step = .precommit
        }
        validValue = proposal.block
        validRound = round
        return true
    }

    /// Lines 49–54: a quorum of precommits for a block in any round decides it.
    /// Without the block, ask peers for it; without its verdict, wait.
    private mutating func decideIfPossible(_ out: inout [Action]) -> Bool {
        for candidate in votes.keys.sorted() {
            guard let roundVotes = votes[candidate], let id = roundVotes.precommits.quorumBlock else { continue }
            guard let block = blocks[id] else {
                if blockRequested.insert(id).inserted { out.append(.requestBlock(height, candidate, id)) }
                continue
            }
            guard validity[id] == true else { continue }
            decision = block
            let certificate = CommitCertificate(height: height, round: candidate, blockID: id,
                                                precommits: roundVotes.precommits.votes(for: id))
            out.append(.decide(block, certificate))
            return true
        }
        return false
    }

    /// Lines 55–56: more than 1/3 of the power seen in later rounds moves this
    /// node to the highest round that so much power has reached.
    private mutating func skipRoundIfPossible(_ out: inout [Action]) -> Bool {
        guard let start else { return false }
        var ahead: [(index: Int, reached: Round)] = []
        for index in highestRoundSeen.indices {
            if let reached = highestRoundSeen[index], reached > round { ahead.append((index, reached)) }
        }
        ahead.sort { $0.reached != $1.reached ? $0.reached > $1.reached : $0.index < $1.index }
        var power: UInt64 = 0
        for (index, reached) in ahead {
            power += start.validators.power(of: index)
            if start.validators.isSkipThreshold(power) {
                startRound(reached, &out)
                return true
            }
        }
        return false
    }
}
