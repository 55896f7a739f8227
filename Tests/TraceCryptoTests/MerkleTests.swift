import Testing
@testable import TraceCrypto
import TraceTestSupport

/// Merkle trees and inclusion proofs in both profiles (issue 3 §6).
@Suite struct MerkleTests {
    /// certificate-transparency's RFC 6962 test leaves and the SHA-256 roots of
    /// their first n (recomputed here with Python hashlib by the RFC's definition).
    static let ctLeaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
    static let ctRoots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    @Test func r5_3_2_rfc6962KnownRoots() {
        let hasher = MerkleHasher(.sha256)
        let leaves = Self.ctLeaves.map(hex)
        for count in 1...8 {
            #expect(MerkleTree.root(of: Array(leaves[..<count]), hasher: hasher) == hex(Self.ctRoots[count - 1]))
        }
        // Empty tree: SHA-256 of nothing.
        #expect(MerkleTree.root(of: [], hasher: hasher) == hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
    }

    /// The dumb definition, straight from RFC 6962 §2.1.
    static func referenceRoot(_ data: ArraySlice<[UInt8]>, _ hasher: MerkleHasher) -> [UInt8] {
        if data.isEmpty { return hasher.emptyRoot }
        if data.count == 1 { return hasher.leafHash(data[data.startIndex]) }
        var split = 1
        while split * 2 < data.count { split *= 2 }
        let middle = data.startIndex + split
        return hasher.nodeHash(referenceRoot(data[..<middle], hasher), referenceRoot(data[middle...], hasher))
    }

    @Test(arguments: HashAlgorithm.allCases) func r5_3_2_fastRootMatchesReferenceAndProofsVerify(_ algorithm: HashAlgorithm) throws {
        var random = SeededGenerator(seed: 0x5EED_0004)
        let hasher = MerkleHasher(algorithm)
        for count in 0...33 {
            // Distinct leaves, so no other leaf shares a proof's leaf hash.
            let data = (0..<count).map { [UInt8($0)] + random.bytes(Int.random(in: 0...8, using: &random)) }
            let root = MerkleTree.root(of: data, hasher: hasher)
            #expect(root == Self.referenceRoot(data[...], hasher))
            let leafHashes = data.map(hasher.leafHash)
            for index in 0..<count {
                guard let proof = MerkleTree.inclusionProof(index: index, leafHashes: leafHashes, hasher: hasher) else {
                    Issue.record("no proof for \(index) of \(count)"); continue
                }
                #expect(proof.verify(leafHash: leafHashes[index], root: root, hasher: hasher))
                #expect(try InclusionProof(canonicalBytes: proof.canonicalBytes) == proof)
                if count > 1 {
                    #expect(!proof.verify(leafHash: leafHashes[(index + 1) % count], root: root, hasher: hasher))
                    let moved = InclusionProof(leafIndex: UInt64((index + 1) % count), treeSize: proof.treeSize, path: proof.path)
                    #expect(!moved.verify(leafHash: leafHashes[index], root: root, hasher: hasher))
                }
                for (step, sibling) in proof.path.enumerated() {
                    var path = proof.path
                    path[step] = flipping(sibling, bit: step % 256)
                    #expect(!InclusionProof(leafIndex: proof.leafIndex, treeSize: proof.treeSize, path: path)
                        .verify(leafHash: leafHashes[index], root: root, hasher: hasher))
                }
            }
            #expect(MerkleTree.inclusionProof(index: count, leafHashes: leafHashes, hasher: hasher) == nil)
        }
    }

    @Test func r5_3_2_leavesAndNodesAreDomainSeparated() {
        let hasher = MerkleHasher(.sm3)
        let left = hasher.leafHash([1]), right = hasher.leafHash([2])
        // An interior node is never a leaf of the concatenation.
        #expect(hasher.nodeHash(left, right) != hasher.leafHash(left + right))
        #expect(hasher.leafHash([]) != hasher.emptyRoot)
        let empties = hasher.emptySubtreeHashes(heightMax: 3)
        #expect(empties.count == 4)
        #expect(empties[1] == hasher.nodeHash(empties[0], empties[0]))
        #expect(empties[0] == HashAlgorithm.sm3.hash([0x02]))
        #expect(hasher.keyedLeafHash(key: [1], valueHash: [2]) == HashAlgorithm.sm3.hash([0, 1, 2]))
    }

    @Test func r5_3_2_proofDecoderSurvivesRandomAndMutatedBytes() {
        var random = SeededGenerator(seed: 0x5EED_0005)
        let hasher = MerkleHasher(.sha256)
        let leafHashes = (0..<7).map { hasher.leafHash([UInt8($0)]) }
        let root = MerkleTree.root(leafHashes: leafHashes, hasher: hasher)
        guard let proof = MerkleTree.inclusionProof(index: 5, leafHashes: leafHashes, hasher: hasher) else {
            Issue.record("no proof"); return
        }
        let good = proof.canonicalBytes
        for round in 0..<2000 {
            let bytes = round % 4 == 0 ? random.bytes(Int.random(in: 0...120, using: &random)) : random.mutate(good)
            guard let decoded = try? InclusionProof(canonicalBytes: bytes) else { continue }
            if decoded != proof {
                #expect(!decoded.verify(leafHash: leafHashes[5], root: root, hasher: hasher) || decoded.path == proof.path)
            }
        }
        #expect(proof.verify(leafHash: leafHashes[5], root: root, hasher: hasher))
    }
}

/// Issue 7: hashing a prefix and two parts in place equals hashing their
/// concatenation, under both profiles' hashes and at every size that matters.
@Suite struct PrefixedHashTests {
    @Test(arguments: HashAlgorithm.allCases)
    func r5_3_1_prefixedHashEqualsTheConcatenation(_ algorithm: HashAlgorithm) {
        let parts: [[UInt8]] = [[], [7], Array(0..<32), Array(0..<55), Array(0..<64), Array(0..<200).map(UInt8.init)]
        for first in parts {
            for second in parts {
                for prefix: UInt8 in [0, 1, 0xFF] {
                    #expect(algorithm.hash(prefix: prefix, first, second) == algorithm.hash([prefix] + first + second))
                }
            }
        }
        // The published SHA-256 of "abc", through the in-place path.
        if algorithm == .sha256 {
            #expect(Hex.encode(algorithm.hash(prefix: UInt8(ascii: "a"), Array("b".utf8), Array("c".utf8)))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        }
    }
}
