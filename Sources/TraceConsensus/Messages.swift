import TraceCrypto

/// Milliseconds since the Unix epoch (BFT time, R-5.3.2).
public typealias Timestamp = Int64

/// A block's identity: the hash of its canonical encoding. Opaque to consensus.
public struct BlockID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let bytesMax = 64
    public let hash: [UInt8]
    public init(hash: [UInt8]) { self.hash = hash }
    public static func < (lhs: BlockID, rhs: BlockID) -> Bool { lhs.hash.lexicographicallyPrecedes(rhs.hash) }
    public var description: String { hash.prefix(6).map { String($0, radix: 16).leftPadded(2) }.joined() }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// The two voting steps of a round.
public enum VoteType: UInt8, Sendable, Hashable, Comparable {
    case prevote = 1
    case precommit = 2
    public static func < (lhs: VoteType, rhs: VoteType) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A signed prevote or precommit; `blockID == nil` is a vote for nil.
public struct Vote: Hashable, Sendable {
    public static let domain = "crosstrace/vote/v1\n"
    public let type: VoteType
    public let height: Height
    public let round: Round
    public let blockID: BlockID?
    public let validatorIndex: Int
    public let time: Timestamp
    public let signature: Signature

    public init(type: VoteType, height: Height, round: Round, blockID: BlockID?, validatorIndex: Int,
                time: Timestamp, signature: Signature) {
        self.type = type
        self.height = height
        self.round = round
        self.blockID = blockID
        self.validatorIndex = validatorIndex
        self.time = time
        self.signature = signature
    }

    /// The bytes the validator signs: every field but the signature.
    public static func signBytes(type: VoteType, height: Height, round: Round, blockID: BlockID?,
                                 validatorIndex: Int, time: Timestamp) -> [UInt8] {
        var writer = CanonicalWriter(domain: domain)
        writer.writeUInt8(type.rawValue)
        writer.writeUInt64(height.rawValue)
        writer.writeUInt32(round.rawValue)
        writer.writeOptionalBlockID(blockID)
        writer.writeUInt32(UInt32(validatorIndex))
        writer.writeInt64(time)
        return writer.bytes
    }

    public var signBytes: [UInt8] {
        Self.signBytes(type: type, height: height, round: round, blockID: blockID, validatorIndex: validatorIndex, time: time)
    }
}

/// A signed proposal of `block` for (height, round); `validRound` is the
/// proof-of-lock round (−1 in the paper, `nil` here).
public struct Proposal: Hashable, Sendable {
    public static let domain = "crosstrace/proposal/v1\n"
    public let height: Height
    public let round: Round
    public let block: ConsensusBlock
    public let validRound: Round?
    public let proposerIndex: Int
    public let signature: Signature

    public init(height: Height, round: Round, block: ConsensusBlock, validRound: Round?, proposerIndex: Int,
                signature: Signature) {
        self.height = height
        self.round = round
        self.block = block
        self.validRound = validRound
        self.proposerIndex = proposerIndex
        self.signature = signature
    }

    /// The bytes the proposer signs: the block enters through its id only.
    public static func signBytes(height: Height, round: Round, blockID: BlockID, validRound: Round?,
                                 proposerIndex: Int) -> [UInt8] {
        var writer = CanonicalWriter(domain: domain)
        writer.writeUInt64(height.rawValue)
        writer.writeUInt32(round.rawValue)
        writer.writeBytes(blockID.hash)
        writer.writeInt64(validRound.map { Int64($0.rawValue) } ?? -1)
        writer.writeUInt32(UInt32(proposerIndex))
        return writer.bytes
    }

    public var signBytes: [UInt8] {
        Self.signBytes(height: height, round: round, blockID: block.id, validRound: validRound, proposerIndex: proposerIndex)
    }
}

/// A message a validator signs and sends.
public enum SignedMessage: Hashable, Sendable {
    case proposal(Proposal)
    case vote(Vote)

    public var height: Height {
        switch self {
        case .proposal(let proposal): return proposal.height
        case .vote(let vote): return vote.height
        }
    }

    public var signerIndex: Int {
        switch self {
        case .proposal(let proposal): return proposal.proposerIndex
        case .vote(let vote): return vote.validatorIndex
        }
    }
}
