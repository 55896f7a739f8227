import TraceCrypto

/// Committed state values kept across blocks (issue 7): each block's execution
/// read every key it touched from SQLite again — a trace record reads its
/// code's entry and trace index, which the blocks before it had just written —
/// and those reads were a twentieth of a validator's CPU under load.
///
/// It mirrors the state at the applied height exactly: a value is cached when
/// read from the store or written by a committed block (`absent` is cached too),
/// and `BlockStore` updates it only after a commit's transaction succeeded. It
/// holds at most `bytesMax` bytes, counting each entry's key, value and
/// `entryOverhead` (two array headers and a table slot); past that it starts
/// empty again, which costs reads, never answers.
final class CommittedStateCache {
    /// Bytes counted per entry beside its key and value.
    static let entryOverhead = 96
    let bytesMax: Int
    private var values: [ByteKey: [UInt8]?] = [:]
    private(set) var bytes = 0

    init(bytesMax: Int = 32 << 20) { self.bytesMax = bytesMax }

    var count: Int { values.count }

    /// The committed value of `key`: cached, or read by `read` and kept.
    func value(_ key: [UInt8], read: () -> [UInt8]?) -> [UInt8]? {
        let wrapped = ByteKey(key)
        if let known = values[wrapped] { return known }
        let value = read()
        keep(wrapped, value)
        return value
    }

    /// A committed block's changes: the cache now mirrors the state after them.
    func apply(_ changes: [StateChange]) {
        for change in changes { keep(ByteKey(change.key), change.value) }
    }

    func removeAll() {
        values.removeAll(keepingCapacity: true)
        bytes = 0
    }

    private func keep(_ key: ByteKey, _ value: [UInt8]?) {
        let added = Self.entryOverhead + key.bytes.count + (value?.count ?? 0)
        if let old = values[key] { bytes -= Self.entryOverhead + key.bytes.count + (old?.count ?? 0) }
        if bytes + added > bytesMax {
            removeAll()
            guard added <= bytesMax else { return }
        }
        values[key] = .some(value)
        bytes += added
    }
}

/// A store read whose values come through the committed-state cache, and whose
/// transaction-id check asks the store only what the committed-id filter may hold.
struct CachedStateReader: StateReader {
    let store: DatabaseStateReader
    let cache: CommittedStateCache
    let committedIDs: CommittedIDFilter

    func value(forKey key: [UInt8]) -> [UInt8]? { cache.value(key) { store.value(forKey: key) } }

    func containsTransaction(_ id: TransactionID) -> Bool {
        committedIDs.mayContain(id) && store.containsTransaction(id)
    }
}
