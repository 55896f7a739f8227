import Testing
import TraceConsensus
import TraceCrypto

/// Walks the upon-rules of Algorithm 1 (Buchman, Kwon, Milosevic 2018); test
/// names carry the paper's line numbers. Node 3 of four equal validators is
/// under test; proposers of height 1 are validators 0, 1, 2, 3 for rounds 0–3.
@Suite struct ScenarioTests {
    let f: Fixture
    let blockB: ConsensusBlock
    let blockC: ConsensusBlock

    init() throws {
        f = try Fixture()
        blockB = f.block([0xB])
        blockC = f.block([0xC])
    }

    func started() throws -> Consensus {
        var node = try f.node(3)
        _ = node.on(.startHeight(f.start()))
        return node
    }

    /// Node 3 prevoted B at round 0 and saw a polka for B: locked on B at round 0.
    func lockedOnB() throws -> (Consensus, [Action]) {
        var node = try started()
        _ = node.on(.proposal(try f.proposal(round: 0, blockB, from: 0)))
        _ = node.on(.blockValidated(blockB.id, valid: true))
        let actions = node.on(try (0...2).map { try f.vote(.prevote, round: 0, blockB.id, from: $0) })
        return (node, actions)
    }

    /// Moves a node from round `r` to `r + 1` through nil precommits and the precommit timeout.
    func nextRound(_ node: inout Consensus, from round: UInt32) throws {
        _ = node.on(try (0...2).map { try f.vote(.precommit, round: round, nil, from: $0) })
        _ = node.on(.timeout(Timeout(height: Height(1), round: Round(round), step: .precommit)))
    }

    @Test func line11_startRound_nonProposerSchedulesProposeTimeout() throws {
        var node = try f.node(3)
        let actions = node.on(.startHeight(f.start()))
        #expect(actions.timeouts == [Timeout(height: Height(1), round: Round(0), step: .propose)])
        #expect(node.step == .propose)
    }

    @Test func line22_proposalWithoutValidRound_prevotesForValidBlock() throws {
        var node = try started()
        let received = node.on(.proposal(try f.proposal(round: 0, blockB, from: 0)))
        #expect(received.validations.map(\.id) == [blockB.id])
        #expect(received.persistedVotes.isEmpty)
        let actions = node.on(.blockValidated(blockB.id, valid: true))
        #expect(actions.persistedVotes.map(\.blockID) == [blockB.id])
        #expect(actions.persistedVotes.first?.type == .prevote)
        #expect(node.step == .prevote)
    }

    @Test func line26_invalidProposal_prevotesNil() throws {
        var node = try started()
        _ = node.on(.proposal(try f.proposal(round: 0, blockB, from: 0)))
        let actions = node.on(.blockValidated(blockB.id, valid: false))
        #expect(actions.persistedVotes.map(\.blockID) == [nil])
    }

    @Test func line22_proposalFromWrongProposer_isIgnored() throws {
        var node = try started()
        let actions = node.on(.proposal(try f.proposal(round: 0, blockB, from: 1)))
        #expect(actions.isEmpty)
    }

    @Test func line23_lockedOnOtherBlock_prevotesNil() throws {
        var (node, _) = try lockedOnB()
        try nextRound(&node, from: 0)
        #expect(node.round == Round(1))
        _ = node.on(.proposal(try f.proposal(round: 1, blockC, from: 1)))
        let actions = node.on(.blockValidated(blockC.id, valid: true))
        #expect(actions.persistedVotes.map(\.blockID) == [nil])
    }

    @Test func line28_proposalWithValidRound_prevotesOnlyAfterPolkaOfValidRound() throws {
        var node = try started()
        _ = node.on(.timeout(Timeout(height: Height(1), round: Round(0), step: .propose)))
        try nextRound(&node, from: 0)
        _ = node.on(.proposal(try f.proposal(round: 1, blockB, validRound: 0, from: 1)))
        let waiting = node.on(.blockValidated(blockB.id, valid: true))
        #expect(waiting.persistedVotes.isEmpty)
        let actions = node.on(try (0...2).map { try f.vote(.prevote, round: 0, blockB.id, from: $0) })
        #expect(actions.persistedVotes.map(\.blockID) == [blockB.id])
    }

