import TraceCrypto

/// Many changes at once (a block's): sorted by path, applied in one descent
/// that rebuilds — and hashes — each touched node once, instead of once per
/// change on its path (issue 7: per-change updates were 9% of a validator's
/// loop). The compressed tree's shape depends only on the set of leaves, so
/// the result equals applying the changes one by one (a test checks roots
/// and proofs against that).
extension StateTree {
    /// A change with its path and, for a set, the leaf it writes.
    struct PathChange {
        let path: [UInt8]
        let leaf: StateTreeLeaf?
    }

    /// Applies `changes` (distinct keys) as one batch.
    public mutating func apply(batch changes: [StateChange]) {
        let hasher = self.hasher
        let sorted = changes.map { change in
            let path = self.path(of: change.key)
            return PathChange(path: path, leaf: change.value.map {
                StateTreeLeaf(path: path, valueHash: self.valueHash(of: $0), hasher: hasher)
            })
        }.sorted { $0.path.lexicographicallyPrecedes($1.path) }
        var delta = 0
        rootNode = applying(sorted[...], to: rootNode, depth: 0, delta: &delta)
        count += delta
    }

    private func applying(_ changes: ArraySlice<PathChange>, to node: StateTreeNode, depth: Int,
                          delta: inout Int) -> StateTreeNode {
        guard let first = changes.first else { return node }
        if changes.count == 1 {
            switch node {
            case .empty:
                if let leaf = first.leaf { delta += 1; return .leaf(leaf) }
                return .empty
            case .leaf(let existing) where existing.path == first.path:
                if let leaf = first.leaf { return .leaf(leaf) }
                delta -= 1
                return .empty
            case .leaf, .branch:
                break
            }
        }
        precondition(depth < Self.depth, "distinct paths differ within 256 bits")
        let (left, right) = children(of: node, depth: depth)
        let split = changes.firstIndex { StateTreeNode.bit($0.path, depth) } ?? changes.endIndex
        let newLeft = applying(changes[..<split], to: left, depth: depth + 1, delta: &delta)
        let newRight = applying(changes[split...], to: right, depth: depth + 1, delta: &delta)
        return collapsed(newLeft, newRight, depth: depth)
    }

    /// A node's two subtrees one level down; a leaf goes to the side its path names.
    private func children(of node: StateTreeNode, depth: Int) -> (StateTreeNode, StateTreeNode) {
        switch node {
        case .empty: return (.empty, .empty)
        case .leaf(let leaf): return StateTreeNode.bit(leaf.path, depth) ? (.empty, node) : (node, .empty)
        case .branch(let branch): return (branch.left, branch.right)
        }
    }
}
