import TraceConsensus
import TraceCrypto
import TraceLedger
import TraceModel

/// The membership contract `membership` (issue 6 item 1; R-6.3.1.2, R-7.2-a,
/// R-7.5-a): participants apply with their real identity; only a verifier
/// named in genesis verifies, rejects, suspends, reinstates or revokes them.
/// Every status change takes effect from the next block; revocation is final.
public struct MembershipContract: Contract {
    public static let contractName = "membership"
    public static let reasonBytesMax = 512

    public let name = MembershipContract.contractName
    /// The genesis verifiers' signing keys.
    public let verifiers: [PublicKey]

    public init(verifiers: [PublicKey]) {
        self.verifiers = verifiers
    }

    /// The contract configured with genesis `verifiers` (the platform operator, market supervision).
    public init(genesisVerifiers: [GenesisVerifier]) {
        self.init(verifiers: genesisVerifiers.map(\.publicKey))
    }

    /// Actions a verifier takes, with the statuses each may start from.
    static let decisions: [String: (to: MembershipStatus, from: [MembershipStatus])] = [
        "verify": (.verified, [.pending]),
        "reject": (.rejected, [.pending]),
        "suspend": (.suspended, [.verified]),
        "reinstate": (.verified, [.suspended]),
        "revoke": (.revoked, [.verified, .suspended]),
    ]

    public func execute(_ context: inout ContractContext) -> ContractOutcome {
        do throws(MembershipRefusal) {
            let action = context.transaction.action
            if action == "apply" { return try apply(&context) }
            guard let decision = Self.decisions[action] else {
                throw MembershipRefusal(.unknownAction, field: "action",
                                        rule: "membership actions are apply, verify, reject, suspend, reinstate, revoke")
            }
            return try decide(&context, action: action, to: decision.to, from: decision.from)
        } catch {
            return error.outcome
        }
    }

    private func apply(_ context: inout ContractContext) throws(MembershipRefusal) -> ContractOutcome {
        let signer = context.transaction.signer
        let key = MembershipKeys.participant(signer)
        if let existing = context.get(key).flatMap(Participant.init(canonicalBytes:)), existing.status != .rejected {
            throw MembershipRefusal(.conflict, field: "signer",
                rule: "one application per signing key; this one is '\(existing.status.rawValue)' (R-6.3.1.2)")
        }
        let participant = try MembershipApplication.participant(signer: signer, payload: context.transaction.payload,
                                                                height: context.height)
        context.put(key, participant.canonicalBytes)
        return .ok
    }

    private func decide(_ context: inout ContractContext, action: String, to status: MembershipStatus,
                        from allowed: [MembershipStatus]) throws(MembershipRefusal) -> ContractOutcome {
        guard verifiers.contains(context.transaction.signer) else {
            throw MembershipRefusal(.forbidden, field: "signer",
                                    rule: "only a verifier named in genesis may \(action) participants (R-6.3.1.2)")
        }
        let fields = PayloadFields(members: context.transaction.payload)
        let reason = try Self.decisionFields(fields, action: action)
        let target = try fields.string("participant", maxBytes: 300)
        let key = Array(MembershipKeys.participantPrefix.utf8) + Array(target.utf8)
        guard var participant = context.get(key).flatMap(Participant.init(canonicalBytes:)) else {
            throw MembershipRefusal(.notFound, field: "participant", rule: "no application from '\(target)'")
        }
        guard allowed.contains(participant.status) else {
            let rule = participant.status == .revoked ? "revocation is final (R-6.3.1.2)"
                : "cannot \(action) a '\(participant.status.rawValue)' participant; allowed from "
                    + allowed.map(\.rawValue).joined(separator: ", ")
            throw MembershipRefusal(.conflict, field: "participant", rule: rule)
        }
        if action == "verify", let text = try fields.optionalString("certificateFingerprint", maxBytes: 64) {
            participant.certificateFingerprint = try PayloadFields.digest(text, field: "certificateFingerprint")
        }
        participant.change(to: status, at: context.height, reason: reason, by: context.transaction.signer)
        context.put(key, participant.canonicalBytes)
        try MembershipIndex.update(&context, participant: participant)
        return .ok
    }

    /// The members each decision takes; returns its reason (empty for `verify`).
    static func decisionFields(_ fields: PayloadFields, action: String) throws(MembershipRefusal) -> String {
        if action == "verify" {
            try fields.onlyMembers(["participant", "certificateFingerprint"])
            return ""
        }
        try fields.onlyMembers(["participant", "reason"])
        return try fields.string("reason", maxBytes: reasonBytesMax)
    }
}
