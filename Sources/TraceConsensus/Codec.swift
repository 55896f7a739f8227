import TraceCrypto

/// Canonical binary encodings of consensus objects (WAL records, block ids).
extension CanonicalWriter {
    public mutating func writeOptionalBlockID(_ id: BlockID?) {
        writeBool(id != nil)
        if let id { writeBytes(id.hash) }
    }

    public mutating func writeSignature(_ signature: Signature) {
        writeString(signature.algorithm.rawValue)
        writeBytes(signature.rawBytes)
    }

    public mutating func writePublicKey(_ key: PublicKey) {
        writeString(key.algorithm.rawValue)
        writeBytes(key.rawBytes)
    }
}

extension CanonicalReader {
    public mutating func readOptionalBlockID() throws -> BlockID? {
        guard try readBool("blockID.present") else { return nil }
        return BlockID(hash: try readBytes("blockID", maxCount: BlockID.bytesMax))
    }

    public mutating func readSignature() throws -> Signature {
        let algorithm = try readAlgorithm("signature.algorithm")
        return Signature(algorithm: algorithm, rawBytes: try readBytes("signature", maxCount: 256))
    }

    public mutating func readPublicKey() throws -> PublicKey {
        let algorithm = try readAlgorithm("publicKey.algorithm")
        return PublicKey(algorithm: algorithm, rawBytes: try readBytes("publicKey", maxCount: 256))
    }

    private mutating func readAlgorithm(_ field: String) throws -> SignatureAlgorithm {
        let name = try readString(field, maxCount: 16)
        guard let algorithm = SignatureAlgorithm(rawValue: name) else {
            throw ConsensusDecodingError(code: .unknownAlgorithm, field: field)
        }
        return algorithm
    }
}

extension Vote {
    public func encode(into writer: inout CanonicalWriter) {
        writer.writeUInt8(type.rawValue)
        writer.writeUInt64(height.rawValue)
        writer.writeUInt32(round.rawValue)
        writer.writeOptionalBlockID(blockID)
        writer.writeUInt32(UInt32(validatorIndex))
        writer.writeInt64(time)
        writer.writeSignature(signature)
    }

    public init(from reader: inout CanonicalReader) throws {
        let rawType = try reader.readUInt8("vote.type")
        guard let type = VoteType(rawValue: rawType) else {
            throw ConsensusDecodingError(code: .invalidTag, field: "vote.type")
        }
        self.init(type: type, height: Height(try reader.readUInt64("vote.height")),
                  round: Round(try reader.readUInt32("vote.round")), blockID: try reader.readOptionalBlockID(),
                  validatorIndex: Int(try reader.readUInt32("vote.validatorIndex")),
                  time: try reader.readInt64("vote.time"), signature: try reader.readSignature())
    }
}

extension CommitCertificate {
    public func encode(into writer: inout CanonicalWriter) {
        writer.writeUInt64(height.rawValue)
        writer.writeUInt32(round.rawValue)
        writer.writeBytes(blockID.hash)
        writer.writeUInt32(UInt32(precommits.count))
        for vote in precommits { vote.encode(into: &writer) }
    }

    public init(from reader: inout CanonicalReader) throws {
        let height = Height(try reader.readUInt64("certificate.height"))
        let round = Round(try reader.readUInt32("certificate.round"))
        let blockID = BlockID(hash: try reader.readBytes("certificate.blockID", maxCount: BlockID.bytesMax))
        let count = Int(try reader.readUInt32("certificate.count"))
        guard count <= ValidatorSet.countMax else {
            throw ConsensusDecodingError(code: .lengthTooLarge, field: "certificate.count")
        }
        var votes: [Vote] = []
        for _ in 0..<count { votes.append(try Vote(from: &reader)) }
        self.init(height: height, round: round, blockID: blockID, precommits: votes)
    }
}

extension ConsensusBlock {
    public func encode(into writer: inout CanonicalWriter) {
        Self.writeFields(height, time, previousBlockID, lastCommit, payload, into: &writer)
        identity.encode(into: &writer)
    }

    public init(from reader: inout CanonicalReader) throws {
        let height = Height(try reader.readUInt64("block.height"))
        let time = try reader.readInt64("block.time")
        let previous = try reader.readOptionalBlockID()
        let commit = try reader.readBool("block.lastCommit.present") ? try CommitCertificate(from: &reader) : nil
        let payload = try reader.readBytes("block.payload", maxCount: 1 << 24)
        self.init(height: height, time: time, previousBlockID: previous, lastCommit: commit, payload: payload,
                  identity: try BlockIdentity(from: &reader))
    }
}

extension BlockIdentity {
    public func encode(into writer: inout CanonicalWriter) {
        switch self {
        case .fields: writer.writeUInt8(0)
        case .payloadHeader(let algorithm):
            writer.writeUInt8(1)
            writer.writeString(algorithm.rawValue)
        }
    }

    public init(from reader: inout CanonicalReader) throws {
        switch try reader.readUInt8("identity.kind") {
        case 0: self = .fields
        case 1:
            guard let algorithm = HashAlgorithm(rawValue: try reader.readString("identity.hash", maxCount: 16)) else {
                throw ConsensusDecodingError(code: .unknownAlgorithm, field: "identity.hash")
            }
            self = .payloadHeader(algorithm)
        default: throw ConsensusDecodingError(code: .invalidTag, field: "identity.kind")
        }
    }
}

extension Proposal {
    public func encode(into writer: inout CanonicalWriter) {
        writer.writeUInt64(height.rawValue)
        writer.writeUInt32(round.rawValue)
        block.encode(into: &writer)
        writer.writeInt64(validRound.map { Int64($0.rawValue) } ?? -1)
        writer.writeUInt32(UInt32(proposerIndex))
        writer.writeSignature(signature)
    }

    public init(from reader: inout CanonicalReader) throws {
        let height = Height(try reader.readUInt64("proposal.height"))
        let round = Round(try reader.readUInt32("proposal.round"))
        let block = try ConsensusBlock(from: &reader)
        let rawValidRound = try reader.readInt64("proposal.validRound")
        guard rawValidRound >= -1, rawValidRound <= Int64(UInt32.max) else {
            throw ConsensusDecodingError(code: .lengthTooLarge, field: "proposal.validRound")
        }
        self.init(height: height, round: round, block: block,
                  validRound: rawValidRound < 0 ? nil : Round(UInt32(rawValidRound)),
                  proposerIndex: Int(try reader.readUInt32("proposal.proposerIndex")),
                  signature: try reader.readSignature())
    }
}

extension SignedMessage {
    public func encode(into writer: inout CanonicalWriter) {
        switch self {
        case .proposal(let proposal):
            writer.writeUInt8(1)
            proposal.encode(into: &writer)
        case .vote(let vote):
            writer.writeUInt8(2)
            vote.encode(into: &writer)
        }
    }

    public init(from reader: inout CanonicalReader) throws {
        switch try reader.readUInt8("message.kind") {
        case 1: self = .proposal(try Proposal(from: &reader))
        case 2: self = .vote(try Vote(from: &reader))
        default: throw ConsensusDecodingError(code: .invalidTag, field: "message.kind")
        }
    }
}

/// Why a consensus record could not be decoded (beyond the canonical reader's
/// own errors). Equality is on `code` only.
public struct ConsensusDecodingError: Error, Hashable, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable { case invalidTag, lengthTooLarge, unknownAlgorithm }
    public let code: Code
    public let field: String
    public var description: String { "consensus decoding: \(code.rawValue) at field '\(field)'" }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
