import Testing
import TraceCrypto
@testable import TraceLedger
import TraceTestSupport

/// with issue 7: a block's changes applied in one batch give the
/// same tree as applying them one at a time — same root, count and proofs —
/// for seeded mixes of inserts, replacements and removals, present or not.
@Suite struct StateTreeBatchTests {
    static func key(_ n: UInt64) -> [UInt8] { Array("k\(n)".utf8) }

    @Test func r5_3_1_batchEqualsOneAtATime() {
        var random = SeededGenerator(seed: 2026)
        for hasher in [MerkleHasher(.sha256), MerkleHasher(.sm3)] {
            for round in 0..<40 {
                var sequential = StateTree(hasher: hasher)
                let existing = Int(random.next() % 200)
                for n in 0..<existing { sequential.set(key: Self.key(UInt64(n)), value: [UInt8(n & 0xFF), 1]) }
                var batched = sequential
                var changes: [[UInt8]: [UInt8]?] = [:]
                for _ in 0..<Int(random.next() % 120) {
                    let key = Self.key(random.next() % 400)
                    changes[key] = random.next() % 3 == 0 ? .some(nil) : .some([UInt8(truncatingIfNeeded: random.next())])
                }
                let list = changes.map { StateChange(key: $0.key, value: $0.value) }
                for change in list.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                    if let value = change.value { sequential.set(key: change.key, value: value) } else { sequential.remove(key: change.key) }
                }
                batched.apply(batch: list)
                #expect(batched.root == sequential.root, "round \(round)")
                #expect(batched.count == sequential.count, "round \(round)")
                for n in stride(from: UInt64(0), to: 400, by: 37) {
                    #expect(batched.proof(key: Self.key(n)) == sequential.proof(key: Self.key(n)), "round \(round) key \(n)")
                }
            }
        }
    }

    @Test func r5_3_1_batchOnEmptyAndToEmpty() {
        let hasher = MerkleHasher(.sha256)
        var tree = StateTree(hasher: hasher)
        tree.apply(batch: [StateChange(key: Self.key(1), value: nil)])
        #expect(tree.root == StateTree(hasher: hasher).root && tree.count == 0)
        tree.apply(batch: (0..<5).map { StateChange(key: Self.key($0), value: [1]) })
        #expect(tree.count == 5)
        tree.apply(batch: (0..<5).map { StateChange(key: Self.key($0), value: nil) })
        #expect(tree.root == StateTree(hasher: hasher).root && tree.count == 0)
    }
}
