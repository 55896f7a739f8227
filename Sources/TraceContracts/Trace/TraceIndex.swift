import TraceCrypto
import TraceLedger
import TraceModel

/// One transaction that touched a unit: its position on the chain and its id.
public struct TraceIndexEntry: Sendable, Hashable, Comparable {
    public let height: UInt64
    public let index: UInt32
    public let transactionID: TransactionID

    public init(height: UInt64, index: UInt32, transactionID: TransactionID) {
        self.height = height
        self.index = index
        self.transactionID = transactionID
    }

    public var position: RecordPosition { RecordPosition(height: height, index: index) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.position < rhs.position }
}

/// The trace index of one canonical key (issue 6 item 4): every transaction
/// that touched the unit — its issue, records, corrections, aggregation
/// events, splits and track segments, and records on the containers it was
/// inside — in (height, index) order. Stored as canonical binary under
/// `TraceContract.indexKey(for:)`, so a proof of that one state entry tells a
/// verifier exactly which transactions a complete answer must include.
///
/// Bytes: domain `crosstrace/trace/index/v1\n`, u32 count, then per entry
/// u64 height, u32 index, bytes transaction id (docs/contracts.md).
public struct TraceIndex: Sendable, Hashable {
    public static let domain = "crosstrace/trace/index/v1\n"
    /// Most transactions one unit's index holds.
    public static let entriesMax = 10_000

    /// Strictly increasing positions.
    public private(set) var entries: [TraceIndexEntry]

    public init(entries: [TraceIndexEntry] = []) {
        self.entries = entries.sorted()
    }

    /// Appends a transaction at a position after every one held; a second
    /// touch by the same transaction is one entry.
    mutating func append(_ entry: TraceIndexEntry) throws(MembershipRefusal) {
        if let last = entries.last, entry.position <= last.position {
            guard entry.position == last.position else {
                throw MembershipRefusal(.conflict, field: "index", rule: "positions only increase")
            }
            return
        }
        guard entries.count < Self.entriesMax else {
            throw MembershipRefusal(.tooLarge, field: "index",
                                    rule: "a unit's trace holds at most \(Self.entriesMax) transactions")
        }
        entries.append(entry)
    }

    public var canonicalBytes: [UInt8] {
        var writer = CanonicalWriter(domain: Self.domain)
        writer.writeUInt32(UInt32(entries.count))
        for entry in entries {
            writer.writeUInt64(entry.height)
            writer.writeUInt32(entry.index)
            writer.writeBytes(entry.transactionID.bytes)
        }
        return writer.bytes
    }

    /// Decodes stored bytes; refuses anything not exactly an encoding this
    /// type writes (positions not strictly increasing, trailing bytes).
    public init(canonicalBytes bytes: [UInt8]) throws(TraceIndexError) {
        do {
            self.entries = try Self.decode(bytes)
        } catch let error as TraceIndexError {
            throw error
        } catch {
            throw TraceIndexError(.malformed, field: "index", rule: "\(error)")
        }
    }

    private static func decode(_ bytes: [UInt8]) throws -> [TraceIndexEntry] {
        var reader = try CanonicalReader(bytes, domain: Self.domain)
        let count = Int(try reader.readUInt32("count"))
        guard count <= Self.entriesMax else {
            throw TraceIndexError(.tooMany, field: "count", rule: "at most \(Self.entriesMax) entries")
        }
        var entries: [TraceIndexEntry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let height = try reader.readUInt64("height")
            let index = try reader.readUInt32("index")
            let id = TransactionID(bytes: try reader.readBytes("transactionID", maxCount: 64))
            let entry = TraceIndexEntry(height: height, index: index, transactionID: id)
            if let last = entries.last, entry.position <= last.position {
                throw TraceIndexError(.notIncreasing, field: "entries[\(entries.count)]",
                                      rule: "positions must strictly increase")
            }
            entries.append(entry)
        }
        try reader.finish()
        return entries
    }
}

/// Why bytes are not a trace index; `==` compares the code only (STYLE.md #8).
public struct TraceIndexError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case malformed, tooMany, notIncreasing
    }
    public let code: Code
    public let field: String
    public let rule: String

    public init(_ code: Code, field: String, rule: String) {
        self.code = code
        self.field = field
        self.rule = rule
    }

    public var description: String { "\(field): \(rule)" }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
}
