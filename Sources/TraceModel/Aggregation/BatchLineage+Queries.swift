/// Lineage queries (R-6.3.1.3). Answers are in a fixed order, never in hash order.
extension BatchLineage {
    /// Units `key` still has to split off, nil when the key is unknown (0 for a serialised unit).
    public func remaining(of key: String) -> UInt64? { nodes[key]?.remaining }

    /// Units `key` was declared or split off with, nil when unknown.
    public func quantity(of key: String) -> UInt64? { nodes[key]?.declared }

    /// The edges from `key` up to its original batch, nearest first.
    public func ancestors(of key: String) -> [LineageEdge] {
        var found: [LineageEdge] = []
        var current = key
        while found.count < Self.depthMax, let edge = nodes[current]?.parent {
            found.append(edge)
            current = edge.parent
        }
        return found
    }

    /// Every edge below `key`, generation by generation, each generation in split order.
    public func descendants(of key: String) -> [LineageEdge] {
        var found: [LineageEdge] = []
        var level = [key]
        var generation = 0
        while generation < Self.depthMax, !level.isEmpty {
            let edges = level.flatMap { nodes[$0]?.children ?? [] }
            found += edges
            level = edges.map(\.child)
            generation += 1
        }
        return found
    }
}
