import Testing
import TraceConsensus
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel

/// R-6.3.1.2, R-7.2-a, R-7.5-a: apply, verification by a genesis verifier,
/// write permission limited to verified node kinds, status changes from the next block.
@Suite struct MembershipLifecycleTests {
    let applicant = signer(1)

    @Test func r6_3_1_2_applyVerifyGrantsOnlyVerifiedNodeKinds() throws {
        var chain = TestChain()
        #expect(chain.run("apply", manufacturerPayload(), by: applicant).code == .ok)
        #expect(chain.view.mayWrite(signer: applicant.publicKey, block: .product, at: chain.nextHeight) == .notVerified)
        let fingerprint = String(repeating: "cd", count: 32)
        let receipt = chain.run("verify", ["participant": id(applicant), "certificateFingerprint": .string(fingerprint)],
                                by: verifier)
        #expect(receipt.code == .ok, "\(receipt.detail)")
        let view = chain.view
        let participant = try #require(view.participant(signer: applicant.publicKey))
        #expect(participant.status == .verified)
        #expect(participant.certificateFingerprint == fingerprint)
        #expect(participant.decidedBy == verifier.publicKey)
        #expect(view.mayWrite(signer: applicant.publicKey, block: .product, at: chain.nextHeight) == .allowed)
        for block in [InformationBlock.transaction, .logistics, .customs] {
            #expect(view.mayWrite(signer: applicant.publicKey, block: block, at: chain.nextHeight) == .nodeKindNotVerified)
        }
        #expect(view.mayWrite(signer: signer(9).publicKey, block: .product, at: chain.nextHeight) == .notRegistered)
    }

    @Test func r6_3_1_2_nonVerifierCannotDecide() {
        var chain = TestChain()
        _ = chain.run("apply", manufacturerPayload(), by: applicant)
        for action in ["verify", "reject", "suspend", "reinstate", "revoke"] {
            var payload: [String: CanonicalJSON] = ["participant": id(applicant)]
            if action != "verify" { payload["reason"] = .string("because") }
            let receipt = chain.run(action, payload, by: applicant)
            #expect(receipt.code == .forbidden)
            #expect(receipt.detail.contains("verifier named in genesis"))
        }
        #expect(chain.view.participant(signer: applicant.publicKey)?.status == .pending)
    }

    @Test func r6_3_1_2_rejectWithReasonThenReapply() {
        var chain = TestChain()
        _ = chain.run("apply", manufacturerPayload(), by: applicant)
        #expect(chain.run("apply", manufacturerPayload(), by: applicant).code == .conflict)
        #expect(chain.run("reject", ["participant": id(applicant)], by: verifier).code == .invalidPayload)
        #expect(chain.run("reject", ["participant": id(applicant), "reason": .string("licence expired")], by: verifier).code == .ok)
        #expect(chain.view.participant(signer: applicant.publicKey)?.reason == "licence expired")
        #expect(chain.view.mayWrite(signer: applicant.publicKey, block: .product, at: chain.nextHeight) == .notVerified)
        #expect(chain.run("apply", manufacturerPayload(), by: applicant).code == .ok)
        #expect(chain.view.participant(signer: applicant.publicKey)?.status == .pending)
    }

    /// Suspension takes effect from the next block: a write in the same block is still allowed.
    @Test func r6_3_1_2_suspensionFromNextBlockReinstateRevokeFinal() {
        var chain = TestChain()
        _ = chain.run("apply", manufacturerPayload(), by: applicant)
        _ = chain.run("verify", ["participant": id(applicant)], by: verifier)
        let suspendedIn = chain.nextHeight
        #expect(chain.run("suspend", ["participant": id(applicant), "reason": .string("audit")], by: verifier).code == .ok)
        #expect(chain.view.mayWrite(signer: applicant.publicKey, block: .product, at: suspendedIn) == .allowed)
        #expect(chain.view.mayWrite(signer: applicant.publicKey, block: .product, at: chain.nextHeight) == .suspended)
        #expect(chain.run("suspend", ["participant": id(applicant), "reason": .string("again")], by: verifier).code == .conflict)
        #expect(chain.run("reinstate", ["participant": id(applicant), "reason": .string("audit passed")], by: verifier).code == .ok)
        #expect(chain.view.mayWrite(signer: applicant.publicKey, block: .product, at: chain.nextHeight) == .allowed)
        let revokedIn = chain.nextHeight
        #expect(chain.run("revoke", ["participant": id(applicant), "reason": .string("fraud")], by: verifier).code == .ok)
        #expect(chain.view.mayWrite(signer: applicant.publicKey, block: .product, at: revokedIn) == .allowed)
        #expect(chain.view.mayWrite(signer: applicant.publicKey, block: .product, at: chain.nextHeight) == .revoked)
        for action in ["verify", "reinstate", "suspend", "revoke"] {
            let receipt = chain.run(action, ["participant": id(applicant), "reason": .string("x")].filter {
                action != "verify" || $0.key == "participant"
            }, by: verifier)
            #expect(receipt.code == .conflict)
            #expect(receipt.detail.contains("revocation is final"))
        }
        #expect(chain.run("apply", manufacturerPayload(), by: applicant).code == .conflict)
    }

