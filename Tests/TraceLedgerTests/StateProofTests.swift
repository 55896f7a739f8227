import Testing
import TraceCrypto
@testable import TraceLedger
import TraceTestSupport

/// Issue 5 item 3: every mutation of a state proof is rejected; the binary
/// form survives random and mutated bytes.
@Suite struct StateProofTests {
    static func fixture(_ hasher: MerkleHasher) -> StateTree {
        var tree = StateTree(hasher: hasher)
        var random = SeededGenerator(seed: 5)
        for index in 0..<50 { tree.set(key: Array("key-\(index)".utf8), value: random.bytes(10)) }
        return tree
    }

    /// Variants of `proof`: each hash byte flipped, siblings dropped, added
    /// and swapped, the terminal replaced.
    static func mutations(of proof: StateProof, otherPath: [UInt8]) -> [StateProof] {
        var out: [StateProof] = []
        for level in proof.siblings.indices {
            for byte in 0..<32 {
                var siblings = proof.siblings
                siblings[level][byte] ^= 0x01
                out.append(StateProof(siblings: siblings, terminal: proof.terminal))
            }
            var dropped = proof.siblings
            dropped.remove(at: level)
            out.append(StateProof(siblings: dropped, terminal: proof.terminal))
        }
        out.append(StateProof(siblings: proof.siblings + [proof.siblings.first ?? []], terminal: proof.terminal))
        out.append(StateProof(siblings: [[UInt8](repeating: 0, count: 32)] + proof.siblings, terminal: proof.terminal))
        if proof.siblings.count > 1 {
            out.append(StateProof(siblings: proof.siblings.reversed(), terminal: proof.terminal))
        }
        switch proof.terminal {
        case .empty:
            out.append(StateProof(siblings: proof.siblings, terminal: .leaf(path: otherPath, valueHash: otherPath)))
        case .leaf(let path, let valueHash):
            out.append(StateProof(siblings: proof.siblings, terminal: .empty))
            out.append(StateProof(siblings: proof.siblings, terminal: .leaf(path: otherPath, valueHash: valueHash)))
            for byte in 0..<32 {
                var changed = valueHash
                changed[byte] ^= 0x80
                out.append(StateProof(siblings: proof.siblings, terminal: .leaf(path: path, valueHash: changed)))
                var moved = path
                moved[byte] ^= 0x80
                out.append(StateProof(siblings: proof.siblings, terminal: .leaf(path: moved, valueHash: valueHash)))
            }
        }
        return out
    }

    @Test(arguments: bothHashers)
    func r5_3_1_everyMutationRejected(hasher: MerkleHasher) {
        let tree = Self.fixture(hasher)
        let keys = [Array("key-3".utf8), Array("key-41".utf8), Array("absent".utf8), Array("missing".utf8)]
        for key in keys {
            let proof = tree.proof(key: key)
            let honest = proof.verify(key: key, root: tree.root, hasher: hasher)
            #expect(honest != .invalid)
            for mutated in Self.mutations(of: proof, otherPath: hasher.algorithm.hash(Array("elsewhere".utf8))) {
                #expect(mutated.verify(key: key, root: tree.root, hasher: hasher) == .invalid)
            }
            var otherRoot = tree.root
            otherRoot[0] ^= 1
            #expect(proof.verify(key: key, root: otherRoot, hasher: hasher) == .invalid)
            let otherHasher = MerkleHasher(hasher.algorithm == .sha256 ? .sm3 : .sha256)
            #expect(proof.verify(key: key, root: tree.root, hasher: otherHasher) == .invalid)
        }
    }

    @Test(arguments: bothHashers)
    func membershipHelpersCheckTheValue(hasher: MerkleHasher) {
        let tree = Self.fixture(hasher)
        var random = SeededGenerator(seed: 5)
        let value = random.bytes(10)
        let proof = tree.proof(key: Array("key-0".utf8))
        #expect(proof.verifyMembership(key: Array("key-0".utf8), value: value, root: tree.root, hasher: hasher))
        #expect(!proof.verifyMembership(key: Array("key-0".utf8), value: value + [0], root: tree.root, hasher: hasher))
        #expect(!proof.verifyNonMembership(key: Array("key-0".utf8), root: tree.root, hasher: hasher))
        #expect(!proof.verifyMembership(key: Array("key-1".utf8), value: value, root: tree.root, hasher: hasher))
        let absent = tree.proof(key: Array("nope".utf8))
        #expect(absent.verifyNonMembership(key: Array("nope".utf8), root: tree.root, hasher: hasher))
    }

    @Test(arguments: bothHashers)
    func binaryFormRoundTrips(hasher: MerkleHasher) throws {
        let tree = Self.fixture(hasher)
        for key in [Array("key-7".utf8), Array("none".utf8)] {
            let proof = tree.proof(key: key)
            let decoded = try StateProof(canonicalBytes: proof.canonicalBytes)
            #expect(decoded == proof)
            #expect(decoded.verify(key: key, root: tree.root, hasher: hasher) != .invalid)
        }
    }

    /// Random bytes and single-byte mutations of valid encodings never trap;
    /// whatever still decodes re-encodes to the same bytes and, if changed,
    /// proves nothing.
    @Test(arguments: bothHashers)
    func binaryFormSurvivesFuzzing(hasher: MerkleHasher) {
        var random = SeededGenerator(seed: 99)
        let tree = Self.fixture(hasher)
        var refused = 0
        for _ in 0..<500 {
            let noise = random.bytes(Int.random(in: 0...80, using: &random))
            if (try? StateProof(canonicalBytes: noise)) == nil { refused += 1 }
        }
        #expect(refused == 500)
        let key = Array("key-12".utf8)
        let original = tree.proof(key: key).canonicalBytes
        for _ in 0..<1_000 {
            var bytes = original
            let position = Int.random(in: 0..<bytes.count, using: &random)
            bytes[position] ^= UInt8.random(in: 1...255, using: &random)
            guard let decoded = try? StateProof(canonicalBytes: bytes) else { continue }
            #expect(decoded.canonicalBytes == bytes)
            #expect(decoded.verify(key: key, root: tree.root, hasher: hasher) == .invalid)
        }
        for cut in 0..<original.count {
            #expect((try? StateProof(canonicalBytes: Array(original.prefix(cut)))) == nil)
        }
    }
}
