/// A Bloom filter over the ids of committed transactions (issue 7): execution
/// asks of every transaction whether it was committed in an earlier block, and
/// the answer is almost always no; asking SQLite each time was a fortieth of a
/// validator's CPU under load. "Not in the filter" is a certain no; "maybe"
/// goes to the store. It never forgets an id, so it holds no false negatives;
/// its false positives (about 0.2 % at a million ids) cost a read, not an answer.
struct CommittedIDFilter {
    /// 2^24 bits (2 MiB); four probes per id.
    static let bitCountLog2 = 24
    private var words: [UInt64]

    init() { words = Array(repeating: 0, count: (1 << Self.bitCountLog2) / 64) }

    /// Probe `k` (0..<4): the id's 64-bit word `k` (a digest, so uniformly spread)
    /// reduced to a bit position. Ids shorter than 32 bytes have no probes.
    private static func probe(_ k: Int, _ bytes: [UInt8]) -> Int {
        var value: UInt64 = 0
        for index in (k * 8)..<(k * 8 + 8) { value = value << 8 | UInt64(bytes[index]) }
        return Int(value & (UInt64(1 << bitCountLog2) - 1))
    }

    mutating func insert(_ id: TransactionID) {
        guard id.bytes.count >= 32 else { return }
        for k in 0..<4 {
            let bit = Self.probe(k, id.bytes)
            words[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    /// False only when `id` was never inserted; true for an id shorter than 32 bytes.
    func mayContain(_ id: TransactionID) -> Bool {
        guard id.bytes.count >= 32 else { return true }
        for k in 0..<4 {
            let bit = Self.probe(k, id.bytes)
            if words[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
        }
        return true
    }
}
