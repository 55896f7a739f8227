import TraceCrypto
import TraceConsensus

/// A block: its header and its transactions, in execution order.
public struct Block: Hashable, Sendable {
    public static let domain = "crosstrace/block/v1\n"
    /// Largest encoded block (issue 5 item 4 default: 4 MiB).
    public static let bytesMaxDefault = 4 << 20

    public let header: BlockHeader
    public let transactions: [Transaction]

    public init(header: BlockHeader, transactions: [Transaction]) {
        self.header = header
        self.transactions = transactions
    }

    /// The RFC 6962 root over `ids` (leaf = H(0x00 ‖ id)).
    public static func transactionsRoot(_ ids: [TransactionID], hasher: MerkleHasher) -> [UInt8] {
        MerkleTree.root(of: ids.map(\.bytes), hasher: hasher)
    }

    public func transactionIDs(_ algorithm: HashAlgorithm) -> [TransactionID] { transactions.map { $0.id(algorithm) } }

    /// The inclusion proof of transaction `index` against `header.transactionsRoot`.
    public func inclusionProof(index: Int, hasher: MerkleHasher) -> InclusionProof? {
        let leaves = transactionIDs(hasher.algorithm).map { hasher.leafHash($0.bytes) }
        return MerkleTree.inclusionProof(index: index, leafHashes: leaves, hasher: hasher)
    }

    /// Whether `proof` shows transaction `id` in the block of `header`.
    public static func verifyInclusion(of id: TransactionID, proof: InclusionProof, header: BlockHeader,
                                       hasher: MerkleHasher) -> Bool {
        proof.verify(leafHash: hasher.leafHash(id.bytes), root: header.transactionsRoot, hasher: hasher)
    }

    /// Checks what the block says of itself: the transactions root, the
    /// height-1 rules for the previous hash and certificate, and that the
    /// certificate names height − 1.
    public func checkStructure(hasher: MerkleHasher) throws(LedgerError) {
        guard header.height.rawValue >= 1 else {
            throw LedgerError(.invalidField, field: "header.height", rule: "heights start at 1")
        }
        guard Self.transactionsRoot(transactionIDs(hasher.algorithm), hasher: hasher) == header.transactionsRoot else {
            throw LedgerError(.invalidField, field: "header.transactionsRoot", rule: "root over the transaction ids")
        }
        let first = header.height.rawValue == 1
        guard (header.previousBlockHash == nil) == first, (header.lastCommit == nil) == first else {
            throw LedgerError(.invalidField, field: "header.lastCommit", rule: "absent exactly at height 1")
        }
        if let commit = header.lastCommit, commit.height.rawValue + 1 != header.height.rawValue {
            throw LedgerError(.invalidField, field: "header.lastCommit.height", rule: "the previous height")
        }
    }

    public var canonicalBytes: [UInt8] {
        var writer = CanonicalWriter(domain: Self.domain)
        header.encode(into: &writer)
        writer.writeUInt32(UInt32(transactions.count))
        for transaction in transactions { writer.writeBytes(transaction.wireBytes) }
        return writer.bytes
    }

    /// Decodes a block of at most `bytesMax` bytes; every transaction is read
    /// through the wire decoder with `limits` and must be in canonical form, so
    /// a block has exactly one encoding. Never traps on hostile bytes.
    public init(canonicalBytes: [UInt8], bytesMax: Int = bytesMaxDefault,
                limits: TransactionLimits = TransactionLimits()) throws(LedgerError) {
        guard canonicalBytes.count <= bytesMax else {
            throw LedgerError(.tooLarge, field: "block", rule: "at most \(bytesMax) bytes")
        }
        do {
            var reader = try CanonicalReader(canonicalBytes, domain: Self.domain)
            let header = try BlockHeader(from: &reader)
            let count = try reader.readUInt32("block.transactionCount")
            var transactions: [Transaction] = []
            for _ in 0..<count {
                let wire = try reader.readBytes("block.transaction", maxCount: limits.transactionBytesMax)
                let transaction = try Transaction(wireBytes: wire, limits: limits)
                guard transaction.wireBytes == wire else {
                    throw LedgerError(.malformed, field: "block.transaction", rule: "canonical JSON of the wire form")
                }
                transactions.append(transaction)
            }
            try reader.finish()
            self.init(header: header, transactions: transactions)
            guard self.canonicalBytes == canonicalBytes else {
                throw LedgerError(.malformed, field: "block", rule: "not the canonical encoding (e.g. unsorted precommits)")
            }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.malformed, field: "block", rule: "\(error)")
        }
    }
}
