/// One stay of a unit in a container: from the add event's position (included) until the
/// delete event's position (excluded), or still inside when `until` is nil.
public struct ContainmentSpan: Sendable, Hashable {
    public let child: String
    public let parent: String
    public let from: RecordPosition
    public let until: RecordPosition?

    /// Whether the child was inside the parent at `position`.
    public func covers(_ position: RecordPosition) -> Bool {
        from <= position && (until.map { position < $0 } ?? true)
    }
}

/// The append-only log of aggregation events of the trade chain (R-6.3.1.3): items into
/// cartons into pallets by SSCC, and out again. It keeps every stay as a span, so it can
/// say what a container held, and where a unit was, at any position — which is what lets
/// a record on a container apply to what it held (docs/aggregation.md).
///
/// Rules, each refused with its `ModelValidationError` code: positions only increase
/// (`position_not_increasing`); a child is in one parent at a time (`already_contained`);
/// no cycles (`containment_cycle`); at most `depthMax` containers above any unit
/// (`too_deep`); a delete takes out only what is inside (`not_contained`). A refused
/// event changes nothing.
public struct ContainmentLedger: Sendable {
    /// Containers above a unit at most: item → inner pack → case → pallet … eight levels.
    public static let depthMax = 8

    public private(set) var events: [AggregationEvent] = []
    public private(set) var spans: [ContainmentSpan] = []
    /// Span indices by child, in position order (spans of one child never overlap).
    var spansByChild: [String: [Int]] = [:]
    /// Span indices by parent, in position order.
    var spansByParent: [String: [Int]] = [:]
    /// The open span of each child that is inside something now.
    var openSpan: [String: Int] = [:]
    /// What each container holds now.
    var inside: [String: Set<String>] = [:]

    public init() {}

    /// Checks `event` against the current state and appends it, or throws and changes nothing.
    public mutating func append(_ event: AggregationEvent) throws {
        try RecordPosition.checkIncreasing(event.position, after: events.last?.position, field: "position")
        switch event.action {
        case .add:
            try checkAdd(event)
            for child in event.children { open(child: child, parent: event.parent, at: event.position) }
        case .delete:
            for child in try childrenToDelete(event) { close(child: child, at: event.position) }
        }
        events.append(event)
    }

    private func checkAdd(_ event: AggregationEvent) throws {
        let above = currentChain(of: event.parent)
        for (i, child) in event.children.enumerated() {
            let field = "children[\(i)]"
            if let index = openSpan[child] {
                throw ModelValidationError(.alreadyContained, field: field,
                    rule: "\(child) is already inside \(spans[index].parent); a unit is in one container at a time — delete it there first")
            }
            if above.contains(child) {
                throw ModelValidationError(.containmentCycle, field: field,
                    rule: "\(child) holds \(event.parent), so it cannot go inside it")
            }
            let depth = above.count + 1 + height(of: child)
            if depth > Self.depthMax {
                throw ModelValidationError(.tooDeep, field: field,
                    rule: "nesting \(child) there would put \(depth) containers above a unit; at most \(Self.depthMax)")
            }
        }
    }

    private func childrenToDelete(_ event: AggregationEvent) throws -> [String] {
        let now = inside[event.parent] ?? []
        if event.children.isEmpty {
            guard !now.isEmpty else {
                throw ModelValidationError(.notContained, field: "children",
                    rule: "\(event.parent) holds nothing, so there is nothing to take out")
            }
            return now.sorted()
        }
        for (i, child) in event.children.enumerated() where !now.contains(child) {
            throw ModelValidationError(.notContained, field: "children[\(i)]",
                rule: "\(child) is not inside \(event.parent); only what is inside can be taken out")
        }
        return event.children
    }

    /// The containers above `key` now, nearest first.
    func currentChain(of key: String) -> [String] {
        var chain: [String] = []
        var current = key
        while chain.count <= Self.depthMax, let index = openSpan[current] {
            current = spans[index].parent
            chain.append(current)
        }
        return chain
    }

    /// Levels of containers nested inside `key` now (0 when it holds nothing).
    func height(of key: String, level: Int = 0) -> Int {
        guard level <= Self.depthMax, let held = inside[key], !held.isEmpty else { return 0 }
        return 1 + held.map { height(of: $0, level: level + 1) }.reduce(0, max)
    }

    private mutating func open(child: String, parent: String, at position: RecordPosition) {
        let index = spans.count
        spans.append(ContainmentSpan(child: child, parent: parent, from: position, until: nil))
        spansByChild[child, default: []].append(index)
        spansByParent[parent, default: []].append(index)
        openSpan[child] = index
        inside[parent, default: []].insert(child)
    }

    private mutating func close(child: String, at position: RecordPosition) {
        guard let index = openSpan.removeValue(forKey: child) else {
            preconditionFailure("closing a span that is not open: checked before")
        }
        let span = spans[index]
        spans[index] = ContainmentSpan(child: child, parent: span.parent, from: span.from, until: position)
        inside[span.parent]?.remove(child)
        if inside[span.parent]?.isEmpty == true { inside[span.parent] = nil }
    }
}
