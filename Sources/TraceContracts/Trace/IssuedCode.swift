import TraceCrypto
import TraceModel

/// A trace code issued on the chain (R-5.1-c, R-6.3.1.3): its kind, mode and
/// owner, where it was issued, and — kept current as records arrive — the
/// items recorded for it, from which its completeness follows.
public struct IssuedCode: Sendable, Hashable {
    static let domain = "crosstrace/trace/code/v1\n"

    /// The canonical key.
    public let key: String
    public let kind: TraceCode.Kind
    public let mode: TraceabilityMode
    public let unit: TraceableUnit
    /// Signer id of the manufacturer or trader that issued it (or split it off).
    public let owner: String
    public let issuedAt: RecordPosition
    /// Units a batch holds (1 for a single unit or an SSCC).
    public let quantity: UInt64
    /// Units of a batch not yet split off.
    public internal(set) var remaining: UInt64
    /// The batch it was split off, if any (R-6.3.1.3 lineage).
    public let splitFrom: String?
    /// Items of Tables 1–4 with at least one standing record, in table order.
    public internal(set) var recordedItems: [RecordItem]

    /// Completeness against the unit's traceability mode.
    public var completeness: TraceCompleteness { TraceCompleteness(recordedItems, mode: mode) }

    /// Adds `item` to the items recorded; false when it was there already.
    mutating func noteRecorded(_ item: RecordItem) -> Bool {
        guard !recordedItems.contains(item) else { return false }
        recordedItems = (recordedItems + [item]).sorted()
        return true
    }

    var canonicalBytes: [UInt8] {
        var writer = CanonicalWriter(domain: Self.domain)
        writer.writeString(key)
        writer.writeString(kind.rawValue)
        writer.writeString(mode.rawValue)
        writer.writeString(unit.rawValue)
        writer.writeString(owner)
        writer.writeUInt64(issuedAt.height)
        writer.writeUInt32(issuedAt.index)
        writer.writeUInt64(quantity)
        writer.writeUInt64(remaining)
        writer.writeString(splitFrom ?? "")
        Participant.writeList(recordedItems.map(\.rawValue), into: &writer)
        return writer.bytes
    }

    /// The code stored as `bytes`, or nil if they are not one.
    public init?(canonicalBytes bytes: [UInt8]) {
        guard var reader = try? CanonicalReader(bytes, domain: Self.domain),
              let key = try? reader.readString("key", maxCount: Record.traceCodeLengthMax),
              let kind = (try? reader.readString("kind", maxCount: 32)).flatMap(TraceCode.Kind.init(rawValue:)),
              let mode = (try? reader.readString("mode", maxCount: 32)).flatMap(TraceabilityMode.init(rawValue:)),
              let unit = (try? reader.readString("unit", maxCount: 32)).flatMap(TraceableUnit.init(rawValue:)),
              let owner = try? reader.readString("owner", maxCount: 300),
              let height = try? reader.readUInt64("height"), let index = try? reader.readUInt32("index"),
              let quantity = try? reader.readUInt64("quantity"), let remaining = try? reader.readUInt64("remaining"),
              let splitFrom = try? reader.readString("splitFrom", maxCount: Record.traceCodeLengthMax),
              let items = try? Participant.readList(&reader, "recordedItems"), reader.isAtEnd else { return nil }
        self.init(key: key, kind: kind, mode: mode, unit: unit, owner: owner,
                  issuedAt: RecordPosition(height: height, index: index), quantity: quantity, remaining: remaining,
                  splitFrom: splitFrom.isEmpty ? nil : splitFrom, recordedItems: items.compactMap(RecordItem.init(rawValue:)))
    }

    init(key: String, kind: TraceCode.Kind, mode: TraceabilityMode, unit: TraceableUnit, owner: String,
         issuedAt: RecordPosition, quantity: UInt64, remaining: UInt64, splitFrom: String?, recordedItems: [RecordItem]) {
        self.key = key
        self.kind = kind
        self.mode = mode
        self.unit = unit
        self.owner = owner
        self.issuedAt = issuedAt
        self.quantity = quantity
        self.remaining = remaining
        self.splitFrom = splitFrom
        self.recordedItems = recordedItems
    }
}

/// Which required items of Tables 1–4 a unit's standing records cover under
/// its mode, by `Completeness`'s rules: an event-driven item (a
/// delivery exception) is never missing.
public struct TraceCompleteness: Sendable, Hashable, Codable {
    public let mode: TraceabilityMode
    /// Required items with a record, in table order.
    public let present: [RecordItem]
    /// Required items without one, in table order.
    public let missing: [RecordItem]
    public let complete: Bool

    public init(_ recorded: [RecordItem], mode: TraceabilityMode) {
        let required = RecordItem.required(in: mode)
        self.mode = mode
        self.present = required.filter { recorded.contains($0) }
        self.missing = required.filter { !recorded.contains($0) && !$0.isEventDriven }
        self.complete = missing.isEmpty
    }
}

/// A record entry as the contract keeps it for corrections (R-5.1-c): what it
/// is about, who made it, and the correction that superseded it, if any.
struct StoredEntry: Sendable, Hashable {
    static let domain = "crosstrace/trace/entry/v1\n"
    let item: RecordItem
    let traceCode: String
    let participant: String
    var supersededBy: RecordPosition?

    var canonicalBytes: [UInt8] {
        var writer = CanonicalWriter(domain: Self.domain)
        writer.writeString(item.rawValue)
        writer.writeString(traceCode)
        writer.writeString(participant)
        writer.writeBool(supersededBy != nil)
        if let supersededBy {
            writer.writeUInt64(supersededBy.height)
            writer.writeUInt32(supersededBy.index)
        }
        return writer.bytes
    }

    init(item: RecordItem, traceCode: String, participant: String, supersededBy: RecordPosition?) {
        self.item = item
        self.traceCode = traceCode
        self.participant = participant
        self.supersededBy = supersededBy
    }

    init?(canonicalBytes bytes: [UInt8]) {
        guard var reader = try? CanonicalReader(bytes, domain: Self.domain),
              let item = (try? reader.readString("item", maxCount: 64)).flatMap(RecordItem.init(rawValue:)),
              let code = try? reader.readString("traceCode", maxCount: Record.traceCodeLengthMax),
              let participant = try? reader.readString("participant", maxCount: 300),
              let superseded = try? reader.readBool("superseded") else { return nil }
        var by: RecordPosition?
        if superseded {
            guard let height = try? reader.readUInt64("height"), let index = try? reader.readUInt32("index") else { return nil }
            by = RecordPosition(height: height, index: index)
        }
        guard reader.isAtEnd else { return nil }
        self.init(item: item, traceCode: code, participant: participant, supersededBy: by)
    }
}
