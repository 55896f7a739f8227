import TraceCrypto

/// A transaction waiting in the mempool, with its id and wire size.
struct PoolEntry: Sendable {
    let transaction: Transaction
    let id: TransactionID
    let bytes: Int
}

/// The waiting transactions in arrival order, with O(1) lookup and removal
/// by id. Removed slots become holes that are compacted away once they
/// outnumber the live entries, so memory stays proportional to `count`.
struct ArrivalQueue: Sendable {
    private var slots: [PoolEntry?] = []
    private var positions: [TransactionID: Int] = [:]
    /// The waiting ids by canonical wire bytes: a block's transactions that
    /// wait here are taken as they are instead of being decoded again.
    private var byWire: [ByteKey: TransactionID] = [:]
    private(set) var bytes = 0

    var count: Int { positions.count }

    func contains(_ id: TransactionID) -> Bool { positions[id] != nil }

    /// The waiting transaction whose canonical wire form is `wire`.
    func transaction(wire: [UInt8]) -> Transaction? {
        guard let id = byWire[ByteKey(wire)], let position = positions[id] else { return nil }
        return slots[position]?.transaction
    }

    /// The live entries, oldest first.
    var inArrivalOrder: some Sequence<PoolEntry> { slots.lazy.compactMap { $0 } }

    mutating func append(_ entry: PoolEntry) {
        precondition(positions[entry.id] == nil, "a waiting id is refused as a duplicate before admission")
        positions[entry.id] = slots.count
        byWire[ByteKey(entry.transaction.wireBytes)] = entry.id
        slots.append(entry)
        bytes += entry.bytes
    }

    @discardableResult
    mutating func remove(_ id: TransactionID) -> PoolEntry? {
        guard let position = positions.removeValue(forKey: id), let entry = slots[position] else { return nil }
        slots[position] = nil
        byWire.removeValue(forKey: ByteKey(entry.transaction.wireBytes))
        bytes -= entry.bytes
        if slots.count > 2 * positions.count + 64 { compact() }
        return entry
    }

    private mutating func compact() {
        slots = slots.filter { $0 != nil }
        for (position, entry) in slots.enumerated() {
            if let entry { positions[entry.id] = position }
        }
    }
}
