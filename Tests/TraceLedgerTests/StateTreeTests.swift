import Testing
import TraceCrypto
@testable import TraceLedger
import TraceTestSupport

/// Issue 5 item 3: the sparse Merkle state tree against a dumb
/// reference built from the definition, in both profiles.
@Suite struct StateTreeTests {
    @Test(arguments: bothHashers)
    func emptyTreeRootIsEmptySubtreeOfHeight256(hasher: MerkleHasher) {
        let tree = StateTree(hasher: hasher)
        #expect(tree.root == hasher.emptySubtreeHashes(heightMax: 256)[256])
        #expect(tree.proof(key: [1, 2, 3]).verify(key: [1, 2, 3], root: tree.root, hasher: hasher) == .absent)
        #expect(tree.proof(key: [1]).terminal == .empty)
    }

    @Test(arguments: bothHashers)
    func oneKeyTreeRootIsItsLeaf(hasher: MerkleHasher) {
        var tree = StateTree(hasher: hasher)
        tree.set(key: Array("k".utf8), value: Array("v".utf8))
        let leaf = hasher.keyedLeafHash(key: hasher.algorithm.hash(Array("k".utf8)), valueHash: hasher.algorithm.hash(Array("v".utf8)))
        #expect(tree.root == leaf)
        #expect(tree.count == 1)
        tree.remove(key: Array("k".utf8))
        #expect(tree.root == hasher.emptySubtreeHashes(heightMax: 256)[256])
        #expect(tree.count == 0)
    }

    /// Random sets of application keys, with overwrites and removals: same
    /// root as the reference after every step; same proofs and verdicts.
    static let seededCases: [(UInt64, MerkleHasher)] = [(1, MerkleHasher(.sha256)), (2, MerkleHasher(.sha256)),
                                                         (3, MerkleHasher(.sm3)), (4, MerkleHasher(.sm3))]

    @Test(arguments: seededCases)
    func r5_3_1_matchesReferenceOnRandomKeys(seed: UInt64, hasher: MerkleHasher) {
        var random = SeededGenerator(seed: seed)
        var tree = StateTree(hasher: hasher)
        var reference = ReferenceStateTree(hasher: hasher)
        var keys: [[UInt8]] = []
        for _ in 0..<60 {
            let key = random.bytes(Int.random(in: 1...12, using: &random))
            let value = random.bytes(Int.random(in: 0...20, using: &random))
            if !keys.isEmpty && Int.random(in: 0..<4, using: &random) == 0 {
                let victim = keys.remove(at: Int.random(in: 0..<keys.count, using: &random))
                tree.remove(key: victim)
                reference.remove(path: hasher.algorithm.hash(victim))
            } else {
                keys.append(key)
                tree.set(key: key, value: value)
                reference.set(path: hasher.algorithm.hash(key), valueHash: hasher.algorithm.hash(value))
            }
            #expect(tree.root == reference.root)
            #expect(tree.count == reference.entries.count)
        }
        for key in keys + (0..<20).map({ _ in random.bytes(5) }) {
            let path = hasher.algorithm.hash(key)
            let proof = tree.proof(key: key)
            #expect(proof == reference.proof(path: path))
            let expected: StateProofVerdict = tree.valueHash(forKey: key).map { .member(valueHash: $0) } ?? .absent
            #expect(proof.verify(key: key, root: tree.root, hasher: hasher) == expected)
            #expect(reference.proof(path: path).verify(key: key, root: reference.root, hasher: hasher) == expected)
        }
    }

    /// Paths that share 255 bits force a split at the deepest level and a
    /// collapse all the way up on removal.
    @Test(arguments: bothHashers)
    func deepSplitAndCollapse(hasher: MerkleHasher) {
        var tree = StateTree(hasher: hasher)
        var reference = ReferenceStateTree(hasher: hasher)
        let base = [UInt8](repeating: 0xA5, count: 32)
        var sibling = base
        sibling[31] ^= 0x01
        var third = base
        third[0] ^= 0x80
        for (path, value) in [(base, [UInt8(1)]), (sibling, [2]), (third, [3])] {
            tree.set(path: path, valueHash: hasher.algorithm.hash(value))
            reference.set(path: path, valueHash: hasher.algorithm.hash(value))
            #expect(tree.root == reference.root)
        }
        #expect(tree.proof(path: base).siblings.count == 256)
        #expect(tree.proof(path: base) == reference.proof(path: base))
        #expect(tree.proof(path: base).verify(path: base, root: tree.root, hasher: hasher) == .member(valueHash: hasher.algorithm.hash([1])))
        tree.remove(path: sibling)
        reference.remove(path: sibling)
        #expect(tree.root == reference.root)
        #expect(tree.proof(path: base).siblings.count == 1)
        #expect(tree.proof(path: sibling).verify(path: sibling, root: tree.root, hasher: hasher) == .absent)
    }

    @Test(arguments: bothHashers)
    func rootIndependentOfInsertionOrder(hasher: MerkleHasher) {
        var random = SeededGenerator(seed: 77)
        let pairs = (0..<40).map { _ in (random.bytes(8), random.bytes(8)) }
        var forward = StateTree(hasher: hasher)
        var backward = StateTree(hasher: hasher)
        for (key, value) in pairs { forward.set(key: key, value: value) }
        for (key, value) in pairs.reversed() { backward.set(key: key, value: value) }
        #expect(forward.root == backward.root)
        var shrunk = forward
        for (key, _) in pairs.dropFirst(20) { shrunk.remove(key: key) }
        var rebuilt = StateTree(hasher: hasher)
        for (key, value) in pairs.prefix(20) { rebuilt.set(key: key, value: value) }
        #expect(shrunk.root == rebuilt.root)
        #expect(forward.count == 40 && shrunk.count == 20)
    }
}

/// Issue 5 item 3: the tree stays shallow, so updates and proofs are O(log n).
@Suite struct StateTreeDepthTests {
    @Test func proofsStayLogarithmic() {
        var tree = StateTree(hasher: MerkleHasher(.sha256))
        for index in 0..<4_000 { tree.set(key: Array("key-\(index)".utf8), value: [UInt8(index & 0xff)]) }
        let depths = (0..<4_000).map { tree.proof(key: Array("key-\($0)".utf8)).siblings.count }
        #expect(tree.count == 4_000)
        #expect(depths.max() ?? 0 <= 40)
        #expect(Double(depths.reduce(0, +)) / Double(depths.count) < 16)
    }
}
