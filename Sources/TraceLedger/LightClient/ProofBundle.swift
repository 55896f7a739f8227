import TraceConsensus
import TraceCrypto

/// A block header with the commit certificate that decides it: the
/// certificate of height h is block h+1's `lastCommit`, or the runtime's kept
/// decision for the applied height (`ChainRuntime.decision(at:)`).
public struct CertifiedHeader: Hashable, Sendable {
    public let header: BlockHeader
    public let certificate: CommitCertificate

    public init(header: BlockHeader, certificate: CommitCertificate) {
        self.header = header
        self.certificate = certificate
    }
}

/// A state key with its value (`nil`: absent) and the proof of it against
/// the anchor header's state root (issue 5 item 3: membership and non-membership).
public struct ProvenStateEntry: Hashable, Sendable {
    public let key: [UInt8]
    public let value: [UInt8]?
    public let proof: StateProof

    public init(key: [UInt8], value: [UInt8]?, proof: StateProof) {
        self.key = key
        self.value = value
        self.proof = proof
    }
}

/// Transaction `index` of block `height`: its wire bytes and the RFC 6962
/// inclusion proof of its id against that block's transactions root.
public struct ProvenTransaction: Hashable, Sendable {
    public let height: UInt64
    public let index: UInt32
    public let wireBytes: [UInt8]
    public let proof: InclusionProof

    public init(height: UInt64, index: UInt32, wireBytes: [UInt8], proof: InclusionProof) {
        self.height = height
        self.index = index
        self.wireBytes = wireBytes
        self.proof = proof
    }
}

/// What a third party needs, besides the chain's genesis file, to check
/// state entries and transactions of a chain (issue 5 item 3, issue 6 item 4;
/// docs/proofs.md). Headers are shared: one per height, strictly ascending,
/// each the anchor or the block of some transaction. Entries are in strictly
/// ascending key order, transactions in strictly ascending (height, index)
/// order, so one content has one encoding.
public struct ProofBundle: Hashable, Sendable {
    public static let domain = "crosstrace/proof-bundle/v1\n"
    public static let format = "crosstrace/proof-bundle/v1"
    /// Largest encoded bundle, binary or JSON.
    public static let bytesMax = 32 << 20
    public static let headersMax = 10_000
    public static let entriesMax = 10_000
    public static let transactionsMax = 10_000
    public static let keyBytesMax = 4_096
    public static let valueBytesMax = 1 << 20

    public let chain: String
    /// `Genesis.hash()` of the chain.
    public let genesisHash: [UInt8]
    /// The height whose header's state root the entries are proven against.
    public let anchorHeight: UInt64
    public let headers: [CertifiedHeader]
    public let entries: [ProvenStateEntry]
    public let transactions: [ProvenTransaction]

    public init(chain: String, genesisHash: [UInt8], anchorHeight: UInt64, headers: [CertifiedHeader],
                entries: [ProvenStateEntry], transactions: [ProvenTransaction]) {
        self.chain = chain
        self.genesisHash = genesisHash
        self.anchorHeight = anchorHeight
        self.headers = headers
        self.entries = entries
        self.transactions = transactions
    }

    /// The certified header of `height`, if the bundle carries it.
    public func certifiedHeader(at height: UInt64) -> CertifiedHeader? {
        headers.first { $0.header.height.rawValue == height }
    }
}

/// Why a proof bundle was refused: which element (`field`, e.g.
/// `transactions[2].proof`) broke which rule. Equality is on `code` only (STYLE.md #8).
public struct ProofError: Error, Hashable, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case malformed, tooLarge, wrongGenesis, wrongChain, wrongValidatorSet, wrongHeight, wrongBlock
        case unsupportedAlgorithm, invalidSignature, insufficientPower, notInOrder, missingHeader, unusedHeader
        case invalidStateProof, wrongValue, invalidInclusionProof, invalidTransaction, checkFailed
    }
    public let code: Code
    public let field: String
    public let rule: String

    public init(_ code: Code, field: String, rule: String) {
        self.code = code
        self.field = field
        self.rule = rule
    }

    public var description: String { "\(field): \(rule) [\(code.rawValue)]" }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
