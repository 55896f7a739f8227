import TraceCrypto
import TraceLedger

/// Signs transactions for the organisation's authenticated users with the
/// organisation key the node holds (issue 6 item 5): the user's API key
/// authenticates them, the organisation's key is the on-chain signer, so the
/// chain's membership and permission checks apply to the organisation.
public struct OrganisationSigner: Sendable {
    public let chain: String
    public let profile: CryptoProfile
    public let signingKey: SigningKey

    /// A signer for `chain`, whose `profile` must admit the key's algorithm.
    public init(chain: String, profile: CryptoProfile, signingKey: SigningKey) throws(AuthError) {
        guard profile.admits(signingKey.algorithm) else {
            throw AuthError(.wrongProfile, field: "organisation.key",
                            rule: "chain '\(chain)' (profile '\(profile.rawValue)') does not admit '\(signingKey.algorithm.rawValue)' keys")
        }
        self.chain = chain
        self.profile = profile
        self.signingKey = signingKey
    }

    /// The membership signer id of the organisation.
    public var participantId: String { ParticipantID.of(signingKey.publicKey) }

    /// A signed transaction for `principal`, who must belong to this
    /// organisation (`forbidden` otherwise). `time` is the node's clock in
    /// milliseconds; `nonce` 32 lowercase hex digits (`randomNonce()`).
    /// Rethrows `LedgerError` for a body the transaction rules refuse.
    public func sign(for principal: ApiPrincipal, contract: String, action: String, payload: [String: CanonicalJSON],
                     time: Int64, nonce: String) throws -> Transaction {
        try principal.authorize(participant: participantId)
        return try Transaction.sign(chain: chain, contract: contract, action: action, payload: payload,
                                    nonce: nonce, time: time, signer: signingKey.signer)
    }

    /// 128 random bits as 32 lowercase hex digits, from `generator`
    /// (the system CSPRNG by default; a seeded one in tests).
    public static func randomNonce<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return ApiKey.hex(bytes)
    }

    public static func randomNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return randomNonce(using: &generator)
    }
}

/// Transactions clients signed themselves (issue 6 item 5): when the request
/// also carries an API key, the transaction's signer must be the key's
/// participant, so an API key of organisation A cannot submit transactions
/// signed with B's key. Without a principal anyone may submit; the chain
/// checks the signature and the signer's membership.
public enum ClientSignedTransaction {
    public static func checkSigner(_ transaction: Transaction, principal: ApiPrincipal?) throws(AuthError) {
        guard let principal else { return }
        guard ParticipantID.of(transaction.signer) == principal.participant else {
            throw AuthError(.signerMismatch, field: "signer",
                            rule: "the transaction is signed by another participant than API key \(principal.keyId)'s")
        }
    }
}
