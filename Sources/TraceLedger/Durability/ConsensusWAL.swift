import TraceConsensus
import TraceCrypto

/// The consensus write-ahead log: `ConsensusWALEntry`
/// records in a `RecordLog`. The node appends every input that mattered and,
/// before each of its own messages leaves, the message itself followed by a
/// sync. After a block is committed the log starts over.
public struct ConsensusWAL {
    public static let defaultName = "consensus.wal"
    public let log: RecordLog

    public init(store: any DurableStore, name: String = ConsensusWAL.defaultName) {
        log = RecordLog(name: name, store: store)
    }

    public var name: String { log.name }

    /// Appends an entry (not yet durable); returns the file size after it.
    @discardableResult
    public func append(_ entry: ConsensusWALEntry) throws -> Int { try log.append(entry.encoded()) }

    /// Appends the node's own message and syncs: call before it leaves.
    /// Returns the end offset of its record.
    @discardableResult
    public func appendOwnAndSync(_ message: SignedMessage) throws -> Int {
        let end = try append(.own(message))
        try log.sync()
        return end
    }

    public func sync() throws { try log.sync() }

    /// Empties the log durably (after the height's block is committed).
    public func reset() throws { try log.store.truncate(name, to: 0) }

    /// Every whole entry with its end offset; a torn or corrupt tail is cut.
    /// A record whose checksum holds but which does not decode is refused.
    public func readAll() throws -> [(entry: ConsensusWALEntry, end: Int)] {
        try log.readAll().map { record in
            do {
                return (try ConsensusWALEntry(decoding: record.record), record.end)
            } catch {
                throw DurabilityError(.corrupted, file: name, operation: "read",
                                      rule: "record ending at \(record.end) has a valid checksum but does not decode: \(error)")
            }
        }
    }

    /// What a restart at `height` replays: the entries from the last start of
    /// that height, and the node's own messages among them.
    public func recover(height: Height) throws -> ConsensusWALRecovery {
        let entries = try readAll()
        let start = entries.lastIndex { item in
            if case .input(.startHeight(let begin), _) = item.entry { return begin.height == height }
            return false
        }
        return ConsensusWALRecovery(height: height, start.map { Array(entries[$0...]) } ?? [])
    }

    /// The signer state a signed message stands for.
    public static func signerState(of message: SignedMessage) -> SignerState {
        switch message {
        case .proposal(let p):
            return SignerState(position: SignPosition(height: p.height, round: p.round, step: 0), signBytes: p.signBytes,
                               signature: p.signature)
        case .vote(let v):
            return SignerState(position: SignPosition(height: v.height, round: v.round, step: v.type.rawValue),
                               signBytes: v.signBytes, signature: v.signature)
        }
    }
}

/// The current height's part of the WAL after a restart.
public struct ConsensusWALRecovery {
    /// The height being resumed.
    public let height: Height
    /// The entries to replay, in order, with the end offset of each record.
    public let entries: [(entry: ConsensusWALEntry, end: Int)]
    /// The node's own messages of this height, in the order they were signed.
    public let own: [SignedMessage]

    init(height: Height, _ entries: [(entry: ConsensusWALEntry, end: Int)]) {
        self.height = height
        self.entries = entries
        own = entries.compactMap { item in
            if case .own(let message) = item.entry { return message }
            return nil
        }
    }

    /// The signer states of the own messages, for the consensus signer guard.
    public var ownSignerStates: [SignerState] { own.map(ConsensusWAL.signerState(of:)) }

    /// The highest own position, if any own message is logged.
    public var highestOwn: SignerState? { ownSignerStates.max { $0.position < $1.position } }
}
