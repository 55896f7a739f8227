import Testing
import TraceConsensus
import TraceCrypto

/// Algorithm 1 assumes eventual delivery; real links drop messages. The node
/// re-sends on a tick, asks for decisions it missed and takes a decision
/// proven by a commit certificate.
@Suite struct RealNetworkTests {
    let f: Fixture
    let blockB: ConsensusBlock
    init() throws {
        f = try Fixture()
        blockB = f.block([0xB])
    }

    @Test func tick_resendsOwnVotesOfThisRound() throws {
        var node = try f.node(3)
        _ = node.on(.startHeight(f.start()))
        let prevote = node.on(.timeout(Timeout(height: Height(1), round: Round(0), step: .propose))).persistedVotes
        let actions = node.on(.tick)
        #expect(actions == [.send(prevote.map { .vote($0) })])
    }

    @Test func laterHeightSeen_requestsDecision_thenDecidesOnCertificate() throws {
        var node = try f.node(3)
        _ = node.on(.startHeight(f.start()))
        let ahead = node.on(.vote(try f.vote(.prevote, round: 0, nil, from: 0, height: 2)))
        #expect(ahead == [.requestDecision(Height(1))])
        #expect(node.on(.tick).contains(.requestDecision(Height(1))))
        let precommits = try (0...2).map { try f.vote(.precommit, round: 3, blockB.id, from: $0) }
        let certificate = CommitCertificate(height: Height(1), round: Round(3), blockID: blockB.id, precommits: precommits)
        let weak = CommitCertificate(height: Height(1), round: Round(3), blockID: blockB.id, precommits: Array(precommits.prefix(2)))
        #expect(node.on(.decisionReceived(blockB, weak)).decisions.isEmpty)
        let actions = node.on(.decisionReceived(blockB, certificate))
        #expect(actions.decisions.map(\.0.id) == [blockB.id])
    }

    @Test func floodOfFarFutureRoundsFromOneValidator_neitherSkipsNorStores() throws {
        var node = try f.node(3)
        _ = node.on(.startHeight(f.start()))
        for round in UInt32(100)..<UInt32(150) {
            _ = node.on(.vote(try f.vote(.prevote, round: round, nil, from: 0)))
        }
        #expect(node.round == Round(0))
        let proposal = try f.proposal(round: 0, blockB, from: 0)
        #expect(node.on(.proposal(proposal)).validations.map(\.id) == [blockB.id])
    }
}
