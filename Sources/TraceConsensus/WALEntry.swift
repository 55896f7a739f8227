import TraceCrypto

/// One record of the consensus write-ahead log: an input the state machine
/// took (with the local time it came with), or a message the node signed.
/// Replaying the inputs of the current height through a fresh state machine
/// rebuilds its round state and locks; the node's own messages feed the
/// signer guard so the replay signs nothing new.
public enum ConsensusWALEntry: Hashable, Sendable {
    public static let domain = "crosstrace/consensus-wal/v1\n"
    case input(Event, localTime: Timestamp)
    case own(SignedMessage)

    public func encoded() -> [UInt8] {
        var writer = CanonicalWriter(domain: Self.domain)
        switch self {
        case .input(let event, let localTime):
            writer.writeUInt8(1)
            writer.writeInt64(localTime)
            event.encode(into: &writer)
        case .own(let message):
            writer.writeUInt8(2)
            message.encode(into: &writer)
        }
        return writer.bytes
    }

    public init(decoding bytes: [UInt8]) throws {
        var reader = try CanonicalReader(bytes, domain: Self.domain)
        switch try reader.readUInt8("entry.kind") {
        case 1:
            let time = try reader.readInt64("entry.localTime")
            self = .input(try Event(from: &reader), localTime: time)
        case 2: self = .own(try SignedMessage(from: &reader))
        default: throw ConsensusDecodingError(code: .invalidTag, field: "entry.kind")
        }
        try reader.finish()
    }
}

extension Event {
    func encode(into writer: inout CanonicalWriter) {
        switch self {
        case .startHeight(let start):
            writer.writeUInt8(1)
            start.encode(into: &writer)
        case .proposal(let proposal):
            writer.writeUInt8(2)
            proposal.encode(into: &writer)
        case .vote(let vote):
            writer.writeUInt8(3)
            vote.encode(into: &writer)
        case .timeout(let timeout):
            writer.writeUInt8(4)
            writer.writeUInt64(timeout.height.rawValue)
            writer.writeUInt32(timeout.round.rawValue)
            writer.writeUInt8(timeout.step.rawValue)
        case .blockValidated(let id, let valid):
            writer.writeUInt8(5)
            writer.writeBytes(id.hash)
            writer.writeBool(valid)
        case .decisionReceived(let block, let certificate):
            writer.writeUInt8(6)
            block.encode(into: &writer)
            certificate.encode(into: &writer)
        case .tick:
            writer.writeUInt8(7)
        case .updatePayload(let height, let payload):
            writer.writeUInt8(8)
            writer.writeUInt64(height.rawValue)
            writer.writeBytes(payload)
        }
    }

    init(from reader: inout CanonicalReader) throws {
        switch try reader.readUInt8("event.kind") {
        case 1: self = .startHeight(try HeightStart(from: &reader))
        case 2: self = .proposal(try Proposal(from: &reader))
        case 3: self = .vote(try Vote(from: &reader))
        case 4:
            let height = Height(try reader.readUInt64("timeout.height"))
            let round = Round(try reader.readUInt32("timeout.round"))
            guard let step = TimeoutStep(rawValue: try reader.readUInt8("timeout.step")) else {
                throw ConsensusDecodingError(code: .invalidTag, field: "timeout.step")
            }
            self = .timeout(Timeout(height: height, round: round, step: step))
        case 5:
            let id = BlockID(hash: try reader.readBytes("validated.blockID", maxCount: BlockID.bytesMax))
            self = .blockValidated(id, valid: try reader.readBool("validated.valid"))
        case 6: self = .decisionReceived(try ConsensusBlock(from: &reader), try CommitCertificate(from: &reader))
        case 7: self = .tick
        case 8:
            let height = Height(try reader.readUInt64("update.height"))
            self = .updatePayload(height, try reader.readBytes("update.payload", maxCount: 1 << 24))
        default: throw ConsensusDecodingError(code: .invalidTag, field: "event.kind")
        }
    }
}

extension HeightStart {
    func encode(into writer: inout CanonicalWriter) {
        writer.writeUInt64(height.rawValue)
        writer.writeUInt32(UInt32(validators.count))
        for validator in validators.validators {
            writer.writePublicKey(validator.publicKey)
            writer.writeUInt64(validator.power.rawValue)
        }
        writer.writeBool(previous != nil)
        if let previous {
            previous.block.encode(into: &writer)
            previous.certificate.encode(into: &writer)
        }
        writer.writeInt64(genesisTime)
        writer.writeBytes(payload)
        identity.encode(into: &writer)
    }

    init(from reader: inout CanonicalReader) throws {
        let height = Height(try reader.readUInt64("start.height"))
        let count = Int(try reader.readUInt32("start.validators"))
        guard count <= ValidatorSet.countMax else {
            throw ConsensusDecodingError(code: .lengthTooLarge, field: "start.validators")
        }
        var validators: [Validator] = []
        for _ in 0..<count {
            let key = try reader.readPublicKey()
            validators.append(Validator(publicKey: key, power: VotingPower(try reader.readUInt64("start.power"))))
        }
        guard let set = try? ValidatorSet(validators) else {
            throw ConsensusDecodingError(code: .lengthTooLarge, field: "start.validators")
        }
        var previous: PreviousBlock?
        if try reader.readBool("start.previous.present") {
            previous = PreviousBlock(block: try ConsensusBlock(from: &reader), certificate: try CommitCertificate(from: &reader))
        }
        self.init(height: height, validators: set, previous: previous, genesisTime: try reader.readInt64("start.genesisTime"),
                  payload: try reader.readBytes("start.payload", maxCount: 1 << 24),
                  identity: try BlockIdentity(from: &reader))
    }
}