    @Test func line29_unlockingThroughLaterPolka_prevotesNewBlock() throws {
        var (node, _) = try lockedOnB()
        try nextRound(&node, from: 0)
        _ = node.on(try (0...2).map { try f.vote(.prevote, round: 1, blockC.id, from: $0) })
        try nextRound(&node, from: 1)
        #expect(node.round == Round(2))
        #expect(node.lockedRound == Round(0))
        _ = node.on(.proposal(try f.proposal(round: 2, blockC, validRound: 1, from: 2)))
        let actions = node.on(.blockValidated(blockC.id, valid: true))
        #expect(actions.persistedVotes.map(\.blockID) == [blockC.id])
    }

    @Test func line29_lockedAfterValidRound_prevotesNil() throws {
        var node = try started()
        _ = node.on(.timeout(Timeout(height: Height(1), round: Round(0), step: .propose)))
        try nextRound(&node, from: 0)
        _ = node.on(.proposal(try f.proposal(round: 1, blockB, from: 1)))
        _ = node.on(.blockValidated(blockB.id, valid: true))
        _ = node.on(try (0...2).map { try f.vote(.prevote, round: 1, blockB.id, from: $0) })
        #expect(node.lockedRound == Round(1))
        try nextRound(&node, from: 1)
        _ = node.on(.proposal(try f.proposal(round: 2, blockC, validRound: 0, from: 2)))
        _ = node.on(try (0...2).map { try f.vote(.prevote, round: 0, blockC.id, from: $0) })
        let actions = node.on(.blockValidated(blockC.id, valid: true))
        #expect(actions.persistedVotes.map(\.blockID) == [nil])
    }

    @Test func line34_quorumOfMixedPrevotes_schedulesPrevoteTimeout_line61_precommitsNil() throws {
        var node = try started()
        _ = node.on(.timeout(Timeout(height: Height(1), round: Round(0), step: .propose)))
        let mixed = node.on([try f.vote(.prevote, round: 0, blockB.id, from: 0), try f.vote(.prevote, round: 0, blockC.id, from: 1)])
        #expect(mixed.timeouts == [Timeout(height: Height(1), round: Round(0), step: .prevote)])
        let actions = node.on(.timeout(Timeout(height: Height(1), round: Round(0), step: .prevote)))
        #expect(actions.persistedVotes.map(\.type) == [.precommit])
        #expect(actions.persistedVotes.map(\.blockID) == [nil])
        #expect(node.step == .precommit)
    }

    @Test func line36_polka_locksAndPrecommits() throws {
        let (node, actions) = try lockedOnB()
        #expect(actions.persistedVotes.map(\.type) == [.precommit])
        #expect(actions.persistedVotes.map(\.blockID) == [blockB.id])
        #expect(node.lockedRound == Round(0))
        #expect(node.lockedValue?.id == blockB.id)
        #expect(node.validRound == Round(0))
    }

    @Test func line42_polkaAfterPrecommitStep_setsValidValueWithoutLocking() throws {
        var node = try started()
        _ = node.on(.timeout(Timeout(height: Height(1), round: Round(0), step: .propose)))
        _ = node.on([try f.vote(.prevote, round: 0, blockC.id, from: 0), try f.vote(.prevote, round: 0, nil, from: 1)])
        _ = node.on(.timeout(Timeout(height: Height(1), round: Round(0), step: .prevote)))
        _ = node.on(.proposal(try f.proposal(round: 0, blockB, from: 0)))
        _ = node.on(.blockValidated(blockB.id, valid: true))
        let actions = node.on(try (0...2).map { try f.vote(.prevote, round: 0, blockB.id, from: $0) })
        #expect(actions.persistedVotes.isEmpty)
        #expect(node.lockedRound == nil)
        #expect(node.validRound == Round(0))
        #expect(node.validValue?.id == blockB.id)
    }

    @Test func line44_nilPolka_precommitsNil() throws {
        var node = try started()
        _ = node.on(.timeout(Timeout(height: Height(1), round: Round(0), step: .propose)))
        let actions = node.on(try (0...2).map { try f.vote(.prevote, round: 0, nil, from: $0) })
        #expect(actions.persistedVotes.map(\.type) == [.precommit])
        #expect(actions.persistedVotes.map(\.blockID) == [nil])
    }

