import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceSimulation

/// Each invariant checker fires on a hand-made violation: a checker that
/// never fires proves nothing.
@Suite struct CheckerTests {
    let signers: [Ed25519Signer]
    let checker: Checker
    let idB = BlockID(hash: Array(repeating: 0xB, count: 32))
    let idC = BlockID(hash: Array(repeating: 0xC, count: 32))

    init() throws {
        signers = try (1...4).map { try Ed25519Signer(seed: Array(repeating: UInt8($0), count: 32)) }
        let set = try ValidatorSet(signers.map { Validator(publicKey: $0.publicKey, power: VotingPower(1)) })
        checker = Checker(validators: set, byzantine: [3], verifier: DirectVerifier())
    }

    func vote(_ type: VoteType, round: UInt32, _ id: BlockID?, from index: Int, time: Int64 = 5) throws -> SignedMessage {
        let bytes = Vote.signBytes(type: type, height: Height(1), round: Round(round), blockID: id, validatorIndex: index, time: time)
        return .vote(Vote(type: type, height: Height(1), round: Round(round), blockID: id, validatorIndex: index, time: time,
                          signature: try signers[index].sign(bytes)))
    }

    @Test func doubleSigningByCorrectValidatorIsCaught_byzantineIsExempt() throws {
        var checker = self.checker
        checker.noteSent(node: 0, validator: 0, try vote(.prevote, round: 0, idB, from: 0))
        checker.noteSent(node: 0, validator: 0, try vote(.prevote, round: 0, idB, from: 0))
        #expect(checker.violations.isEmpty)
        checker.noteSent(node: 3, validator: 3, try vote(.prevote, round: 0, idB, from: 3))
        checker.noteSent(node: 3, validator: 3, try vote(.prevote, round: 0, nil, from: 3))
        #expect(checker.violations.isEmpty)
        checker.noteSent(node: 0, validator: 0, try vote(.prevote, round: 0, nil, from: 0))
        #expect(checker.violations.first?.hasPrefix("double signing") == true)
    }

    @Test func lockDisciplineNeedsAPolka() throws {
        var checker = self.checker
        checker.noteSent(node: 0, validator: 0, try vote(.precommit, round: 0, idB, from: 0))
        checker.noteSent(node: 0, validator: 0, try vote(.prevote, round: 2, idC, from: 0))
        #expect(checker.violations.first?.hasPrefix("lock discipline") == true)

        var justified = self.checker
        justified.noteSent(node: 0, validator: 0, try vote(.precommit, round: 0, idB, from: 0))
        for index in 1...3 { justified.noteSent(node: index, validator: index, try vote(.prevote, round: 1, idC, from: index)) }
        justified.noteSent(node: 0, validator: 0, try vote(.prevote, round: 2, idC, from: 0))
        #expect(justified.violations.isEmpty)
    }

    @Test func voteLeavingBeforeItsSyncIsCaught() throws {
        var checker = self.checker
        let message = try vote(.prevote, round: 0, idB, from: 0)
        checker.checkDurable(node: 0, message, recordEnd: 100, durableSize: 100)
        #expect(checker.violations.isEmpty)
        checker.checkDurable(node: 0, message, recordEnd: 120, durableSize: 100)
        checker.checkDurable(node: 0, message, recordEnd: nil, durableSize: 100)
        #expect(checker.violations.count == 2)
        #expect(checker.violations.allSatisfy { $0.hasPrefix("durability") })
    }

    @Test func regressionLostBlocksAndFalseEvidenceAreCaught() throws {
        var checker = self.checker
        checker.checkHeight(node: 1, Height(3))
        checker.checkHeight(node: 1, Height(2))
        let block = ConsensusBlock(height: Height(1), time: 1, previousBlockID: nil, lastCommit: nil, payload: [])
        let precommits = try (0...2).compactMap { index -> Vote? in
            if case .vote(let v) = try vote(.precommit, round: 0, block.id, from: index) { return v } else { return nil }
        }
        let decision = StoredDecision(block: block, certificate: CommitCertificate(height: Height(1), round: Round(0), blockID: block.id, precommits: precommits))
        checker.noteCommitted(node: 2, correct: true, decision, chain: [], committed: [])
        checker.checkRecovered(node: 2, chain: [decision])
        checker.checkRecovered(node: 2, chain: [])
        if case .vote(let a) = try vote(.prevote, round: 0, idB, from: 1), case .vote(let b) = try vote(.prevote, round: 0, nil, from: 1) {
            checker.noteEvidence(node: 0, .conflictingVotes(a, b))
        }
        #expect(checker.violations.map { String($0.prefix(8)) } == ["height r", "durabili", "evidence"])
    }
}
