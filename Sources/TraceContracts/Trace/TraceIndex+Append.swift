import TraceCrypto
import TraceLedger
import TraceModel

extension TraceIndex {
    /// Stored bytes with `entry` appended, without decoding the entries held:
    /// the count is rewritten and one entry added at the end. Every write of a
    /// trace transaction appends to the index of each unit it touches, so a
    /// decode and re-encode of the whole index per unit was 4 % of a
    /// validator's CPU (issue 7). Bytes not laid out as this type writes them
    /// (entries of mixed id lengths, trailing bytes) take the decoding path,
    /// which refuses what is malformed. Same rules as `append`.
    static func appending(_ entry: TraceIndexEntry, to stored: [UInt8]) throws(MembershipRefusal) -> [UInt8]? {
        guard let layout = Layout(stored), let last = layout.lastPosition(in: stored),
              layout.idLength == entry.transactionID.bytes.count else { return nil }
        if entry.position <= last {
            guard entry.position == last else {
                throw MembershipRefusal(.conflict, field: "index", rule: "positions only increase")
            }
            return stored
        }
        guard layout.count < entriesMax else {
            throw MembershipRefusal(.tooLarge, field: "index", rule: "a unit's trace holds at most \(entriesMax) transactions")
        }
        var bytes = stored
        let count = UInt32(layout.count + 1)
        for shift in 0..<4 { bytes[layout.countOffset + shift] = UInt8(truncatingIfNeeded: count >> (24 - 8 * shift)) }
        // The entry as the index's own encoder writes it: past the header and count.
        bytes += TraceIndex(entries: [entry]).canonicalBytes.dropFirst(layout.countOffset + 4)
        return bytes
    }

    /// Where the count and the entries sit in bytes this type wrote.
    struct Layout {
        static let headerBytes = CanonicalWriter(domain: domain).bytes
        let countOffset = headerBytes.count
        let count: Int
        let idLength: Int

        /// The layout when every entry has the first entry's id length and nothing trails.
        init?(_ bytes: [UInt8]) {
            let header = Self.headerBytes
            guard bytes.count >= header.count + 4, bytes.starts(with: header) else { return nil }
            let count = Int(Self.uint(bytes, at: header.count, width: 4))
            let first = header.count + 4
            guard count > 0, bytes.count >= first + 16 else { return nil }
            let idLength = Int(Self.uint(bytes, at: first + 12, width: 4))
            let (total, overflow) = count.multipliedReportingOverflow(by: 16 + idLength)
            guard !overflow, bytes.count == first + total else { return nil }
            self.count = count
            self.idLength = idLength
        }

        /// The last entry's position, when its id length is the first's.
        func lastPosition(in bytes: [UInt8]) -> RecordPosition? {
            let start = bytes.count - 16 - idLength
            guard Int(Self.uint(bytes, at: start + 12, width: 4)) == idLength else { return nil }
            return RecordPosition(height: Self.uint(bytes, at: start, width: 8),
                                  index: UInt32(Self.uint(bytes, at: start + 8, width: 4)))
        }

        static func uint(_ bytes: [UInt8], at offset: Int, width: Int) -> UInt64 {
            bytes[offset..<offset + width].reduce(0) { $0 << 8 | UInt64($1) }
        }
    }
}
