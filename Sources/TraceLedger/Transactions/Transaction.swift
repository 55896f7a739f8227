import Synchronization
import TraceCrypto

/// A signed request to a contract (issue 5 item 1, R-5.3.1): chain, contract,
/// action, payload, signer, a random 128-bit nonce and the client's time. The
/// signature covers `TransactionSigningBytes` of the body — every field but the
/// signature — and the id is the chain profile's hash of those bytes, so
/// re-signing the same body never changes the id (docs/encoding.md).
public struct Transaction: Hashable, Sendable {
    /// The fields, held once: a transaction is copied into the mempool, blocks,
    /// previews and receipts, and copying ten reference-counted fields each time
    /// was 3 % of a validator's CPU under load (issue 7).
    private final class Storage: Sendable {
        let fields: TransactionFields
        let signature: Signature
        let signingBytes: [UInt8]
        let wireBytes: [UInt8]
        /// The last id asked for, with its algorithm.
        let id = Mutex<(algorithm: HashAlgorithm, id: TransactionID)?>(nil)

        init(fields: TransactionFields, signature: Signature, signingBytes: [UInt8], wireBytes: [UInt8]) {
            self.fields = fields
            self.signature = signature
            self.signingBytes = signingBytes
            self.wireBytes = wireBytes
        }
    }

    private let storage: Storage

    /// The signed fields, as checked.
    var fields: TransactionFields { storage.fields }

    public var chain: String { storage.fields.chain }
    public var contract: String { storage.fields.contract }
    public var action: String { storage.fields.action }
    /// The contract's input: a JSON object.
    public var payload: [String: CanonicalJSON] { storage.fields.payload }
    public var signer: PublicKey { storage.fields.signer }
    /// 32 lowercase hex digits (128 random bits).
    public var nonce: String { storage.fields.nonce }
    /// The client's clock, milliseconds since the Unix epoch.
    public var time: Int64 { storage.fields.time }
    public var signature: Signature { storage.signature }
    /// `crosstrace/tx/v1\n` ‖ JCS(body).
    public var signingBytes: [UInt8] { storage.signingBytes }
    /// The canonical wire form (`wireJSON`'s bytes), serialised once here:
    /// blocks, gossip, the mempool and the store all carry these bytes, and
    /// re-serialising them on each use was a fifth of a validator's CPU (issue 7).
    public var wireBytes: [UInt8] { storage.wireBytes }

    /// Equal canonical wire bytes are equal transactions: the wire form holds
    /// every field and the signature, written one way only.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.wireBytes == rhs.storage.wireBytes
    }

    public func hash(into hasher: inout Hasher) { storage.wireBytes.withUnsafeBytes { hasher.combine(bytes: $0) } }

    /// A transaction from checked fields; `fields` must already satisfy `TransactionRules`.
    init(fields: TransactionFields, signature: Signature) throws(LedgerError) {
        do {
            let body = fields.body
            let signingBytes = try TransactionSigningBytes.of(body)
            let wireBytes = try Self.wireBytes(signingBytes: signingBytes, body: body, signature: signature)
            self.init(fields: fields, signature: signature, signingBytes: signingBytes, wireBytes: wireBytes)
        } catch {
            throw LedgerError(.invalidField, field: "payload", rule: "\(error)")
        }
    }

    /// A transaction from its canonical wire bytes as this node stored them:
    /// the signing bytes are the wire bytes with the signature member cut out
    /// (the inverse of `wireBytes(signingBytes:…)`), not a new serialisation.
    init(fields: TransactionFields, signature: Signature, canonicalWire wire: [UInt8]) throws(LedgerError) {
        if let stored = Self(fields: fields, signature: signature, exactWire: wire) {
            self = stored
        } else {
            try self.init(fields: fields, signature: signature)
        }
    }

    /// The transaction whose wire bytes are exactly `wire`, or nil when the
    /// signature member cannot be cut out of them (never re-serialised).
    init?(fields: TransactionFields, signature: Signature, exactWire wire: [UInt8]) {
        guard let body = Self.signingBody(ofWire: wire, signature: signature) else { return nil }
        self.init(fields: fields, signature: signature, signingBytes: TransactionSigningBytes.domainTag + body, wireBytes: wire)
    }

    private init(fields: TransactionFields, signature: Signature, signingBytes: [UInt8], wireBytes: [UInt8]) {
        storage = Storage(fields: fields, signature: signature, signingBytes: signingBytes, wireBytes: wireBytes)
    }

    /// Builds, checks and signs a transaction.
    public static func sign(chain: String, contract: String, action: String, payload: [String: CanonicalJSON],
                            nonce: String, time: Int64, signer: any Signer,
                            limits: TransactionLimits = TransactionLimits()) throws -> Transaction {
        let fields = TransactionFields(chain: chain, contract: contract, action: action, payload: payload,
                                       signer: signer.publicKey, nonce: nonce, time: time)
        try TransactionRules.check(fields)
        let bytes = try TransactionSigningBytes.of(fields.body)
        let transaction = try Transaction(fields: fields, signature: try signer.sign(bytes))
        guard transaction.wireBytes.count <= limits.transactionBytesMax else {
            throw LedgerError(.tooLarge, field: "transaction", rule: "at most \(limits.transactionBytesMax) bytes")
        }
        return transaction
    }

    /// The id under hash `algorithm` (the chain profile's hash), hashed once
    /// per transaction: the mempool, the executor, the store and receipts all
    /// ask for it.
    public func id(_ algorithm: HashAlgorithm) -> TransactionID {
        if let known = storage.id.withLock({ $0 }), known.algorithm == algorithm { return known.id }
        let id = TransactionID(bytes: TransactionSigningBytes.transactionId(of: signingBytes, hash: algorithm))
        storage.id.withLock { $0 = (algorithm, id) }
        return id
    }

    /// Whether the signature is valid for the signing bytes under the signer's key.
    public var hasValidSignature: Bool { signer.isValidSignature(signature, for: signingBytes) }

    /// What a chain checks before accepting the transaction: its chain name,
    /// an algorithm its profile admits, and the signature.
    public func check(chain expected: String, profile: CryptoProfile) throws(LedgerError) {
        try checkFields(chain: expected, profile: profile)
        guard hasValidSignature else { throw Self.badSignature }
    }

    /// `check` without the signature: for callers that verified it in a
    /// batch (`BatchVerifier`, how the executor checks a block).
    public func checkFields(chain expected: String, profile: CryptoProfile) throws(LedgerError) {
        guard chain == expected else {
            throw LedgerError(.wrongChain, field: "chain", rule: "transaction is for '\(chain)', not '\(expected)'")
        }
        guard profile.admits(signer.algorithm) else {
            throw LedgerError(.unsupportedAlgorithm, field: "signer.alg",
                              rule: "profile '\(profile.rawValue)' does not admit '\(signer.algorithm.rawValue)'")
        }
    }

    /// The refusal of a signature that does not verify.
    public static let badSignature = LedgerError(.invalidSignature, field: "signature",
                                                 rule: "signature does not verify over the signing bytes")
}

/// A transaction id: the profile hash of the signing bytes.
public struct TransactionID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]
    public init(bytes: [UInt8]) { self.bytes = bytes }
    /// One hashing call over the digest (ids key the mempool, nonce memory and caches).
    public func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
    public var description: String { Hex.encode(bytes) }
}

/// Bounds on transactions, checked before any parsing (issue 5 item 4 defaults).
public struct TransactionLimits: Hashable, Sendable {
    /// Largest wire form accepted.
    public var transactionBytesMax = 64 * 1024

    public init() {}
}
