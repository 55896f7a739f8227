import TraceConsensus
import TraceCrypto
import TraceLedger

/// How a chain runtime's messages travel in transport envelopes (issue 5
/// item 4): one envelope kind per hosted chain per message type, the body the
/// canonical binary encoding of the consensus objects (TraceConsensus/Codec),
/// under its own domain tag. Kinds 16 + 8·chainIndex + type, type 0–6.
/// Every list is bounded before anything is allocated for it.
public enum RuntimeEnvelope {
    public static let domain = "crosstrace/runtime-message/v1\n"
    public static let kindBase: UInt8 = 16
    /// Types per chain (kinds reserved per chain).
    public static let typesPerChain: UInt8 = 8
    /// Chains one node hosts at most (`NodeConfig.chainsMax`).
    public static let chainsMax = NodeConfig.chainsMax

    /// The envelope carrying `message` of the chain at `chainIndex` (0..<chainsMax).
    public static func encode(_ message: RuntimeMessage, chainIndex: Int) -> Envelope {
        var writer = CanonicalWriter(domain: domain)
        let type: UInt8
        switch message {
        case .consensus(let signed):
            type = 0
            signed.encode(into: &writer)
        case .requestBlock(let height, let round, let id):
            type = 1
            writer.writeUInt64(height.rawValue)
            writer.writeUInt32(round.rawValue)
            writer.writeBytes(id.hash)
        case .requestDecision(let height):
            type = 2
            writer.writeUInt64(height.rawValue)
        case .decision(let block, let certificate):
            type = 3
            block.encode(into: &writer)
            certificate.encode(into: &writer)
        case .transactions(let transactions):
            type = 4
            writer.writeUInt32(UInt32(transactions.count))
            for transaction in transactions { writer.writeBytes(transaction.wireBytes) }
        case .requestDecisions(let height, let count):
            type = 5
            writer.writeUInt64(height.rawValue)
            writer.writeUInt32(UInt32(clamping: count))
        case .decisions(let decisions):
            type = 6
            writer.writeUInt32(UInt32(decisions.count))
            for decision in decisions {
                decision.block.encode(into: &writer)
                decision.certificate.encode(into: &writer)
            }
        }
        return Envelope(kind: kindBase + UInt8(chainIndex) * typesPerChain + type, body: writer.bytes)
    }

    /// The chain index an envelope kind names, or nil when the kind is not a runtime message's.
    public static func chainIndex(ofKind kind: UInt8) -> Int? {
        guard kind >= kindBase else { return nil }
        let index = Int(kind - kindBase) / Int(typesPerChain)
        return index < chainsMax ? index : nil
    }

    /// Decodes an envelope's body; any malformed body is an error, never a trap.
    public static func decode(_ envelope: Envelope) throws(RuntimeEnvelopeError) -> (chainIndex: Int, message: RuntimeMessage) {
        guard let chainIndex = chainIndex(ofKind: envelope.kind), (envelope.kind - kindBase) % typesPerChain <= 6 else {
            throw RuntimeEnvelopeError(.unknownKind, field: "kind", rule: "kind \(envelope.kind) is not a runtime message")
        }
        do {
            return (chainIndex, try body(envelope))
        } catch {
            throw RuntimeEnvelopeError(.malformed, field: "body", rule: "does not decode: \(error)")
        }
    }

    private static func body(_ envelope: Envelope) throws -> RuntimeMessage {
        var reader = try CanonicalReader(envelope.body, domain: domain)
        let message: RuntimeMessage
        switch (envelope.kind - kindBase) % typesPerChain {
        case 0:
            message = .consensus(try SignedMessage(from: &reader))
        case 1:
            let height = Height(try reader.readUInt64("requestBlock.height"))
            let round = Round(try reader.readUInt32("requestBlock.round"))
            message = .requestBlock(height, round, BlockID(hash: try reader.readBytes("requestBlock.id", maxCount: BlockID.bytesMax)))
        case 2:
            message = .requestDecision(Height(try reader.readUInt64("requestDecision.height")))
        case 3:
            let block = try ConsensusBlock(from: &reader)
            message = .decision(block, try CommitCertificate(from: &reader))
        case 4:
            message = .transactions(try transactions(&reader))
        case 5:
            let height = Height(try reader.readUInt64("requestDecisions.height"))
            let count = try reader.readUInt32("requestDecisions.count")
            guard (1...UInt32(RuntimeMessage.decisionsMax)).contains(count) else {
                throw RuntimeEnvelopeError(.malformed, field: "requestDecisions.count", rule: "1...\(RuntimeMessage.decisionsMax)")
            }
            message = .requestDecisions(height, count: Int(count))
        default:
            message = .decisions(try decisions(&reader))
        }
        try reader.finish()
        return message
    }

    private static func transactions(_ reader: inout CanonicalReader) throws -> [Transaction] {
        let count = try reader.readUInt32("transactions.count")
        guard (1...UInt32(RuntimeMessage.transactionsMax)).contains(count) else {
            throw RuntimeEnvelopeError(.malformed, field: "transactions.count", rule: "1...\(RuntimeMessage.transactionsMax)")
        }
        let limits = TransactionLimits()
        return try (0..<count).map { _ in
            try Transaction(wireBytes: try reader.readBytes("transactions.item", maxCount: limits.transactionBytesMax),
                            limits: limits)
        }
    }

    private static func decisions(_ reader: inout CanonicalReader) throws -> [PreviousBlock] {
        let count = try reader.readUInt32("decisions.count")
        guard (1...UInt32(RuntimeMessage.decisionsMax)).contains(count) else {
            throw RuntimeEnvelopeError(.malformed, field: "decisions.count", rule: "1...\(RuntimeMessage.decisionsMax)")
        }
        return try (0..<count).map { _ in
            let block = try ConsensusBlock(from: &reader)
            return PreviousBlock(block: block, certificate: try CommitCertificate(from: &reader))
        }
    }
}

/// A peer's envelope that is not a well-formed runtime message; `==` compares the code only.
public struct RuntimeEnvelopeError: Error, Hashable, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case unknownKind
        case malformed
    }
    public let code: Code
    public let field: String
    public let rule: String
    public init(_ code: Code, field: String, rule: String) {
        self.code = code
        self.field = field
        self.rule = rule
    }
    public var description: String { "runtime envelope: \(code.rawValue) in '\(field)': \(rule)" }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
