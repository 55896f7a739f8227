import TraceCrypto

/// How a block's id is computed. Fixed per chain: a height's `HeightStart`
/// names it and consensus refuses a block that uses another.
public enum BlockIdentity: Hashable, Sendable {
    /// SHA-256 of every field under `ConsensusBlock.domain` (payload-agnostic).
    case fields
    /// The application's header hash: the payload starts with a u32 big-endian
    /// length `n`, then `n` header bytes that commit to the rest; the id is
    /// `algorithm` (the chain profile's hash) over those `n` bytes. The ledger
    /// uses it so the block id is the ledger block hash.
    case payloadHeader(HashAlgorithm)

    /// The header bytes of `payload` under `.payloadHeader` (all of it after
    /// the prefix when the length overruns: such a block fails validation).
    public static func header(of payload: [UInt8]) -> ArraySlice<UInt8> {
        guard payload.count >= 4 else { return payload[payload.endIndex...] }
        let length = payload[0..<4].reduce(0) { ($0 << 8) | Int($1) }
        return payload[4..<min(payload.count, 4 + length)]
    }
}

/// What consensus knows of a block: its place in the chain, its BFT time, the
/// commit certificate for the previous height it carries, and the
/// application's payload (opaque bytes). Its id is computed as `identity` says.
public struct ConsensusBlock: Hashable, Sendable {
    public static let domain = "crosstrace/consensus-block/v1\n"
    public let height: Height
    public let time: Timestamp
    public let previousBlockID: BlockID?
    public let lastCommit: CommitCertificate?
    public let payload: [UInt8]
    public let identity: BlockIdentity
    public let id: BlockID

    public init(height: Height, time: Timestamp, previousBlockID: BlockID?, lastCommit: CommitCertificate?,
                payload: [UInt8], identity: BlockIdentity = .fields) {
        self.height = height
        self.time = time
        self.previousBlockID = previousBlockID
        self.lastCommit = lastCommit
        self.payload = payload
        self.identity = identity
        switch identity {
        case .fields:
            var writer = CanonicalWriter(domain: Self.domain)
            Self.writeFields(height, time, previousBlockID, lastCommit, payload, into: &writer)
            self.id = BlockID(hash: HashAlgorithm.sha256.hash(writer.bytes))
        case .payloadHeader(let algorithm):
            self.id = BlockID(hash: algorithm.hash(Array(BlockIdentity.header(of: payload))))
        }
    }

    /// The canonical encoding of every field (under `.fields` the id is the SHA-256 of it under `domain`).
    static func writeFields(_ height: Height, _ time: Timestamp, _ previousBlockID: BlockID?,
                            _ lastCommit: CommitCertificate?, _ payload: [UInt8], into writer: inout CanonicalWriter) {
        writer.writeUInt64(height.rawValue)
        writer.writeInt64(time)
        writer.writeOptionalBlockID(previousBlockID)
        writer.writeBool(lastCommit != nil)
        if let lastCommit { lastCommit.encode(into: &writer) }
        writer.writeBytes(payload)
    }
}

/// More than 2/3 of the voting power precommitted `blockID` at (height, round).
/// Precommits are sorted by validator index, one per validator.
public struct CommitCertificate: Hashable, Sendable {
    public let height: Height
    public let round: Round
    public let blockID: BlockID
    public let precommits: [Vote]

    public init(height: Height, round: Round, blockID: BlockID, precommits: [Vote]) {
        self.height = height
        self.round = round
        self.blockID = blockID
        self.precommits = precommits.sorted { $0.validatorIndex < $1.validatorIndex }
    }

    /// Whether this certificate proves a decision under `validators`: every
    /// precommit is for this (height, round, block), signed by a distinct
    /// validator, and together they hold more than 2/3 of the power.
    public func verify(_ validators: ValidatorSet, verifier: any SignatureVerifier) -> Bool {
        var power: UInt64 = 0
        var previousIndex = -1
        for vote in precommits {
            guard vote.type == .precommit, vote.height == height, vote.round == round, vote.blockID == blockID,
                  vote.validatorIndex > previousIndex, vote.validatorIndex < validators.count else { return false }
            let key = validators.validators[vote.validatorIndex].publicKey
            guard verifier.isValid(vote.signature, key: key, message: vote.signBytes) else { return false }
            previousIndex = vote.validatorIndex
            power += validators.power(of: vote.validatorIndex)
        }
        return validators.isQuorum(power)
    }

    /// BFT time: the power-weighted median of the precommit times,
    /// the earliest time by which more than half of the certificate's power has voted.
    public func medianTime(_ validators: ValidatorSet) -> Timestamp {
        let weighted = precommits
            .filter { $0.validatorIndex < validators.count }
            .map { (time: $0.time, power: validators.power(of: $0.validatorIndex)) }
            .sorted { $0.time < $1.time }
        let total = weighted.reduce(UInt64(0)) { $0 + $1.power }
        var running: UInt64 = 0
        for entry in weighted {
            running += entry.power
            if 2 * running > total { return entry.time }
        }
        return weighted.last?.time ?? 0
    }
}

/// Checks signatures; the simulator injects a caching one.
public protocol SignatureVerifier: Sendable {
    func isValid(_ signature: Signature, key: PublicKey, message: [UInt8]) -> Bool
}

/// Verifies every signature with the key's own scheme.
public struct DirectVerifier: SignatureVerifier {
    public init() {}
    public func isValid(_ signature: Signature, key: PublicKey, message: [UInt8]) -> Bool {
        key.isValidSignature(signature, for: message)
    }
}