    /// Within one block, a contract reading the view sees the suspension only from the next height.
    @Test func r6_3_1_2_sameBlockSuspensionStillAllowsThatBlock() {
        var chain = TestChain()
        _ = chain.run("apply", manufacturerPayload(), by: applicant)
        _ = chain.run("verify", ["participant": id(applicant)], by: verifier)
        let suspend = chain.tx("suspend", ["participant": id(applicant), "reason": .string("audit")], by: verifier)
        let reinstate = chain.tx("reinstate", ["participant": id(applicant), "reason": .string("ok")], by: verifier)
        let height = chain.nextHeight
        #expect(chain.block([suspend, reinstate]).map(\.code) == [.ok, .ok])
        #expect(chain.view.mayWrite(signer: applicant.publicKey, block: .product, at: height) == .allowed)
        #expect(chain.view.mayWrite(signer: applicant.publicKey, block: .product, at: chain.nextHeight) == .allowed)
    }

    /// Another contract reads membership through its context: a write in the
    /// block that suspends the writer is still allowed, the next block's is refused.
    @Test func r6_3_1_2_r7_2_writesThroughAnotherContract() {
        var chain = TestChain()
        func write(_ block: String) -> Transaction { chain.tx("write", ["block": .string(block)], by: applicant, contract: "probe") }
        let first = write("product")
        #expect(chain.block([first]).map(\.detail) == ["signer: notRegistered"])
        _ = chain.run("apply", manufacturerPayload(), by: applicant)
        let verify = chain.tx("verify", ["participant": id(applicant)], by: verifier)
        let early = write("product")
        #expect(chain.block([verify, early]).map(\.detail) == ["", "signer: notVerified"])
        let product = write("product"), customs = write("customs")
        #expect(chain.block([product, customs]).map(\.detail) == ["", "signer: nodeKindNotVerified"])
        let suspend = chain.tx("suspend", ["participant": id(applicant), "reason": .string("audit")], by: verifier)
        let sameBlock = write("product")
        #expect(chain.block([suspend, sameBlock]).map(\.code) == [.ok, .ok])
        let nextBlock = write("product")
        #expect(chain.block([nextBlock]).map(\.detail) == ["signer: suspended"])
    }

    /// State keys: `p/<signer id>`, and on verification `k/<node kind>` and `c/<country>`.
    @Test func r6_3_1_2_stateKeysAreTheDocumentedOnes() {
        var chain = TestChain()
        _ = chain.run("apply", manufacturerPayload(), by: applicant)
        let participantKey = "membership\u{0}p/" + Participant.signerID(applicant.publicKey)
        #expect(chain.state.values.keys.map { String(decoding: $0, as: UTF8.self) } == [participantKey])
        _ = chain.run("verify", ["participant": id(applicant)], by: verifier)
        let keys = chain.state.values.keys.map { String(decoding: $0, as: UTF8.self) }.sorted()
        #expect(keys == ["membership\u{0}c/CN", "membership\u{0}k/manufacturer", participantKey])
        #expect(Participant.signerID(applicant.publicKey).hasPrefix("ed25519-"))
    }

    @Test func r6_3_1_2_unknownParticipantAndAction() {
        var chain = TestChain()
        #expect(chain.run("verify", ["participant": id(applicant)], by: verifier).code == .notFound)
        #expect(chain.run("join", [:], by: applicant).code == .unknownAction)
        #expect(chain.run("verify", ["participant": id(applicant), "extra": .null], by: verifier).code == .invalidPayload)
    }
}
