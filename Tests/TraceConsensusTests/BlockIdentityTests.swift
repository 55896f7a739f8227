import Testing
import TraceConsensus
import TraceCrypto

/// Issue 5 item 1: a chain's block ids follow its `BlockIdentity`;
/// under `.payloadHeader` the id is the profile hash of the payload's header
/// bytes, and a block under another identity is refused.
@Suite struct BlockIdentityTests {
    static let payload: [UInt8] = [0, 0, 0, 2, 9, 8, 7, 6]

    func start(_ fixture: Fixture, _ identity: BlockIdentity) -> HeightStart {
        HeightStart(height: Height(1), validators: fixture.validators, previous: nil, genesisTime: Fixture.genesisTime,
                    payload: Self.payload, identity: identity)
    }

    @Test(arguments: [HashAlgorithm.sha256, .sm3])
    func r5_3_2_proposedIDIsTheHeaderHash(algorithm: HashAlgorithm) throws {
        let fixture = try Fixture()
        let proposals = try (0..<4).flatMap { index in
            var node = try fixture.node(index)
            return node.on(.startHeight(start(fixture, .payloadHeader(algorithm)))).proposals.map(\.0)
        }
        let proposal = try #require(proposals.first)
        #expect(proposals.count == 1)
        #expect(proposal.block.identity == .payloadHeader(algorithm))
        #expect(proposal.block.id.hash == algorithm.hash([9, 8]))
        #expect(BlockIdentity.header(of: [0, 0, 0, 9, 1]) == [1])
        #expect(BlockIdentity.header(of: [0, 0]).isEmpty)
    }

    @Test func r5_3_2_otherIdentityIsRefused() throws {
        let fixture = try Fixture()
        let headerStart = start(fixture, .payloadHeader(.sha256))
        let proposer = try (0..<4).first { index in
            var node = try fixture.node(index)
            return !node.on(.startHeight(headerStart)).proposals.isEmpty
        }
        let from = try #require(proposer)
        var node = try fixture.node((from + 1) % 4)
        _ = node.on(.startHeight(headerStart))
        let fields = ConsensusBlock(height: Height(1), time: Fixture.genesisTime, previousBlockID: nil, lastCommit: nil,
                                    payload: Self.payload)
        let refused = node.on(.proposal(try fixture.proposal(round: 0, fields, from: from)))
        #expect(refused.validations.isEmpty)
        #expect(refused.persistedVotes.map(\.blockID) == [nil])

        var other = try fixture.node((from + 2) % 4)
        _ = other.on(.startHeight(headerStart))
        let header = ConsensusBlock(height: Height(1), time: Fixture.genesisTime, previousBlockID: nil, lastCommit: nil,
                                    payload: Self.payload, identity: .payloadHeader(.sha256))
        #expect(other.on(.proposal(try fixture.proposal(round: 0, header, from: from))).validations.map(\.id) == [header.id])
    }
}
