import TraceCrypto
import TraceConsensus

/// A ledger block as consensus carries it (`BlockIdentity.payloadHeader`):
/// u32 big-endian header length, the header's canonical bytes, then the body
/// (transaction count and each transaction's wire bytes). The consensus block
/// id is then the profile hash of the header — the ledger block hash.
extension Block {
    static let bodyDomain = "crosstrace/block-body/v1\n"

    public var consensusPayload: [UInt8] {
        let header = header.canonicalBytes
        var body = CanonicalWriter(domain: Self.bodyDomain)
        body.writeUInt32(UInt32(transactions.count))
        for transaction in transactions { body.writeBytes(transaction.wireBytes) }
        let length = UInt32(header.count)
        return [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: length >> $0) } + header + body.bytes
    }

    /// The consensus block of this ledger block on a chain hashing with `algorithm`.
    public func consensusBlock(_ algorithm: HashAlgorithm) -> ConsensusBlock {
        ConsensusBlock(height: header.height, time: header.time,
                       previousBlockID: header.previousBlockHash.map { BlockID(hash: $0) },
                       lastCommit: header.lastCommit, payload: consensusPayload, identity: .payloadHeader(algorithm))
    }

    /// Decodes a consensus payload; each part must be canonical, so a block
    /// has one payload. Never traps on hostile bytes. `known` answers a
    /// transaction already decoded (the mempool's) for its exact canonical
    /// wire bytes; it is taken as it is.
    public init(consensusPayload payload: [UInt8], bytesMax: Int = bytesMaxDefault,
                limits: TransactionLimits = TransactionLimits(),
                known: ([UInt8]) -> Transaction? = { _ in nil }) throws(LedgerError) {
        guard payload.count <= bytesMax else {
            throw LedgerError(.tooLarge, field: "block", rule: "at most \(bytesMax) bytes")
        }
        let declared = payload.prefix(4).reduce(0) { ($0 << 8) | Int($1) }
        guard payload.count >= 4, declared <= payload.count - 4 else {
            throw LedgerError(.malformed, field: "block.payload", rule: "u32 header length, header, body")
        }
        let headerBytes = payload[4..<(4 + declared)]
        let header = try BlockHeader(canonicalBytes: Array(headerBytes))
        do {
            var reader = try CanonicalReader(Array(payload[headerBytes.endIndex...]), domain: Self.bodyDomain)
            let count = try reader.readUInt32("block.transactionCount")
            var transactions: [Transaction] = []
            for _ in 0..<count {
                let wire = try reader.readBytes("block.transaction", maxCount: limits.transactionBytesMax)
                if let waiting = known(wire), waiting.wireBytes == wire {
                    transactions.append(waiting)
                    continue
                }
                let transaction = try Transaction(wireBytes: wire, limits: limits)
                guard transaction.wireBytes == wire else {
                    throw LedgerError(.malformed, field: "block.transaction", rule: "canonical JSON of the wire form")
                }
                transactions.append(transaction)
            }
            try reader.finish()
            self.init(header: header, transactions: transactions)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.malformed, field: "block.body", rule: "\(error)")
        }
        guard consensusPayload == payload else {
            throw LedgerError(.malformed, field: "block.payload", rule: "not the canonical encoding")
        }
    }

    /// Whether `block` carries exactly this ledger block: same height, time,
    /// link, certificate and identity (the payload alone fixes the id).
    public func matches(_ block: ConsensusBlock, _ algorithm: HashAlgorithm) -> Bool {
        consensusBlock(algorithm) == block
    }
}
