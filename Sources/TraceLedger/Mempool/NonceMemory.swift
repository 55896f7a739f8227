import TraceConsensus
import TraceCrypto

/// A signer's nonce: what replay protection remembers.
struct NonceKey: Hashable, Sendable {
    let signer: PublicKey
    let nonce: String
}

/// What is remembered about a (signer, nonce): the transaction that used it,
/// whether that transaction is committed, and until when the pair is kept.
struct NonceRecord: Hashable, Sendable {
    let id: TransactionID
    var committed: Bool
    var expiresAt: Timestamp
    var sequence: UInt64
}

/// (signer, nonce) pairs seen within the time window (issue 5 item 4). A pair
/// is kept until `expiresAt` = max(client time, time seen) + skew, inclusive:
/// after that the transaction's own time is outside the window, so a replay
/// of it is refused by the time check instead. Expiry follows a min-heap on
/// (expiresAt, sequence), so it is deterministic and costs O(log n) per record.
struct NonceMemory: Sendable {
    private var records: [NonceKey: NonceRecord] = [:]
    private var expiry = ExpiryHeap()
    private var sequenceNext: UInt64 = 0

    var count: Int { records.count }

    func record(for key: NonceKey) -> NonceRecord? { records[key] }

    /// Remembers a newly admitted transaction's pair; the pair must be new.
    mutating func remember(_ key: NonceKey, id: TransactionID, expiresAt: Timestamp) {
        precondition(records[key] == nil, "a remembered nonce is refused before admission")
        records[key] = NonceRecord(id: id, committed: false, expiresAt: expiresAt, sequence: push(key, expiresAt))
    }

    /// Marks the pair as used by committed transaction `id`, keeping it at least
    /// until `expiresAt`. Returns the id of another transaction that held the
    /// pair (it can no longer be admitted by anyone), if there was one.
    mutating func markCommitted(_ key: NonceKey, id: TransactionID, expiresAt: Timestamp) -> TransactionID? {
        let previous = records[key]
        var record = NonceRecord(id: id, committed: true, expiresAt: expiresAt, sequence: 0)
        if let previous, previous.expiresAt >= expiresAt {
            record.expiresAt = previous.expiresAt
            record.sequence = previous.sequence
        } else {
            record.sequence = push(key, expiresAt)
        }
        records[key] = record
        guard let previous, previous.id != id else { return nil }
        return previous.id
    }

    /// Forgets every pair whose `expiresAt` is before `now`; returns their
    /// transaction ids in expiry order.
    mutating func expire(now: Timestamp) -> [TransactionID] {
        var expired: [TransactionID] = []
        while let top = expiry.top, top.expiresAt < now {
            expiry.pop()
            guard let record = records[top.key], record.sequence == top.sequence else { continue }
            records[top.key] = nil
            expired.append(record.id)
        }
        return expired
    }

    private mutating func push(_ key: NonceKey, _ expiresAt: Timestamp) -> UInt64 {
        let sequence = sequenceNext
        sequenceNext += 1
        expiry.push(ExpiryHeap.Entry(expiresAt: expiresAt, sequence: sequence, key: key))
        return sequence
    }
}

/// A binary min-heap on (expiresAt, sequence). Entries whose record was
/// replaced stay until popped and are skipped then.
struct ExpiryHeap: Sendable {
    struct Entry: Sendable {
        let expiresAt: Timestamp
        let sequence: UInt64
        let key: NonceKey

        func precedes(_ other: Entry) -> Bool {
            (expiresAt, sequence) < (other.expiresAt, other.sequence)
        }
    }

    private var entries: [Entry] = []

    var top: Entry? { entries.first }

    mutating func push(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].precedes(entries[parent]) else { return }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() {
        guard !entries.isEmpty else { return }
        entries.swapAt(0, entries.count - 1)
        entries.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < entries.count, entries[left].precedes(entries[smallest]) { smallest = left }
            if right < entries.count, entries[right].precedes(entries[smallest]) { smallest = right }
            guard smallest != parent else { return }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
