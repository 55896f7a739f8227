import TraceCrypto

/// A membership or non-membership proof for one key of a `StateTree`
/// (issue 5 item 3). `siblings[d]` is the hash of the sibling subtree at
/// depth d + 1 along the key's path, root level first; the walk ends at depth
/// `siblings.count` in the `terminal` subtree: empty, or a single leaf.
/// Checking needs only the root, the hasher and the proof.
public struct StateProof: Hashable, Sendable {
    public enum Terminal: Hashable, Sendable {
        /// The key's subtree is empty: the key is absent.
        case empty
        /// The key's subtree is one leaf: the key itself (membership) or
        /// another key sharing the path prefix (non-membership).
        case leaf(path: [UInt8], valueHash: [UInt8])
    }

    public let siblings: [[UInt8]]
    public let terminal: Terminal

    public init(siblings: [[UInt8]], terminal: Terminal) {
        self.siblings = siblings
        self.terminal = terminal
    }
}

/// What a state proof shows about a key under a root.
public enum StateProofVerdict: Hashable, Sendable {
    /// The key is in the tree with this value hash.
    case member(valueHash: [UInt8])
    /// The key is not in the tree.
    case absent
    /// The proof does not prove anything under this root.
    case invalid
}

extension StateProof {
    /// What this proof shows about application key `key` under `root`.
    public func verify(key: [UInt8], root: [UInt8], hasher: MerkleHasher) -> StateProofVerdict {
        verify(path: hasher.algorithm.hash(key), root: root, hasher: hasher)
    }

    /// Whether this proof shows `key` holding exactly `value` under `root`.
    public func verifyMembership(key: [UInt8], value: [UInt8], root: [UInt8], hasher: MerkleHasher) -> Bool {
        verify(key: key, root: root, hasher: hasher) == .member(valueHash: hasher.algorithm.hash(value))
    }

    /// Whether this proof shows `key` absent under `root`.
    public func verifyNonMembership(key: [UInt8], root: [UInt8], hasher: MerkleHasher) -> Bool {
        verify(key: key, root: root, hasher: hasher) == .absent
    }

    /// What this proof shows about the 256-bit `path` under `root`.
    public func verify(path: [UInt8], root: [UInt8], hasher: MerkleHasher) -> StateProofVerdict {
        let digestCount = hasher.algorithm.digestCount
        guard path.count == digestCount, root.count == digestCount, siblings.count <= StateTree.depth,
              siblings.allSatisfy({ $0.count == digestCount }) else { return .invalid }
        let depth = siblings.count
        var computed: [UInt8]
        let verdict: StateProofVerdict
        switch terminal {
        case .empty:
            computed = hasher.emptySubtreeHashes(heightMax: StateTree.depth - depth)[StateTree.depth - depth]
            verdict = .absent
        case .leaf(let leafPath, let valueHash):
            guard leafPath.count == digestCount, valueHash.count == digestCount,
                  Self.sharesPrefix(leafPath, path, bits: depth) else { return .invalid }
            computed = hasher.keyedLeafHash(key: leafPath, valueHash: valueHash)
            verdict = leafPath == path ? .member(valueHash: valueHash) : .absent
        }
        for level in stride(from: depth - 1, through: 0, by: -1) {
            computed = StateTreeNode.bit(path, level)
                ? hasher.nodeHash(siblings[level], computed)
                : hasher.nodeHash(computed, siblings[level])
        }
        return computed == root ? verdict : .invalid
    }

    static func sharesPrefix(_ a: [UInt8], _ b: [UInt8], bits: Int) -> Bool {
        (0..<bits).allSatisfy { StateTreeNode.bit(a, $0) == StateTreeNode.bit(b, $0) }
    }
}

extension StateTree {
    /// The proof for application key `key`: membership when present, non-membership otherwise.
    public func proof(key: [UInt8]) -> StateProof { proof(path: path(of: key)) }

    func proof(path: [UInt8]) -> StateProof {
        var siblings: [[UInt8]] = []
        var node = rootNode
        var depth = 0
        while true {
            switch node {
            case .empty: return StateProof(siblings: siblings, terminal: .empty)
            case .leaf(let leaf): return StateProof(siblings: siblings, terminal: .leaf(path: leaf.path, valueHash: leaf.valueHash))
            case .branch(let branch):
                let right = StateTreeNode.bit(path, depth)
                siblings.append(hash(of: right ? branch.left : branch.right, depth: depth + 1))
                node = right ? branch.right : branch.left
                depth += 1
            }
        }
    }
}
