import Testing
import TraceConsensus
import TraceCrypto
import TraceTestSupport

/// Quorum and proposer arithmetic against simple, obviously correct versions
/// on random validator sets and powers.
@Suite struct ArithmeticTests {
    static func randomSet(_ rng: inout SeededGenerator, countMax: Int = 10, powerMax: UInt64 = 20) throws -> ValidatorSet {
        let count = 1 + Int(rng.next() % UInt64(countMax))
        return try ValidatorSet((0..<count).map { index in
            Validator(publicKey: PublicKey(algorithm: .ed25519, rawBytes: [UInt8(index)]), power: VotingPower(1 + rng.next() % powerMax))
        })
    }

    @Test func r5_3_3_quorumAndSkipMatchRationalComparison() throws {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<300 {
            let set = try Self.randomSet(&rng)
            for power in 0...set.totalPower {
                let fraction = Double(power) / Double(set.totalPower)
                #expect(set.isQuorum(power) == (fraction > 2.0 / 3.0))
                #expect(set.isSkipThreshold(power) == (fraction > 1.0 / 3.0))
            }
        }
    }

    @Test func r5_3_3_anyTwoQuorumsShareMoreThanOneThird() throws {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<300 {
            let set = try Self.randomSet(&rng, countMax: 8)
            let subsets = (0..<(1 << set.count)).map { mask in set.validators.indices.filter { mask & (1 << $0) != 0 } }
            let quorums = subsets.filter { set.isQuorum($0.reduce(0) { $0 + set.power(of: $1) }) }
            for _ in 0..<20 {
                let a = quorums[Int(rng.next() % UInt64(quorums.count))], b = quorums[Int(rng.next() % UInt64(quorums.count))]
                let shared = Set(a).intersection(b).reduce(UInt64(0)) { $0 + set.power(of: $1) }
                #expect(set.isSkipThreshold(shared))
            }
        }
    }

    /// The obvious version: run the priority algorithm from zero for step + 1 steps, no caching, no modulo.
    static func simpleProposer(_ set: ValidatorSet, step: Int) -> Int {
        var priorities = Array(repeating: Int64(0), count: set.count)
        var chosen = 0
        for _ in 0...step {
            for index in priorities.indices { priorities[index] += Int64(set.power(of: index)) }
            chosen = priorities.indices.max { (priorities[$0], -$0) < (priorities[$1], -$1) } ?? 0
            priorities[chosen] -= Int64(set.totalPower)
        }
        return chosen
    }

    @Test func r5_3_3_proposerRotationMatchesSimpleVersion() throws {
        var rng = SeededGenerator(seed: 13)
        for _ in 0..<150 {
            let set = try Self.randomSet(&rng)
            var rotation = ProposerRotation(set)
            for _ in 0..<40 {
                let height = 1 + rng.next() % UInt64(3 * set.totalPower)
                let round = UInt32(rng.next() % 5)
                let step = Int(height - 1) + Int(round)
                #expect(rotation.proposer(height: Height(height), round: Round(round)) == Self.simpleProposer(set, step: step))
            }
        }
    }

    @Test func r5_3_3_eachValidatorProposesInProportionToPower() throws {
        let set = try ValidatorSet([3, 1, 2].enumerated().map {
            Validator(publicKey: PublicKey(algorithm: .ed25519, rawBytes: [UInt8($0.offset)]), power: VotingPower($0.element))
        })
        var rotation = ProposerRotation(set)
        let picks = (1...6).map { rotation.proposer(height: Height(UInt64($0)), round: Round(0)) }
        #expect(picks.filter { $0 == 0 }.count == 3)
        #expect(picks.filter { $0 == 1 }.count == 1)
        #expect(picks.filter { $0 == 2 }.count == 2)
    }

    @Test func timeoutsGrowLinearlyAndBadConfigIsRefused() throws {
        let config = ConsensusConfig()
        #expect(config.timeout(.propose, round: Round(2)) == config.timeoutProposeBase + 2 * config.timeoutProposeDelta)
        var bad = ConsensusConfig()
        bad.timeoutPrevoteBase = 0
        #expect(throws: ConsensusConfigError(code: .badTimeout, field: "", rule: "")) { try bad.validate() }
        #expect(throws: ConsensusConfigError(code: .emptyValidatorSet, field: "", rule: "")) { try ValidatorSet([]) }
        let key = PublicKey(algorithm: .ed25519, rawBytes: [1])
        #expect(throws: ConsensusConfigError(code: .duplicateKey, field: "", rule: "")) {
            try ValidatorSet([Validator(publicKey: key, power: VotingPower(1)), Validator(publicKey: key, power: VotingPower(2))])
        }
    }
}
