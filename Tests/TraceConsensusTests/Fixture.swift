import TraceConsensus
import TraceCrypto

/// Four (or more) validators with deterministic Ed25519 keys, and helpers to
/// sign their messages and read a node's actions.
struct Fixture {
    static let genesisTime: Timestamp = 1_700_000_000_000
    let signers: [Ed25519Signer]
    let validators: ValidatorSet
    let config: ConsensusConfig

    init(powers: [UInt64] = [1, 1, 1, 1]) throws {
        signers = try powers.indices.map { index in try Ed25519Signer(seed: Array(repeating: UInt8(index + 1), count: 32)) }
        validators = try ValidatorSet(zip(signers, powers).map { Validator(publicKey: $0.0.publicKey, power: VotingPower($0.1)) })
        config = ConsensusConfig()
    }

    func node(_ index: Int, signerState: SignerState? = nil, recovered: [SignerState] = []) throws -> Consensus {
        try Consensus(config: config, signer: signers[index], signerState: signerState, recovered: recovered)
    }

    func start(_ payload: [UInt8] = [1], height: UInt64 = 1, previous: PreviousBlock? = nil) -> HeightStart {
        HeightStart(height: Height(height), validators: validators, previous: previous, genesisTime: Self.genesisTime,
                    payload: payload)
    }

    func block(_ payload: [UInt8]) -> ConsensusBlock {
        ConsensusBlock(height: Height(1), time: Self.genesisTime, previousBlockID: nil, lastCommit: nil, payload: payload)
    }

    func vote(_ type: VoteType, round: UInt32, _ id: BlockID?, from index: Int, height: UInt64 = 1,
              time: Timestamp = genesisTime + 10) throws -> Vote {
        let bytes = Vote.signBytes(type: type, height: Height(height), round: Round(round), blockID: id,
                                   validatorIndex: index, time: time)
        return Vote(type: type, height: Height(height), round: Round(round), blockID: id, validatorIndex: index, time: time,
                    signature: try signers[index].sign(bytes))
    }

    func proposal(round: UInt32, _ block: ConsensusBlock, validRound: UInt32? = nil, from index: Int) throws -> Proposal {
        let bytes = Proposal.signBytes(height: block.height, round: Round(round), blockID: block.id,
                                       validRound: validRound.map { Round($0) }, proposerIndex: index)
        return Proposal(height: block.height, round: Round(round), block: block, validRound: validRound.map { Round($0) },
                        proposerIndex: index, signature: try signers[index].sign(bytes))
    }
}

/// Reading a step's actions.
extension Array where Element == Action {
    /// Own votes, each found inside the persist it waits for.
    var persistedVotes: [Vote] {
        flatMap { action -> [Vote] in
            guard case .persistThenSend(let record, let messages) = action,
                  case .vote(let own) = record.ownMessage else { return [] }
            return messages.compactMap { if case .vote(let vote) = $0, vote == own { return vote } else { return nil } }
        }
    }

    var proposals: [(Proposal, [SignedMessage])] {
        compactMap { action in
            guard case .persistThenSend(let record, let messages) = action, case .proposal(let p) = record.ownMessage else { return nil }
            return (p, messages)
        }
    }

    var timeouts: [Timeout] {
        compactMap { if case .scheduleTimeout(let timeout, _) = $0 { return timeout } else { return nil } }
    }

    var decisions: [(ConsensusBlock, CommitCertificate)] {
        compactMap { if case .decide(let block, let certificate) = $0 { return (block, certificate) } else { return nil } }
    }

    var validations: [ConsensusBlock] {
        compactMap { if case .validateBlock(let block) = $0 { return block } else { return nil } }
    }
}

extension Consensus {
    /// Steps at a fixed local time.
    mutating func on(_ event: Event, at time: Timestamp = Fixture.genesisTime + 5) -> [Action] {
        step(event, localTime: time)
    }

    /// Feeds a list of votes, returning all actions.
    mutating func on(_ votes: [Vote]) -> [Action] {
        votes.flatMap { on(.vote($0)) }
    }
}
