import TraceConsensus
import TraceCrypto

/// The canonical binary form (docs/proofs.md): domain
/// `crosstrace/proof-bundle/v1\n`, chain (string), genesis hash (bytes),
/// anchor height (u64); u32 header count, each the header's canonical bytes
/// (bytes) then its certificate inline; u32 entry count, each key (bytes),
/// present (bool), value (bytes, when present), state proof bytes (bytes);
/// u32 transaction count, each height (u64), index (u32), wire bytes
/// (bytes), inclusion proof bytes (bytes).
extension ProofBundle {
    static let hashBytesMax = 64
    static let proofBytesMax = 64 * 1_024
    static let headerBytesMax = 1 << 20

    public var canonicalBytes: [UInt8] {
        var writer = CanonicalWriter(domain: Self.domain)
        writer.writeString(chain)
        writer.writeBytes(genesisHash)
        writer.writeUInt64(anchorHeight)
        writer.writeUInt32(UInt32(headers.count))
        for certified in headers {
            writer.writeBytes(certified.header.canonicalBytes)
            certified.certificate.encode(into: &writer)
        }
        writer.writeUInt32(UInt32(entries.count))
        for entry in entries {
            writer.writeBytes(entry.key)
            writer.writeBool(entry.value != nil)
            if let value = entry.value { writer.writeBytes(value) }
            writer.writeBytes(entry.proof.canonicalBytes)
        }
        writer.writeUInt32(UInt32(transactions.count))
        for transaction in transactions {
            writer.writeUInt64(transaction.height)
            writer.writeUInt32(transaction.index)
            writer.writeBytes(transaction.wireBytes)
            writer.writeBytes(transaction.proof.canonicalBytes)
        }
        return writer.bytes
    }

    /// Decodes the binary form; every count and length is bounded, the
    /// bytes must be the canonical encoding of what they decode to, and
    /// nothing traps on hostile input.
    public init(canonicalBytes bytes: [UInt8]) throws(ProofError) {
        guard bytes.count <= Self.bytesMax else {
            throw ProofError(.tooLarge, field: "bundle", rule: "at most \(Self.bytesMax) bytes")
        }
        do {
            var reader = try CanonicalReader(bytes, domain: Self.domain)
            let chain = try reader.readString("chain", maxCount: TransactionRules.nameBytesMax)
            let genesisHash = try reader.readBytes("genesisHash", maxCount: Self.hashBytesMax)
            let anchorHeight = try reader.readUInt64("anchorHeight")
            let headers = try Self.readList(&reader, "headers", Self.headersMax, Self.readHeader)
            let entries = try Self.readList(&reader, "entries", Self.entriesMax, Self.readEntry)
            let transactions = try Self.readList(&reader, "transactions", Self.transactionsMax, Self.readTransaction)
            try reader.finish()
            self.init(chain: chain, genesisHash: genesisHash, anchorHeight: anchorHeight, headers: headers,
                      entries: entries, transactions: transactions)
        } catch let error as ProofError {
            throw error
        } catch {
            throw ProofError(.malformed, field: "bundle", rule: "\(error)")
        }
        guard canonicalBytes == bytes else {
            throw ProofError(.malformed, field: "bundle", rule: "not the canonical encoding (e.g. unsorted precommits)")
        }
    }

    private static func readList<T>(_ reader: inout CanonicalReader, _ field: String, _ countMax: Int,
                                    _ element: (inout CanonicalReader, String) throws -> T) throws -> [T] {
        let count = Int(try reader.readUInt32(field + ".count"))
        guard count <= countMax else { throw ProofError(.tooLarge, field: field, rule: "at most \(countMax) items") }
        var items: [T] = []
        for index in 0..<count { items.append(try element(&reader, "\(field)[\(index)]")) }
        return items
    }

    private static func readHeader(_ reader: inout CanonicalReader, _ field: String) throws -> CertifiedHeader {
        let headerBytes = try reader.readBytes(field + ".header", maxCount: headerBytesMax)
        let header: BlockHeader
        do { header = try BlockHeader(canonicalBytes: headerBytes) } catch {
            throw ProofError(.malformed, field: field + ".header", rule: error.rule)
        }
        return CertifiedHeader(header: header, certificate: try CommitCertificate(from: &reader))
    }

    private static func readEntry(_ reader: inout CanonicalReader, _ field: String) throws -> ProvenStateEntry {
        let key = try reader.readBytes(field + ".key", maxCount: keyBytesMax)
        let value = try reader.readBool(field + ".present") ? try reader.readBytes(field + ".value", maxCount: valueBytesMax) : nil
        let proofBytes = try reader.readBytes(field + ".proof", maxCount: proofBytesMax)
        do { return ProvenStateEntry(key: key, value: value, proof: try StateProof(canonicalBytes: proofBytes)) } catch {
            throw ProofError(.malformed, field: field + ".proof", rule: error.rule)
        }
    }

    private static func readTransaction(_ reader: inout CanonicalReader, _ field: String) throws -> ProvenTransaction {
        let height = try reader.readUInt64(field + ".height")
        let index = try reader.readUInt32(field + ".index")
        let wire = try reader.readBytes(field + ".transaction", maxCount: TransactionLimits().transactionBytesMax)
        let proofBytes = try reader.readBytes(field + ".proof", maxCount: proofBytesMax)
        do {
            return ProvenTransaction(height: height, index: index, wireBytes: wire, proof: try InclusionProof(canonicalBytes: proofBytes))
        } catch {
            throw ProofError(.malformed, field: field + ".proof", rule: "\(error)")
        }
    }
}
