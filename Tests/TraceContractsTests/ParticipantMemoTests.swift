import Testing
@testable import TraceContracts
import TraceCrypto
import TraceLedger

/// Issue 7: decoded participants are memoised by their stored bytes, so a
/// changed entry (R-6.3.1.2 status changes) is always read afresh.
@Suite struct ParticipantMemoTests {
    let applicant = signer(1)

    func storedBytes(_ chain: TestChain) throws -> [UInt8] {
        let key = ContractContext.namespace(of: MembershipContract.contractName) + MembershipKeys.participant(applicant.publicKey)
        return try #require(chain.state.value(forKey: key))
    }

    @Test func r6_3_1_2_aChangedEntryIsANewKey() throws {
        var chain = TestChain()
        #expect(chain.run("apply", manufacturerPayload(), by: applicant).code == .ok)
        let pending = try storedBytes(chain)
        #expect(chain.run("verify", ["participant": id(applicant)], by: verifier).code == .ok)
        let verified = try storedBytes(chain)
        #expect(pending != verified)
        #expect(Participant(canonicalBytes: pending)?.status == .pending)
        #expect(Participant(canonicalBytes: verified)?.status == .verified)
        #expect(Participant(canonicalBytes: pending)?.status == .pending)
        #expect(Participant(canonicalBytes: Array(verified.dropLast())) == nil)
    }

    @Test func r6_3_1_2_twoGenerationsBoundTheMemo() throws {
        var chain = TestChain()
        #expect(chain.run("apply", manufacturerPayload(), by: applicant).code == .ok)
        let bytes = try storedBytes(chain)
        let participant = try #require(Participant(canonicalBytes: bytes))
        let memo = ParticipantMemo(capacity: 4)
        memo.insert(participant, for: bytes)
        #expect(memo.participant(bytes) == participant)
        memo.insert(participant, for: [1])
        memo.insert(participant, for: [2])
        #expect(memo.participant(bytes) == participant, "moved to the old generation")
        memo.insert(participant, for: [3])
        memo.insert(participant, for: [4])
        #expect(memo.participant(bytes) == nil, "dropped with the old generation")
        #expect(memo.participant([4]) == participant)
    }
}
