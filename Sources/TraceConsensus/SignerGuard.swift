import TraceCrypto

/// Where a signature sits in the signing order: proposal < prevote < precommit
/// within a round.
public struct SignPosition: Hashable, Comparable, Sendable {
    public let height: Height
    public let round: Round
    /// 0 proposal, 1 prevote, 2 precommit.
    public let step: UInt8
    public init(height: Height, round: Round, step: UInt8) {
        self.height = height
        self.round = round
        self.step = step
    }
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.height, lhs.round, lhs.step) < (rhs.height, rhs.round, rhs.step)
    }
}

/// The durable signer state: the last message this validator signed. It is
/// synced, with the message in the WAL, before the message leaves.
public struct SignerState: Hashable, Sendable {
    public static let domain = "crosstrace/signer-state/v1\n"
    public let position: SignPosition
    public let signBytes: [UInt8]
    public let signature: Signature

    public init(position: SignPosition, signBytes: [UInt8], signature: Signature) {
        self.position = position
        self.signBytes = signBytes
        self.signature = signature
    }

    public func encoded() -> [UInt8] {
        var writer = CanonicalWriter(domain: Self.domain)
        writer.writeUInt64(position.height.rawValue)
        writer.writeUInt32(position.round.rawValue)
        writer.writeUInt8(position.step)
        writer.writeBytes(signBytes)
        writer.writeSignature(signature)
        return writer.bytes
    }

    public init(decoding bytes: [UInt8]) throws {
        var reader = try CanonicalReader(bytes, domain: Self.domain)
        let height = Height(try reader.readUInt64("height"))
        let round = Round(try reader.readUInt32("round"))
        let step = try reader.readUInt8("step")
        let signBytes = try reader.readBytes("signBytes", maxCount: 4_096)
        let signature = try reader.readSignature()
        try reader.finish()
        self.init(position: SignPosition(height: height, round: round, step: step), signBytes: signBytes,
                  signature: signature)
    }
}

/// The rule that makes a restart safe: never sign two different messages for
/// one (height, round, type); asking again for the same bytes returns the same
/// signature; never sign below the last signed position.
struct SignerGuard: Sendable {
    private(set) var last: SignerState?
    /// Messages signed at the current height (recovered from the WAL on restart).
    private var signed: [SignPosition: SignerState] = [:]

    init(last: SignerState?, recovered: [SignerState]) {
        self.last = last
        for state in recovered {
            signed[state.position] = state
            if last.map({ $0.position < state.position }) ?? true { self.last = state }
        }
    }

    /// The signature for `bytes` at `position`, or `nil` when signing would conflict.
    mutating func sign(_ bytes: [UInt8], at position: SignPosition, with signer: any Signer) -> SignerState? {
        if let earlier = signed[position] {
            return earlier.signBytes == bytes ? earlier : nil
        }
        if let last, last.position == position {
            return last.signBytes == bytes ? last : nil
        }
        if let last, position < last.position { return nil }
        guard let signature = try? signer.sign(bytes) else { return nil }
        let state = SignerState(position: position, signBytes: bytes, signature: signature)
        signed[position] = state
        last = state
        return state
    }

    /// Forgets the previous height's messages; the last position still guards.
    mutating func startHeight(_ height: Height) { signed = signed.filter { $0.key.height >= height } }
}
