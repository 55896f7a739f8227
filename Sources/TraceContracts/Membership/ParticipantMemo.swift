import Synchronization
import TraceCrypto

/// Participants already decoded, by their stored bytes: a pure function's
/// memo. Every trace transaction reads its signer's entry, and decoding it
/// (a public key parse among it) was 2 % of a validator's CPU under load
/// (issue 7). The key is the whole stored value, so a changed entry is a new
/// key; two generations bound the memo; a refusal is never kept.
final class ParticipantMemo: Sendable {
    static let shared = ParticipantMemo(capacity: 1 << 12)
    private let capacity: Int
    private let generations = Mutex<(young: [ByteKey: Participant], old: [ByteKey: Participant])>(([:], [:]))

    init(capacity: Int) { self.capacity = capacity }

    func participant(_ bytes: [UInt8]) -> Participant? {
        let key = ByteKey(bytes)
        return generations.withLock { $0.young[key] ?? $0.old[key] }
    }

    func insert(_ participant: Participant, for bytes: [UInt8]) {
        generations.withLock { memo in
            if memo.young.count >= capacity / 2 { memo = (young: [:], old: memo.young) }
            memo.young[ByteKey(bytes)] = participant
        }
    }
}
