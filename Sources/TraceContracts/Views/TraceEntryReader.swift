import TraceLedger

/// Reads a unit's listed transactions from the wire bytes a node stored, for its
/// trace answer (issue 7): a `recordBatch` carries the records of many units,
/// and parsing all of them to show the unit's few was most of a query's work.
public enum TraceEntryReader {
    /// One listed transaction as stored: its position, its block's time and its canonical wire bytes.
    public struct Stored: Sendable {
        public let height: UInt64
        public let index: UInt32
        public let time: Int64
        public let wire: [UInt8]

        public init(height: UInt64, index: UInt32, time: Int64, wire: [UInt8]) {
            self.height = height
            self.index = index
            self.time = time
            self.wire = wire
        }
    }

    /// The committed transactions of unit `key` in the order given, read in two
    /// passes: every one but a `recordBatch` whole; then each batch keeping only
    /// the records about `TraceAnswerBuilder.relatedCodes` of the first pass (the
    /// unit and the containers it was in), the others `null` in their places.
    /// `TraceAnswerBuilder.build` gives the same answer from these as from the
    /// whole transactions; nothing else may use their thinned payloads.
    public static func entries(key: String, stored: [Stored]) throws(LedgerError) -> [CommittedTransaction] {
        var whole: [CommittedTransaction?] = []
        whole.reserveCapacity(stored.count)
        for item in stored {
            guard Transaction.storedAction(item.wire) != batchAction else { whole.append(nil); continue }
            whole.append(try entry(item, recordsAbout: nil))
        }
        let related = TraceAnswerBuilder.relatedCodes(key: key, entries: whole.compactMap { $0 })
        var entries: [CommittedTransaction] = []
        entries.reserveCapacity(stored.count)
        for (place, item) in stored.enumerated() {
            if let read = whole[place] {
                entries.append(read)
            } else {
                entries.append(try entry(item, recordsAbout: related))
            }
        }
        return entries
    }

    static let batchAction = "recordBatch"

    static func entry(_ item: Stored, recordsAbout codes: Set<String>?) throws(LedgerError) -> CommittedTransaction {
        CommittedTransaction(height: item.height, index: item.index, time: item.time,
                             transaction: try Transaction(storedWire: item.wire, recordsAbout: codes))
    }
}
