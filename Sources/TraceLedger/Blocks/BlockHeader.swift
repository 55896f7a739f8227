import TraceCrypto
import TraceConsensus

/// A block header (issue 5 item 1, R-5.3.2): its place in the chain, its BFT
/// time, the roots of its transactions and of the state after them, its
/// proposer, the hash of the validator set that signs it, and the commit
/// certificate of the previous height. The block hash is the profile hash of
/// `canonicalBytes`.
public struct BlockHeader: Hashable, Sendable {
    public static let domain = "crosstrace/block-header/v1\n"
    static let hashBytesMax = 64

    public let chain: String
    public let height: Height
    /// `nil` only at height 1.
    public let previousBlockHash: [UInt8]?
    /// BFT time, milliseconds since the epoch.
    public let time: Timestamp
    /// RFC 6962 root over the transaction ids, in block order.
    public let transactionsRoot: [UInt8]
    /// `StateTree` root after the block's transactions.
    public let stateRoot: [UInt8]
    public let proposer: PublicKey
    public let validatorSetHash: [UInt8]
    /// The certificate for height − 1; `nil` only at height 1.
    public let lastCommit: CommitCertificate?

    public init(chain: String, height: Height, previousBlockHash: [UInt8]?, time: Timestamp, transactionsRoot: [UInt8],
                stateRoot: [UInt8], proposer: PublicKey, validatorSetHash: [UInt8], lastCommit: CommitCertificate?) {
        self.chain = chain
        self.height = height
        self.previousBlockHash = previousBlockHash
        self.time = time
        self.transactionsRoot = transactionsRoot
        self.stateRoot = stateRoot
        self.proposer = proposer
        self.validatorSetHash = validatorSetHash
        self.lastCommit = lastCommit
    }

    public var canonicalBytes: [UInt8] {
        var writer = CanonicalWriter(domain: Self.domain)
        encode(into: &writer)
        return writer.bytes
    }

    /// The block hash under hash `algorithm` (the chain profile's).
    public func hash(_ algorithm: HashAlgorithm) -> [UInt8] { algorithm.hash(canonicalBytes) }

    func encode(into writer: inout CanonicalWriter) {
        writer.writeString(chain)
        writer.writeUInt64(height.rawValue)
        writer.writeBool(previousBlockHash != nil)
        if let previousBlockHash { writer.writeBytes(previousBlockHash) }
        writer.writeInt64(time)
        writer.writeBytes(transactionsRoot)
        writer.writeBytes(stateRoot)
        writer.writePublicKey(proposer)
        writer.writeBytes(validatorSetHash)
        writer.writeBool(lastCommit != nil)
        if let lastCommit { lastCommit.encode(into: &writer) }
    }

    init(from reader: inout CanonicalReader) throws {
        let (chain, height, previous, time) = try Self.readPrefix(&reader)
        self.init(chain: chain, height: height, previousBlockHash: previous, time: time,
                  transactionsRoot: try reader.readBytes("header.transactionsRoot", maxCount: Self.hashBytesMax),
                  stateRoot: try reader.readBytes("header.stateRoot", maxCount: Self.hashBytesMax),
                  proposer: try reader.readPublicKey(),
                  validatorSetHash: try reader.readBytes("header.validatorSetHash", maxCount: Self.hashBytesMax),
                  lastCommit: try reader.readBool("header.lastCommit.present") ? try CommitCertificate(from: &reader) : nil)
    }

    /// The BFT time of a stored header, read from the prefix before it (a
    /// trace timeline needs no more of the header, issue 7). Bytes that do not
    /// begin like a header are `malformed`, named; the rest is not checked.
    public static func time(canonicalBytes: some Collection<UInt8>) throws(LedgerError) -> Timestamp {
        do {
            var reader = try CanonicalReader(Array(canonicalBytes.prefix(timePrefixBytesMax)), domain: domain)
            return try readPrefix(&reader).time
        } catch {
            throw LedgerError(.malformed, field: "header", rule: "\(error)")
        }
    }

    /// The fields before the roots: chain, height, previous hash, time.
    private static func readPrefix(_ reader: inout CanonicalReader) throws
        -> (chain: String, height: Height, previous: [UInt8]?, time: Timestamp) {
        let chain = try reader.readString("header.chain", maxCount: TransactionRules.nameBytesMax)
        let height = Height(try reader.readUInt64("header.height"))
        let previous = try reader.readBool("header.previous.present")
            ? try reader.readBytes("header.previous", maxCount: hashBytesMax) : nil
        return (chain, height, previous, try reader.readInt64("header.time"))
    }

    /// The most bytes before the end of `time`: domain, chain name, height, previous hash, time.
    static let timePrefixBytesMax = domain.utf8.count + 4 + TransactionRules.nameBytesMax + 8 + 1 + 4 + hashBytesMax + 8

    public init(canonicalBytes: [UInt8]) throws(LedgerError) {
        do {
            var reader = try CanonicalReader(canonicalBytes, domain: Self.domain)
            try self.init(from: &reader)
            try reader.finish()
        } catch {
            throw LedgerError(.malformed, field: "header", rule: "\(error)")
        }
        guard self.canonicalBytes == canonicalBytes else {
            throw LedgerError(.malformed, field: "header", rule: "not the canonical encoding (e.g. unsorted precommits)")
        }
    }
}

extension ValidatorSet {
    static let hashDomain = "crosstrace/validator-set/v1\n"

    /// The hash a header carries: count, then each validator's key and power, in index order.
    public func hash(_ algorithm: HashAlgorithm) -> [UInt8] {
        var writer = CanonicalWriter(domain: Self.hashDomain)
        writer.writeUInt32(UInt32(count))
        for validator in validators {
            writer.writePublicKey(validator.publicKey)
            writer.writeUInt64(validator.power.rawValue)
        }
        return algorithm.hash(writer.bytes)
    }
}
