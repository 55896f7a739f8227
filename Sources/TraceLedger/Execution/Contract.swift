import TraceCrypto
import TraceConsensus

/// Reads committed state (the store, or a map in tests).
public protocol StateReader {
    func value(forKey key: [UInt8]) -> [UInt8]?
    /// Whether a transaction with this id was committed in an earlier block.
    func containsTransaction(_ id: TransactionID) -> Bool
}

extension StateReader {
    public func containsTransaction(_ id: TransactionID) -> Bool { false }
}

/// One write to state: `value == nil` deletes the key.
public struct StateChange: Hashable, Sendable {
    public let key: [UInt8]
    public let value: [UInt8]?
    public init(key: [UInt8], value: [UInt8]?) {
        self.key = key
        self.value = value
    }
}

/// A contract's answer for one transaction: a result code and a short detail.
public struct ContractOutcome: Hashable, Sendable {
    public let code: ResultCode
    public let detail: String
    public init(_ code: ResultCode, _ detail: String = "") {
        self.code = code
        self.detail = detail
    }
    public static let ok = ContractOutcome(.ok)
}

/// A deterministic contract (STYLE.md "Avoid"): no clock but `context.time`,
/// no randomness, no I/O, no Dictionary order in what it writes. Its writes
/// are kept only when it answers `.ok`.
public protocol Contract: Sendable {
    /// The `contract` name transactions address; also its state namespace.
    var name: String { get }
    func execute(_ context: inout ContractContext) -> ContractOutcome
}

/// What a contract sees while executing one transaction: the transaction,
/// the block's height and BFT time, and its own state namespace, which
/// reflects every earlier transaction of the block.
public struct ContractContext {
    public let transaction: Transaction
    public let height: Height
    /// The transaction's index in its block: with `height`, its position on the chain.
    public let index: UInt32
    public let time: Timestamp
    let namespace: [UInt8]
    let state: BlockStateCache
    /// Writes of the block's earlier accepted transactions, by full key.
    private var blockWrites: [ByteKey: [UInt8]?]
    /// This transaction's writes, by full key.
    private(set) var writes: [ByteKey: [UInt8]?] = [:]

    init(transaction: Transaction, height: Height, index: UInt32, time: Timestamp, state: BlockStateCache,
         blockWrites: [ByteKey: [UInt8]?]) {
        self.transaction = transaction
        self.height = height
        self.index = index
        self.time = time
        self.namespace = Self.namespace(of: transaction.contract)
        self.state = state
        self.blockWrites = blockWrites
    }

    /// State keys of contract `name` start with its name and a 0x00 byte.
    public static func namespace(of name: String) -> [UInt8] { Array(name.utf8) + [0] }

    public func get(_ key: [UInt8]) -> [UInt8]? {
        let full = ByteKey(namespace + key)
        if let written = writes[full] ?? blockWrites[full] { return written }
        return state.value(full)
    }

    /// Reads key `key` of another contract's namespace (read-only), as the
    /// block's earlier accepted transactions left it.
    public func read(contract name: String, key: [UInt8]) -> [UInt8]? {
        let full = ByteKey(Self.namespace(of: name) + key)
        if let written = writes[full] ?? blockWrites[full] { return written }
        return state.value(full)
    }

    public mutating func put(_ key: [UInt8], _ value: [UInt8]) { writes[ByteKey(namespace + key)] = .some(value) }

    public mutating func delete(_ key: [UInt8]) { writes[ByteKey(namespace + key)] = .some(nil) }

    /// Ends the transaction: the block's writes, with this transaction's added when `keep`.
    mutating func finish(keep: Bool) -> [ByteKey: [UInt8]?] {
        var out: [ByteKey: [UInt8]?] = [:]
        swap(&out, &blockWrites)
        if keep { for (key, value) in writes { out[key] = value } }
        return out
    }
}

/// The parent state as one block's execution reads it: each key is read from
/// the store once per block. The state does not change while a block
/// executes (writes go to the contexts' pending maps, which are consulted
/// first), so a repeated read — the signer's participant entry for every
/// transaction, an issued code checked and then updated — is served from
/// memory (issue 7: SQLite point reads were 6 % of a validator's CPU).
final class BlockStateCache {
    private let state: any StateReader
    private var values: [ByteKey: [UInt8]?] = [:]

    init(_ state: any StateReader) { self.state = state }

    func value(_ key: ByteKey) -> [UInt8]? {
        if let known = values[key] { return known }
        let value = state.value(forKey: key.bytes)
        values[key] = .some(value)
        return value
    }
}
