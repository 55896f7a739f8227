import TraceCrypto
@testable import TraceLedger

/// A dumb state tree straight from the definition (STYLE.md #16): no nodes,
/// no caching; every root and proof re-partitions the whole key set bit by
/// bit, down to 256 levels.
struct ReferenceStateTree {
    let hasher: MerkleHasher
    /// (path, value hash), any order.
    var entries: [([UInt8], [UInt8])] = []

    func bit(_ path: [UInt8], _ index: Int) -> Bool { (path[index / 8] >> (7 - UInt8(index % 8))) & 1 == 1 }

    /// E(0…256), by the definition: E(0) = H(0x02), E(h + 1) = node(E(h), E(h)).
    let emptyHashes: [[UInt8]]

    init(hasher: MerkleHasher) {
        self.hasher = hasher
        var hashes = [hasher.algorithm.hash([0x02])]
        for _ in 0..<256 { hashes.append(hasher.nodeHash(hashes[hashes.count - 1], hashes[hashes.count - 1])) }
        self.emptyHashes = hashes
    }

    func emptyHash(height: Int) -> [UInt8] { emptyHashes[height] }

    func subtreeHash(_ subset: [([UInt8], [UInt8])], depth: Int) -> [UInt8] {
        if subset.isEmpty { return emptyHash(height: 256 - depth) }
        if subset.count == 1 { return hasher.keyedLeafHash(key: subset[0].0, valueHash: subset[0].1) }
        let left = subset.filter { !bit($0.0, depth) }
        let right = subset.filter { bit($0.0, depth) }
        return hasher.nodeHash(subtreeHash(left, depth: depth + 1), subtreeHash(right, depth: depth + 1))
    }

    var root: [UInt8] { subtreeHash(entries, depth: 0) }

    func proof(path: [UInt8]) -> StateProof {
        var subset = entries
        var siblings: [[UInt8]] = []
        for depth in 0..<256 {
            if subset.count <= 1 { break }
            let same = subset.filter { bit($0.0, depth) == bit(path, depth) }
            let other = subset.filter { bit($0.0, depth) != bit(path, depth) }
            siblings.append(subtreeHash(other, depth: depth + 1))
            subset = same
        }
        guard let only = subset.first else { return StateProof(siblings: siblings, terminal: .empty) }
        return StateProof(siblings: siblings, terminal: .leaf(path: only.0, valueHash: only.1))
    }

    mutating func set(path: [UInt8], valueHash: [UInt8]) {
        entries.removeAll { $0.0 == path }
        entries.append((path, valueHash))
    }

    mutating func remove(path: [UInt8]) { entries.removeAll { $0.0 == path } }
}
