/// One part of a split: a new key (a batch of the same GTIN with a new lot, or a serialised
/// unit of the same GTIN) and how many of the parent's units it takes (1 for a serialised unit).
public struct SplitPart: Sendable, Hashable {
    public let key: String
    public let quantity: UInt64
}

/// A lineage edge: `child` was split off `parent` at `position`, taking `quantity` units.
public struct LineageEdge: Sendable, Hashable {
    public let parent: String
    public let child: String
    public let quantity: UInt64
    public let position: RecordPosition
}

/// Batch splitting with lineage (R-6.3.1.3, R-5.1-c), in the manner of an EPCIS 2.0
/// TransformationEvent with one input: a batch (GTIN + lot) with a declared quantity is split
/// into new batch keys or serialised units of the same GTIN; the parts never take more than
/// the parent still has, and every part keeps its parent, so ancestors and descendants of a
/// key can always be found. Keys are unique forever; positions only increase. A refused
/// declaration or split changes nothing.
public struct BatchLineage: Sendable {
    /// Generations of splits at most (a batch, its sub-lots, theirs …).
    public static let depthMax = 16
    /// Parts in one split at most.
    public static let partsCountMax = 10_000

    struct Node: Sendable {
        let gtin: String
        let declared: UInt64
        var remaining: UInt64
        let parent: LineageEdge?
        var children: [LineageEdge]
    }

    var nodes: [String: Node] = [:]
    public private(set) var lastPosition: RecordPosition?

    public init() {}

    /// Declares a batch created with `quantity` units (its trace code being issued).
    public mutating func declare(_ batch: TraceCode, quantity: UInt64, at position: RecordPosition) throws {
        let gtin = try Self.batchGTIN(batch, field: "batch")
        try checkNew(batch.key, field: "batch")
        guard quantity > 0 else {
            throw ModelValidationError(.outOfRange, field: "quantity", rule: "a batch holds at least one unit")
        }
        try RecordPosition.checkIncreasing(position, after: lastPosition, field: "position")
        nodes[batch.key] = Node(gtin: gtin, declared: quantity, remaining: quantity, parent: nil, children: [])
        lastPosition = position
    }

    /// Splits `batch` into `parts` (each a code and its quantity) and records the lineage.
    @discardableResult
    public mutating func split(_ batch: TraceCode, into parts: [(code: TraceCode, quantity: UInt64)],
                               at position: RecordPosition) throws -> [LineageEdge] {
        let gtin = try Self.batchGTIN(batch, field: "batch")
        guard let node = nodes[batch.key] else {
            throw ModelValidationError(.unknownKey, field: "batch", rule: "\(batch.key) was never declared or split off")
        }
        guard ancestors(of: batch.key).count + 1 <= Self.depthMax else {
            throw ModelValidationError(.tooDeep, field: "batch", rule: "at most \(Self.depthMax) generations of splits")
        }
        let checked = try checkParts(parts, gtin: gtin, remaining: node.remaining)
        try RecordPosition.checkIncreasing(position, after: lastPosition, field: "position")
        let edges = checked.map { LineageEdge(parent: batch.key, child: $0.key, quantity: $0.quantity, position: position) }
        for (edge, part) in zip(edges, parts) {
            let isBatch = part.code.kind == .batch
            nodes[edge.child] = Node(gtin: gtin, declared: edge.quantity, remaining: isBatch ? edge.quantity : 0,
                                     parent: edge, children: [])
        }
        nodes[batch.key]?.remaining = node.remaining - checked.reduce(0) { $0 + $1.quantity }
        nodes[batch.key]?.children += edges
        lastPosition = position
        return edges
    }

    private func checkParts(_ parts: [(code: TraceCode, quantity: UInt64)], gtin: String,
                            remaining: UInt64) throws -> [SplitPart] {
        guard !parts.isEmpty else { throw ModelValidationError(.empty, field: "parts", rule: "a split needs at least one part") }
        guard parts.count <= Self.partsCountMax else {
            throw ModelValidationError(.tooMany, field: "parts", rule: "one split may have at most \(Self.partsCountMax) parts")
        }
        var seen: Set<String> = []
        var total: UInt64 = 0
        for (i, part) in parts.enumerated() {
            let field = "parts[\(i)]"
            try checkPart(part.code, quantity: part.quantity, gtin: gtin, field: field)
            guard seen.insert(part.code.key).inserted else {
                throw ModelValidationError(.duplicateKey, field: field, rule: "\(part.code.key) appears twice in one split")
            }
            let (sum, overflow) = total.addingReportingOverflow(part.quantity)
            guard !overflow, sum <= remaining else {
                throw ModelValidationError(.overQuantity, field: field,
                    rule: "the parts take more than the \(remaining) units the batch still has")
            }
            total = sum
        }
        return parts.map { SplitPart(key: $0.code.key, quantity: $0.quantity) }
    }

    private func checkPart(_ code: TraceCode, quantity: UInt64, gtin: String, field: String) throws {
        guard code.kind == .batch || code.kind == .serialisedUnit else {
            throw ModelValidationError(.notABatch, field: field,
                rule: "a part is a batch (GTIN + lot) or a serialised unit, not a \(code.kind.rawValue) code")
        }
        guard code.gtin == gtin else {
            throw ModelValidationError(.differentProduct, field: field, rule: "a part keeps the batch's GTIN \(gtin)")
        }
        try checkNew(code.key, field: field)
        guard quantity > 0, code.kind == .batch || quantity == 1 else {
            throw ModelValidationError(.outOfRange, field: field,
                rule: "a part takes at least one unit, and a serialised unit exactly one")
        }
    }

    private func checkNew(_ key: String, field: String) throws {
        guard nodes[key] == nil else {
            throw ModelValidationError(.duplicateKey, field: field, rule: "\(key) is already known; a key is unique forever")
        }
    }

    static func batchGTIN(_ code: TraceCode, field: String) throws -> String {
        guard code.kind == .batch, let gtin = code.gtin else {
            throw ModelValidationError(.notABatch, field: field,
                rule: "only a batch (GTIN + lot) is declared or split, not a \(code.kind.rawValue) code")
        }
        return gtin
    }
}
