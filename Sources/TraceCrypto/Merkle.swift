/// Merkle hashing with domain separation of leaves and interior nodes, as
/// RFC 6962 §2.1 does: leaf = H(0x00 ‖ data), node = H(0x01 ‖ left ‖ right),
/// empty tree = H(""). SHA-256 in the `standard` profile, SM3 in `national`.
public struct MerkleHasher: Hashable, Sendable {
    public let algorithm: HashAlgorithm

    public init(_ algorithm: HashAlgorithm) { self.algorithm = algorithm }

    public static let leafPrefix: UInt8 = 0x00
    public static let nodePrefix: UInt8 = 0x01
    /// Prefix of the empty-subtree hash of a keyed (sparse) state tree.
    public static let emptyPrefix: UInt8 = 0x02

    /// RFC 6962 MTH of an empty list: H of no bytes.
    public var emptyRoot: [UInt8] { algorithm.hash([]) }

    public func leafHash(_ data: [UInt8]) -> [UInt8] { algorithm.hash(prefix: Self.leafPrefix, data, []) }

    public func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        algorithm.hash(prefix: Self.nodePrefix, left, right)
    }

    /// Leaf of a keyed state tree: H(0x00 ‖ key ‖ H(value)), so a proof can
    /// show a key's value without the whole value.
    public func keyedLeafHash(key: [UInt8], valueHash: [UInt8]) -> [UInt8] {
        algorithm.hash(prefix: Self.leafPrefix, key, valueHash)
    }

    /// The hash of an empty subtree of `height` in a keyed state tree:
    /// E(0) = H(0x02), E(h + 1) = node(E(h), E(h)). At most 256 levels.
    public func emptySubtreeHashes(heightMax: Int) -> [[UInt8]] {
        precondition((0...256).contains(heightMax), "state trees are at most 256 levels deep")
        var hashes = [algorithm.hash([Self.emptyPrefix])]
        for _ in 0..<heightMax { hashes.append(nodeHash(hashes[hashes.count - 1], hashes[hashes.count - 1])) }
        return hashes
    }
}

/// RFC 6962 Merkle tree over a list of leaves.
public enum MerkleTree {
    /// The root (MTH) of the leaves `data`.
    public static func root(of data: [[UInt8]], hasher: MerkleHasher) -> [UInt8] {
        root(leafHashes: data.map(hasher.leafHash), hasher: hasher)
    }

    /// The root of already-hashed leaves. Builds levels bottom-up, carrying an
    /// odd last node up unchanged, which is RFC 6962's split at the largest power of two.
    public static func root(leafHashes: [[UInt8]], hasher: MerkleHasher) -> [UInt8] {
        guard !leafHashes.isEmpty else { return hasher.emptyRoot }
        var level = leafHashes
        while level.count > 1 { level = nextLevel(level, hasher) }
        return level[0]
    }

    /// The audit path (RFC 6962 §2.1.1 PATH) of leaf `index`, leaf level first.
    public static func inclusionProof(index: Int, leafHashes: [[UInt8]], hasher: MerkleHasher) -> InclusionProof? {
        guard index >= 0, index < leafHashes.count else { return nil }
        var path: [[UInt8]] = []
        var level = leafHashes
        var position = index
        while level.count > 1 {
            let sibling = position ^ 1
            if sibling < level.count { path.append(level[sibling]) }
            level = nextLevel(level, hasher)
            position >>= 1
        }
        return InclusionProof(leafIndex: UInt64(index), treeSize: UInt64(leafHashes.count), path: path)
    }

    private static func nextLevel(_ level: [[UInt8]], _ hasher: MerkleHasher) -> [[UInt8]] {
        var next: [[UInt8]] = []
        next.reserveCapacity((level.count + 1) / 2)
        var index = 0
        while index + 1 < level.count {
            next.append(hasher.nodeHash(level[index], level[index + 1]))
            index += 2
        }
        if index < level.count { next.append(level[index]) }
        return next
    }
}
