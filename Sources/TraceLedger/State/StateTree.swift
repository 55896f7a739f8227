import TraceCrypto

/// The keyed Merkle tree over a chain's state (issue 5 item 3, R-5.3.1): a
/// compressed sparse Merkle tree of depth 256. A key's path is the profile
/// hash of the application key, read most significant bit first; a leaf is
/// `keyedLeafHash(path, H(value))`; a subtree that holds one leaf hashes to
/// that leaf; an empty subtree of height h hashes to `E(h)`
/// (`MerkleHasher.emptySubtreeHashes`); any other subtree is
/// `nodeHash(left, right)`. Updates copy one path, O(log n) for hashed keys.
public struct StateTree: Sendable {
    /// Tree depth: one level per bit of a 256-bit path.
    public static let depth = 256

    public let hasher: MerkleHasher
    let emptyHashes: [[UInt8]]
    var rootNode: StateTreeNode = .empty
    /// The number of keys the tree holds.
    public internal(set) var count = 0

    public init(hasher: MerkleHasher) {
        self.hasher = hasher
        self.emptyHashes = hasher.emptySubtreeHashes(heightMax: Self.depth)
    }

    /// The root hash; `E(256)` when the tree is empty.
    public var root: [UInt8] { hash(of: rootNode, depth: 0) }

    /// The path of an application key: the profile hash of its bytes.
    public func path(of key: [UInt8]) -> [UInt8] { hasher.algorithm.hash(key) }

    /// The hash of `value` as the leaf commits to it.
    public func valueHash(of value: [UInt8]) -> [UInt8] { hasher.algorithm.hash(value) }

    /// Sets `key` to `value` (inserting or replacing).
    public mutating func set(key: [UInt8], value: [UInt8]) {
        set(path: path(of: key), valueHash: valueHash(of: value))
    }

    /// Removes `key`; nothing happens when it is absent.
    public mutating func remove(key: [UInt8]) { remove(path: path(of: key)) }

    /// The value hash stored under `key`, if any.
    public func valueHash(forKey key: [UInt8]) -> [UInt8]? { valueHash(forPath: path(of: key)) }

    mutating func set(path: [UInt8], valueHash: [UInt8]) {
        precondition(path.count == hasher.algorithm.digestCount, "a path is one digest")
        let leaf = StateTreeLeaf(path: path, valueHash: valueHash, hasher: hasher)
        var added = false
        rootNode = inserting(leaf, into: rootNode, depth: 0, added: &added)
        if added { count += 1 }
    }

    mutating func remove(path: [UInt8]) {
        var removed = false
        rootNode = removing(path, from: rootNode, depth: 0, removed: &removed)
        if removed { count -= 1 }
    }

    func valueHash(forPath path: [UInt8]) -> [UInt8]? {
        var node = rootNode
        var depth = 0
        while true {
            switch node {
            case .empty: return nil
            case .leaf(let leaf): return leaf.path == path ? leaf.valueHash : nil
            case .branch(let branch):
                node = StateTreeNode.bit(path, depth) ? branch.right : branch.left
                depth += 1
            }
        }
    }

    func hash(of node: StateTreeNode, depth: Int) -> [UInt8] {
        switch node {
        case .empty: return emptyHashes[Self.depth - depth]
        case .leaf(let leaf): return leaf.hash
        case .branch(let branch): return branch.hash
        }
    }

    func branch(_ left: StateTreeNode, _ right: StateTreeNode, depth: Int) -> StateTreeNode {
        let hash = hasher.nodeHash(self.hash(of: left, depth: depth + 1), self.hash(of: right, depth: depth + 1))
        return .branch(StateTreeBranch(left: left, right: right, hash: hash))
    }

    private func inserting(_ leaf: StateTreeLeaf, into node: StateTreeNode, depth: Int, added: inout Bool) -> StateTreeNode {
        switch node {
        case .empty:
            added = true
            return .leaf(leaf)
        case .leaf(let existing):
            if existing.path == leaf.path { return .leaf(leaf) }
            added = true
            return split(existing, leaf, depth: depth)
        case .branch(let branch):
            if StateTreeNode.bit(leaf.path, depth) {
                return self.branch(branch.left, inserting(leaf, into: branch.right, depth: depth + 1, added: &added), depth: depth)
            }
            return self.branch(inserting(leaf, into: branch.left, depth: depth + 1, added: &added), branch.right, depth: depth)
        }
    }

    /// The subtree at `depth` holding two leaves of different paths.
    private func split(_ a: StateTreeLeaf, _ b: StateTreeLeaf, depth: Int) -> StateTreeNode {
        precondition(depth < Self.depth, "two distinct paths differ within 256 bits")
        let bitA = StateTreeNode.bit(a.path, depth)
        if bitA == StateTreeNode.bit(b.path, depth) {
            let below = split(a, b, depth: depth + 1)
            return bitA ? branch(.empty, below, depth: depth) : branch(below, .empty, depth: depth)
        }
        return bitA ? branch(.leaf(b), .leaf(a), depth: depth) : branch(.leaf(a), .leaf(b), depth: depth)
    }

    private func removing(_ path: [UInt8], from node: StateTreeNode, depth: Int, removed: inout Bool) -> StateTreeNode {
        switch node {
        case .empty: return .empty
        case .leaf(let leaf):
            guard leaf.path == path else { return node }
            removed = true
            return .empty
        case .branch(let branch):
            let goesRight = StateTreeNode.bit(path, depth)
            let child = removing(path, from: goesRight ? branch.right : branch.left, depth: depth + 1, removed: &removed)
            guard removed else { return node }
            let left = goesRight ? branch.left : child
            let right = goesRight ? child : branch.right
            return collapsed(left, right, depth: depth)
        }
    }

    /// A subtree left holding one leaf becomes that leaf (also how a batch
    /// update joins two rebuilt subtrees: `StateTree+Batch.swift`).
    func collapsed(_ left: StateTreeNode, _ right: StateTreeNode, depth: Int) -> StateTreeNode {
        switch (left, right) {
        case (.empty, .empty): return .empty
        case (.empty, .leaf): return right
        case (.leaf, .empty): return left
        default: return branch(left, right, depth: depth)
        }
    }
}

/// A node of the persistent state tree; subtrees are shared between versions.
indirect enum StateTreeNode: Sendable {
    case empty
    case leaf(StateTreeLeaf)
    case branch(StateTreeBranch)

    /// Bit `index` of `path`, most significant bit of byte 0 first.
    static func bit(_ path: [UInt8], _ index: Int) -> Bool {
        (path[index >> 3] >> (7 - UInt8(index & 7))) & 1 == 1
    }
}

struct StateTreeLeaf: Sendable {
    let path: [UInt8]
    let valueHash: [UInt8]
    let hash: [UInt8]

    init(path: [UInt8], valueHash: [UInt8], hasher: MerkleHasher) {
        self.path = path
        self.valueHash = valueHash
        self.hash = hasher.keyedLeafHash(key: path, valueHash: valueHash)
    }
}

struct StateTreeBranch: Sendable {
    let left: StateTreeNode
    let right: StateTreeNode
    let hash: [UInt8]
}
