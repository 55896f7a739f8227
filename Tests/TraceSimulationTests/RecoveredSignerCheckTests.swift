import Testing
import TraceConsensus
import TraceCrypto
import TraceLedger
@testable import TraceSimulation

/// The no-double-sign-across-restarts check reads the WAL and the signer
/// state a node recovers; it fires on each hand-made violation.
@Suite struct RecoveredSignerCheckTests {
    let signer: Ed25519Signer
    let checker: Checker

    init() throws {
        signer = try Ed25519Signer(seed: Array(repeating: 1, count: 32))
        let set = try ValidatorSet([Validator(publicKey: signer.publicKey, power: VotingPower(1))])
        checker = Checker(validators: set, byzantine: [], verifier: DirectVerifier())
    }

    func vote(_ type: VoteType, height: UInt64, _ block: UInt8) throws -> SignedMessage {
        let id = BlockID(hash: Array(repeating: block, count: 32))
        let bytes = Vote.signBytes(type: type, height: Height(height), round: Round(0), blockID: id, validatorIndex: 0, time: 5)
        return .vote(Vote(type: type, height: Height(height), round: Round(0), blockID: id, validatorIndex: 0, time: 5,
                          signature: try signer.sign(bytes)))
    }

    /// The checker after node 0 sent a precommit at height 1 and a prevote at height 2.
    func sent() throws -> (Checker, SignerState, SignerState) {
        var checker = self.checker
        let precommit = try vote(.precommit, height: 1, 0xB)
        let prevote = try vote(.prevote, height: 2, 0xC)
        checker.checkDurable(node: 0, precommit, recordEnd: 1, durableSize: 1)
        checker.checkDurable(node: 0, prevote, recordEnd: 1, durableSize: 1)
        return (checker, ConsensusWAL.signerState(of: precommit), ConsensusWAL.signerState(of: prevote))
    }

    @Test func r5_3_3_consistentRecoveryPasses() throws {
        var (checker, _, prevote) = try sent()
        checker.checkRecoveredSigner(node: 0, height: Height(2), signerState: prevote, walOwn: [prevote])
        #expect(checker.violations == [])
    }

    @Test func r5_3_3_signerStateBelowWhatWasSent_isCaught() throws {
        var (checker, precommit, prevote) = try sent()
        checker.checkRecoveredSigner(node: 0, height: Height(2), signerState: precommit, walOwn: [prevote])
        #expect(checker.violations.first?.hasPrefix("double-sign guard") == true)
        var empty = try sent().0
        empty.checkRecoveredSigner(node: 0, height: Height(2), signerState: nil, walOwn: [prevote])
        #expect(empty.violations.first?.contains("signer state is empty") == true)
    }

    @Test func r5_3_3_walMissingASentMessage_orHoldingTwo_isCaught() throws {
        var (checker, _, prevote) = try sent()
        checker.checkRecoveredSigner(node: 0, height: Height(2), signerState: prevote, walOwn: [])
        #expect(checker.violations.first?.contains("WAL does not hold") == true)
        var twice = try sent().0
        let other = ConsensusWAL.signerState(of: try vote(.prevote, height: 2, 0xD))
        twice.checkRecoveredSigner(node: 0, height: Height(2), signerState: prevote, walOwn: [prevote, other])
        #expect(twice.violations.first?.contains("two messages") == true)
    }

    @Test func r5_3_3_signerStateWithOtherBytes_isCaught() throws {
        var (checker, _, prevote) = try sent()
        let other = ConsensusWAL.signerState(of: try vote(.prevote, height: 2, 0xD))
        checker.checkRecoveredSigner(node: 0, height: Height(2), signerState: other, walOwn: [prevote])
        #expect(checker.violations.first?.contains("other bytes") == true)
        #expect(prevote.position == other.position)
    }
}
