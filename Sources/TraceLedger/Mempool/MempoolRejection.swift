/// Why the mempool refused a transaction, told to the submitter (issue 5
/// item 4). Equality is on `code` only (STYLE.md #8).
public struct MempoolRejection: Error, Hashable, CustomStringConvertible, Sendable {
    /// Stable codes; the raw values are part of the HTTP API and never change.
    public enum Code: String, Sendable, CaseIterable {
        /// The same transaction (same id) is already waiting.
        case duplicate = "duplicate"
        /// The same transaction was committed within the window.
        case alreadyCommitted = "alreadyCommitted"
        /// The signature does not verify over the signing bytes.
        case badSignature = "badSignature"
        /// The transaction names another chain.
        case wrongChain = "wrongChain"
        /// The chain's crypto profile does not admit the signer's algorithm.
        case algorithmNotAdmitted = "algorithmNotAdmitted"
        /// The client time is more than the allowed skew from the node's time.
        case timeOutsideWindow = "timeOutsideWindow"
        /// Another transaction from this signer used this nonce within the window.
        case nonceReplayed = "nonceReplayed"
        /// The canonical wire form exceeds the transaction size bound.
        case tooLarge = "tooLarge"
        /// A mempool bound is reached; retry after `retryAfterSeconds` (HTTP 429).
        case mempoolFull = "mempoolFull"
    }

    public let code: Code
    /// The field or bound at fault (`chain`, `signature`, `mempool.bytes`, …).
    public let field: String
    /// What went wrong and what to do about it.
    public let message: String
    /// Set for `mempoolFull` only: seconds to wait before trying again.
    public let retryAfterSeconds: Int?

    public init(_ code: Code, field: String, message: String, retryAfterSeconds: Int? = nil) {
        self.code = code
        self.field = field
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { "mempool: \(code.rawValue) in '\(field)': \(message)" }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}

/// The outcome of admitting one transaction.
public enum AdmissionResult: Hashable, Sendable {
    case accepted(TransactionID)
    case rejected(MempoolRejection)

    /// The rejection, if any.
    public var rejection: MempoolRejection? {
        if case .rejected(let rejection) = self { return rejection }
        return nil
    }
}
