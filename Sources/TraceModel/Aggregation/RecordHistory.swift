/// What the correction rules need to know about one record on the chain (R-5.1-c): where it
/// is, what it is about and who made it, and the record it corrects, if it is a correction.
public struct RecordEntry: Sendable, Hashable {
    public let position: RecordPosition
    public let item: RecordItem
    /// Canonical trace code key.
    public let traceCode: String
    /// The participant that made the record (its identifier on the chain).
    public let participant: String
    /// The record this one supersedes; nil for an ordinary record.
    public let supersedes: RecordPosition?

    public init(position: RecordPosition, item: RecordItem, traceCode: String, participant: String,
                supersedes: RecordPosition? = nil) {
        self.position = position
        self.item = item
        self.traceCode = traceCode
        self.participant = participant
        self.supersedes = supersedes
    }
}

/// A record with its standing: `supersededBy` is the correction that replaced it, if any.
public struct RecordStanding: Sendable, Hashable {
    public let entry: RecordEntry
    public let supersededBy: RecordPosition?
    public var isCurrent: Bool { supersededBy == nil }
}

/// Corrections never rewrite history (R-5.1-c): an erroneous record stays where it is and is
/// superseded by a correction that references it by position. A correction must be about the
/// same item and trace code and come from the same participant; it references an earlier,
/// known record that nothing superseded yet, so corrections form one chain per original.
/// Positions only increase. A refused entry changes nothing.
public struct RecordHistory: Sendable {
    /// Corrections of one original at most.
    public static let correctionsCountMax = 64

    public private(set) var entries: [RecordEntry] = []
    var indexByPosition: [RecordPosition: Int] = [:]
    var supersededBy: [RecordPosition: RecordPosition] = [:]
    var indicesByCode: [String: [Int]] = [:]

    public init() {}

    public mutating func append(_ entry: RecordEntry) throws {
        try RecordPosition.checkIncreasing(entry.position, after: entries.last?.position, field: "position")
        if let target = entry.supersedes { try checkCorrection(entry, of: target) }
        let index = entries.count
        entries.append(entry)
        indexByPosition[entry.position] = index
        indicesByCode[entry.traceCode, default: []].append(index)
        if let target = entry.supersedes { supersededBy[target] = entry.position }
    }

    private func checkCorrection(_ entry: RecordEntry, of target: RecordPosition) throws {
        guard target < entry.position else {
            throw ModelValidationError(.futureRecord, field: "supersedes",
                rule: "a correction references an earlier record, not \(target)")
        }
        guard let index = indexByPosition[target] else {
            throw ModelValidationError(.unknownRecord, field: "supersedes", rule: "no record at \(target)")
        }
        if let by = supersededBy[target] {
            throw ModelValidationError(.alreadySuperseded, field: "supersedes",
                rule: "the record at \(target) was already superseded at \(by); correct that one instead")
        }
        let old = entries[index]
        let mismatch: String? = old.item != entry.item ? "item"
            : old.traceCode != entry.traceCode ? "traceCode"
            : old.participant != entry.participant ? "participant" : nil
        if let mismatch {
            throw ModelValidationError(.correctionMismatch, field: mismatch,
                rule: "a correction keeps the \(mismatch) of the record it supersedes")
        }
        guard chain(from: target).count <= Self.correctionsCountMax else {
            throw ModelValidationError(.tooMany, field: "supersedes",
                rule: "a record may be corrected at most \(Self.correctionsCountMax) times")
        }
    }

    /// The records of `traceCode` that stand now (none superseded), in position order.
    public func current(of traceCode: String) -> [RecordEntry] {
        history(of: traceCode).filter(\.isCurrent).map(\.entry)
    }

    /// Every record of `traceCode`, superseded ones marked, in position order.
    public func history(of traceCode: String) -> [RecordStanding] {
        (indicesByCode[traceCode] ?? []).map { standing(entries[$0]) }
    }

    /// The record at `position` with its standing, nil when unknown.
    public func standing(at position: RecordPosition) -> RecordStanding? {
        indexByPosition[position].map { standing(entries[$0]) }
    }

    /// The chain of versions `position` belongs to: the original first, the version that
    /// stands now last. Empty when `position` is unknown.
    public func chain(from position: RecordPosition) -> [RecordPosition] {
        guard indexByPosition[position] != nil else { return [] }
        var first = position
        var steps = 0
        while steps <= Self.correctionsCountMax, let earlier = indexByPosition[first].flatMap({ entries[$0].supersedes }) {
            first = earlier
            steps += 1
        }
        var chain = [first]
        while chain.count <= Self.correctionsCountMax + 1, let next = supersededBy[chain[chain.count - 1]] {
            chain.append(next)
        }
        return chain
    }

    private func standing(_ entry: RecordEntry) -> RecordStanding {
        RecordStanding(entry: entry, supersededBy: supersededBy[entry.position])
    }
}
