import TraceCrypto
import TraceConsensus

/// The simulated application: a block's payload is a sorted list of
/// transaction ids (8 bytes each, big-endian), at most `transactionsMax`.
enum SimApplication {
    static let transactionsMax = 4

    static func payload(_ transactions: [UInt64]) -> [UInt8] {
        transactions.flatMap { id in (0..<8).reversed().map { UInt8(truncatingIfNeeded: id >> UInt64($0 * 8)) } }
    }

    static func transactions(_ payload: [UInt8]) -> [UInt64]? {
        guard payload.count % 8 == 0, payload.count / 8 <= transactionsMax else { return nil }
        return stride(from: 0, to: payload.count, by: 8).map { start in
            payload[start..<(start + 8)].reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
        }
    }

    /// valid(v): the payload decodes, is strictly increasing and repeats no committed transaction.
    static func isValid(_ payload: [UInt8], committed: Set<UInt64>) -> Bool {
        guard let ids = transactions(payload) else { return false }
        for index in ids.indices where index > 0 && ids[index - 1] >= ids[index] { return false }
        return ids.allSatisfy { !committed.contains($0) }
    }
}

/// One decided block as the block store keeps it.
struct StoredDecision: Hashable {
    static let domain = "crosstrace/sim-decision/v1\n"
    let block: ConsensusBlock
    let certificate: CommitCertificate

    func encoded() -> [UInt8] {
        var writer = CanonicalWriter(domain: Self.domain)
        block.encode(into: &writer)
        certificate.encode(into: &writer)
        return writer.bytes
    }

    init(block: ConsensusBlock, certificate: CommitCertificate) {
        self.block = block
        self.certificate = certificate
    }

    init(decoding bytes: [UInt8]) throws {
        var reader = try CanonicalReader(bytes, domain: Self.domain)
        block = try ConsensusBlock(from: &reader)
        certificate = try CommitCertificate(from: &reader)
        try reader.finish()
    }
}
