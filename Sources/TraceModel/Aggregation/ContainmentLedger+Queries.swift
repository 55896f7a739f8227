/// A unit found inside a container, `depth` levels down (1 = directly inside).
public struct ContainedUnit: Sendable, Hashable {
    public let key: String
    public let depth: Int
}

/// Queries at a position (R-6.3.1.3). Every answer is sorted, never in hash order.
extension ContainmentLedger {
    /// The container `key` was directly inside at `position`, if any.
    public func parent(of key: String, at position: RecordPosition) -> String? {
        guard let indices = spansByChild[key] else { return nil }
        // Spans of one child are in position order and do not overlap: take the last
        // one that started at or before `position`.
        var low = 0
        var high = indices.count
        while low < high {
            let mid = (low + high) / 2
            if spans[indices[mid]].from <= position { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let span = spans[indices[low - 1]]
        return span.covers(position) ? span.parent : nil
    }

    /// The containers above `key` at `position`, nearest first (carton, then pallet …).
    public func chain(of key: String, at position: RecordPosition) -> [String] {
        var chain: [String] = []
        var current = key
        while chain.count < Self.depthMax, let next = parent(of: current, at: position) {
            chain.append(next)
            current = next
        }
        return chain
    }

    /// What `container` held directly at `position`, sorted by key.
    public func contents(of container: String, at position: RecordPosition) -> [String] {
        guard let indices = spansByParent[container] else { return [] }
        return indices.map { spans[$0] }.filter { $0.covers(position) }.map(\.child).sorted()
    }

    /// Everything inside `container` at `position`, however deep (at most `depthMax`
    /// levels), sorted by depth then key.
    public func allContents(of container: String, at position: RecordPosition) -> [ContainedUnit] {
        var found: [ContainedUnit] = []
        var level = [container]
        var depth = 1
        while depth <= Self.depthMax, !level.isEmpty {
            let next = level.flatMap { contents(of: $0, at: position) }.sorted()
            found += next.map { ContainedUnit(key: $0, depth: depth) }
            level = next
            depth += 1
        }
        return found
    }

    /// Every stay of `key` in a container, in position order.
    public func history(of key: String) -> [ContainmentSpan] {
        (spansByChild[key] ?? []).map { spans[$0] }
    }

    /// The records on containers that apply to `unit` (R-6.3.1.3): those whose container
    /// held the unit, directly or through other containers, at the record's own position.
    /// The answer keeps the order of `records`.
    public func recordsApplying<R>(to unit: String, among records: [R],
                                   position: KeyPath<R, RecordPosition>,
                                   container: KeyPath<R, String>) -> [R] {
        records.filter { record in
            chain(of: unit, at: record[keyPath: position]).contains(record[keyPath: container])
        }
    }
}