    @Test func line47_quorumOfAnyPrecommits_schedulesTimeout_line65_startsNextRound() throws {
        var node = try started()
        let actions = node.on(try (0...2).map { try f.vote(.precommit, round: 0, nil, from: $0) })
        #expect(actions.timeouts == [Timeout(height: Height(1), round: Round(0), step: .precommit)])
        let next = node.on(.timeout(Timeout(height: Height(1), round: Round(0), step: .precommit)))
        #expect(node.round == Round(1))
        #expect(next.timeouts == [Timeout(height: Height(1), round: Round(1), step: .propose)])
    }

    @Test func line49_precommitQuorumOfEarlierRound_decidesWithVerifiableCertificate() throws {
        var node = try started()
        _ = node.on(.proposal(try f.proposal(round: 0, blockB, from: 0)))
        _ = node.on(.blockValidated(blockB.id, valid: true))
        _ = node.on(.timeout(Timeout(height: Height(1), round: Round(0), step: .prevote)))
        let actions = node.on(try (0...2).map { try f.vote(.precommit, round: 0, blockB.id, from: $0) })
        let decision = try #require(actions.decisions.first)
        #expect(decision.0.id == blockB.id)
        #expect(decision.1.verify(f.validators, verifier: DirectVerifier()))
        #expect(node.decision?.id == blockB.id)
    }

    @Test func line49_quorumForUnknownBlock_requestsItFromPeers() throws {
        var node = try started()
        let actions = node.on(try (0...2).map { try f.vote(.precommit, round: 0, blockB.id, from: $0) })
        #expect(actions.contains(.requestBlock(Height(1), Round(0), blockB.id)))
        #expect(actions.decisions.isEmpty)
        _ = node.on(.proposal(try f.proposal(round: 0, blockB, from: 0)))
        let decided = node.on(.blockValidated(blockB.id, valid: true))
        #expect(decided.decisions.map(\.0.id) == [blockB.id])
    }

    @Test func line55_moreThanOneThirdInLaterRound_skipsToIt() throws {
        var node = try started()
        let one = node.on(.vote(try f.vote(.prevote, round: 5, nil, from: 0)))
        #expect(node.round == Round(0))
        #expect(one.timeouts.isEmpty)
        _ = node.on(.vote(try f.vote(.prevote, round: 7, nil, from: 1)))
        #expect(node.round == Round(5))
    }

    @Test func line57_timeoutPropose_prevotesNil() throws {
        var node = try started()
        let actions = node.on(.timeout(Timeout(height: Height(1), round: Round(0), step: .propose)))
        #expect(actions.persistedVotes.map(\.blockID) == [nil])
        let stale = node.on(.timeout(Timeout(height: Height(1), round: Round(0), step: .propose)))
        #expect(stale.isEmpty)
    }

    @Test func line15_proposerWithValidValue_reproposesWithProofOfLock() throws {
        var fresh = try lockedOnB().0
        var actions: [Action] = []
        for round in UInt32(0)...2 {
            _ = fresh.on(try (0...2).map { try f.vote(.precommit, round: round, nil, from: $0) })
            actions = fresh.on(.timeout(Timeout(height: Height(1), round: Round(round), step: .precommit)))
        }
        #expect(fresh.round == Round(3))
        let (proposal, messages) = try #require(actions.proposals.first)
        #expect(proposal.block.id == blockB.id)
        #expect(proposal.validRound == Round(0))
        let proofOfLock = messages.compactMap { if case .vote(let v) = $0 { return v } else { return nil } }
        #expect(proofOfLock.filter { $0.type == .prevote && $0.round == Round(0) && $0.blockID == blockB.id }.count >= 3)
    }

    @Test func line17_proposerWithoutValidValue_proposesApplicationPayloadAtGenesisTime() throws {
        var node = try f.node(0)
        let actions = node.on(.startHeight(f.start([9, 9])))
        let (proposal, _) = try #require(actions.proposals.first)
        #expect(proposal.block.payload == [9, 9])
        #expect(proposal.block.time == Fixture.genesisTime)
        #expect(proposal.validRound == nil)
        #expect(actions.persistedVotes.map(\.blockID) == [proposal.block.id])
    }
}
