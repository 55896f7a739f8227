import Testing
import TraceConsensus
import TraceCrypto

/// Equivocation evidence, the signer state across restarts, BFT time
/// and the WAL record encoding.
@Suite struct SafetyTests {
    let f: Fixture
    let blockB: ConsensusBlock
    init() throws {
        f = try Fixture()
        blockB = f.block([0xB])
    }

    @Test func r5_3_3_conflictingVoteIsEvidence_sameTargetIsHarmlessDuplicate() throws {
        var node = try f.node(3)
        _ = node.on(.startHeight(f.start()))
        _ = node.on(.timeout(Timeout(height: Height(1), round: Round(0), step: .propose)))
        _ = node.on(.vote(try f.vote(.prevote, round: 0, blockB.id, from: 0)))
        let duplicate = node.on(.vote(try f.vote(.prevote, round: 0, blockB.id, from: 0, time: Fixture.genesisTime + 99)))
        #expect(duplicate.isEmpty)
        let conflicting = try f.vote(.prevote, round: 0, nil, from: 0)
        let actions = node.on(.vote(conflicting))
        #expect(actions.contains { if case .reportEvidence(.conflictingVotes(_, let second)) = $0 { return second == conflicting } else { return false } })
        let again = node.on(.vote(conflicting))
        #expect(!again.contains { if case .reportEvidence = $0 { return true } else { return false } })
    }

    @Test func r5_3_3_restartedNodeReplaysSameVote_andRefusesConflict() throws {
        var node = try f.node(3)
        let start = f.start()
        let proposal = try f.proposal(round: 0, blockB, from: 0)
        _ = node.on(.startHeight(start))
        _ = node.on(.proposal(proposal))
        let first = node.on(.blockValidated(blockB.id, valid: true)).persistedVotes
        let signed = try #require(node.signerState)

        var replayed = try f.node(3, signerState: signed, recovered: [signed])
        _ = replayed.on(.startHeight(start))
        _ = replayed.on(.proposal(proposal))
        let again = replayed.on(.blockValidated(blockB.id, valid: true)).persistedVotes
        #expect(again == first)

        var diverging = try f.node(3, signerState: signed, recovered: [signed])
        _ = diverging.on(.startHeight(start))
        let conflict = diverging.on(.timeout(Timeout(height: Height(1), round: Round(0), step: .propose)))
        #expect(conflict.persistedVotes.isEmpty)
        #expect(diverging.step == .prevote)
    }

    @Test func r5_3_3_signerStateRefusesLowerPositions() throws {
        var node = try f.node(3)
        _ = node.on(.startHeight(f.start()))
        _ = node.on(.timeout(Timeout(height: Height(1), round: Round(0), step: .propose)))
        let state = try #require(node.signerState)
        let decoded = try SignerState(decoding: state.encoded())
        #expect(decoded == state)
        let later = SignerState(position: SignPosition(height: Height(1), round: Round(4), step: 2), signBytes: [1], signature: state.signature)
        var restarted = try f.node(3, signerState: later)
        _ = restarted.on(.startHeight(f.start()))
        let actions = restarted.on(.timeout(Timeout(height: Height(1), round: Round(0), step: .propose)))
        #expect(actions.persistedVotes.isEmpty)
    }

    /// Height 2 carries the certificate of height 1; its time is the power-weighted median.
    func heightTwo(powers: [UInt64], times: [Timestamp]) throws -> (Fixture, PreviousBlock) {
        let fixture = try Fixture(powers: powers)
        let block = fixture.block([1])
        let votes = try times.indices.map { try fixture.vote(.precommit, round: 0, block.id, from: $0, time: times[$0]) }
        return (fixture, PreviousBlock(block: block, certificate: CommitCertificate(height: Height(1), round: Round(0), blockID: block.id, precommits: votes)))
    }

    @Test func r5_3_2_blockTimeIsPowerWeightedMedianOfCarriedCertificate() throws {
        let base = Fixture.genesisTime
        let (fixture, previous) = try heightTwo(powers: [5, 1, 1, 1], times: [base + 100, base + 10, base + 20, base + 30])
        #expect(previous.certificate.medianTime(fixture.validators) == base + 100)
        let (equal, previousEqual) = try heightTwo(powers: [1, 1, 1, 1], times: [base + 100, base + 10, base + 20, base + 30])
        #expect(previousEqual.certificate.medianTime(equal.validators) == base + 30)

        var rotation = ProposerRotation(fixture.validators)
        var proposer = try fixture.node(rotation.proposer(height: Height(2), round: Round(0)))
        let start = fixture.start([2], height: 2, previous: previous)
        let actions = proposer.on(.startHeight(start), at: base - 5_000)
        let proposal = try #require(actions.proposals.first?.0)
        #expect(proposal.block.time == base + 100)
        let vote = try #require(actions.persistedVotes.first)
        #expect(vote.time == base + 101)
    }

    @Test func r5_3_2_proposalWithWrongTimeIsInvalid() throws {
        let base = Fixture.genesisTime
        let (fixture, previous) = try heightTwo(powers: [1, 1, 1, 1], times: [base + 100, base + 10, base + 20, base + 30])
        var node = try fixture.node(3)
        _ = node.on(.startHeight(fixture.start([2], height: 2, previous: previous)))
        let wrong = ConsensusBlock(height: Height(2), time: base + 100, previousBlockID: previous.block.id,
                                   lastCommit: previous.certificate, payload: [2])
        let actions = node.on(.proposal(try fixture.proposal(round: 0, wrong, from: 1)))
        #expect(actions.validations.isEmpty)
        #expect(actions.persistedVotes.map(\.blockID) == [nil])
    }

    @Test func walEntriesRoundTrip() throws {
        let base = Fixture.genesisTime
        let (fixture, previous) = try heightTwo(powers: [2, 1, 1, 1], times: [base + 1, base + 2, base + 3, base + 4])
        let block = ConsensusBlock(height: Height(2), time: base + 2, previousBlockID: previous.block.id, lastCommit: previous.certificate, payload: [7])
        let entries: [ConsensusWALEntry] = [
            .input(.startHeight(fixture.start([1, 2], height: 2, previous: previous)), localTime: base),
            .input(.proposal(try fixture.proposal(round: 1, block, validRound: 0, from: 2)), localTime: base + 1),
            .input(.vote(try fixture.vote(.prevote, round: 1, nil, from: 3, height: 2)), localTime: base + 2),
            .input(.timeout(Timeout(height: Height(2), round: Round(1), step: .prevote)), localTime: base + 3),
            .input(.blockValidated(block.id, valid: false), localTime: base + 4),
            .input(.decisionReceived(previous.block, previous.certificate), localTime: base + 5),
            .own(.vote(try fixture.vote(.precommit, round: 1, block.id, from: 0, height: 2))),
        ]
        for entry in entries {
            #expect(try ConsensusWALEntry(decoding: entry.encoded()) == entry)
        }
        var truncated = entries[1].encoded()
        truncated.removeLast()
        #expect(throws: (any Error).self) { try ConsensusWALEntry(decoding: truncated) }
    }
}
