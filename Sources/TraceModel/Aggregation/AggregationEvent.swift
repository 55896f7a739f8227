/// An EPCIS 2.0 AggregationEvent reduced to what containment needs (R-6.3.1.3):
/// at `position`, `children` were packed into (`add`) or taken out of (`delete`) the
/// logistic unit `parent`, named by its SSCC. Keys are canonical trace code keys (R-5.1-a).
public struct AggregationEvent: Sendable, Hashable {
    /// EPCIS `action` of an AggregationEvent (OBSERVE changes nothing and is not kept here).
    public enum Action: String, Sendable, Hashable, Codable {
        /// EPCIS ADD: the children go into the parent.
        case add
        /// EPCIS DELETE: the children come out; with no children, everything inside comes out.
        case delete
    }

    public let position: RecordPosition
    public let time: Timestamp
    public let action: Action
    /// EPCIS `parentID`: the canonical key of an SSCC.
    public let parent: String
    /// EPCIS `childEPCs`: canonical keys, in the order given.
    public let children: [String]

    /// At most this many children in one event (as `Record.childIDsCountMax`).
    public static let childrenCountMax = Record.childIDsCountMax

    /// Builds an event from trace codes: the parent must be an SSCC, each child a serialised
    /// unit, a batch, an SSCC or a platform code, no child twice, none equal to the parent.
    public init(position: RecordPosition, time: Timestamp, action: Action,
                parent: TraceCode, children: [TraceCode]) throws {
        guard parent.kind == .sscc else {
            throw ModelValidationError(.notAContainer, field: "parent",
                rule: "a container must be a logistic unit named by its SSCC, not a \(parent.kind.rawValue) code")
        }
        guard children.count <= Self.childrenCountMax else {
            throw ModelValidationError(.tooMany, field: "children",
                rule: "one event may hold at most \(Self.childrenCountMax) children")
        }
        if action == .add, children.isEmpty {
            throw ModelValidationError(.empty, field: "children", rule: "an add event needs at least one child")
        }
        let parentKey = parent.key
        var seen: Set<String> = []
        for (i, child) in children.enumerated() {
            try Self.checkChild(child, parentKey: parentKey, seen: &seen, field: "children[\(i)]")
        }
        self.position = position
        self.time = time
        self.action = action
        self.parent = parentKey
        self.children = children.map(\.key)
    }

    private static func checkChild(_ child: TraceCode, parentKey: String, seen: inout Set<String>, field: String) throws {
        switch child.kind {
        case .serialisedUnit, .batch, .sscc, .platform:
            break
        case .gtin, .gln:
            throw ModelValidationError(.notContainable, field: field,
                rule: "a \(child.kind.rawValue) code names a product class or a place, not something that can be packed")
        }
        let key = child.key
        guard key != parentKey else {
            throw ModelValidationError(.containmentCycle, field: field, rule: "a unit cannot contain itself")
        }
        guard seen.insert(key).inserted else {
            throw ModelValidationError(.duplicateKey, field: field, rule: "\(key) appears twice in one event")
        }
    }
}
