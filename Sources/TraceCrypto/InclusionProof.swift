/// A Merkle inclusion proof: leaf `leafIndex` of a tree of `treeSize` leaves.
public struct InclusionProof: Hashable, Sendable, Codable {
    public let leafIndex: UInt64
    public let treeSize: UInt64
    /// Sibling hashes, leaf level first.
    public let path: [[UInt8]]

    /// No tree has more than 2^64 leaves, so no path is longer.
    public static let pathCountMax = 64
    static let domain = "crosstrace/merkle-inclusion/v1\n"

    public init(leafIndex: UInt64, treeSize: UInt64, path: [[UInt8]]) {
        self.leafIndex = leafIndex
        self.treeSize = treeSize
        self.path = path
    }

    /// RFC 9162 §2.1.3.2: recomputes the root from `leafHash` and the path and
    /// compares it with `root`. Any malformed proof is simply not valid.
    public func verify(leafHash: [UInt8], root: [UInt8], hasher: MerkleHasher) -> Bool {
        guard leafIndex < treeSize, path.count <= Self.pathCountMax else { return false }
        var index = leafIndex
        var last = treeSize - 1
        var computed = leafHash
        for sibling in path {
            guard last != 0, sibling.count == hasher.algorithm.digestCount else { return false }
            if index & 1 == 1 || index == last {
                computed = hasher.nodeHash(sibling, computed)
                while index & 1 == 0 && index != 0 {
                    index >>= 1
                    last >>= 1
                }
            } else {
                computed = hasher.nodeHash(computed, sibling)
            }
            index >>= 1
            last >>= 1
        }
        return last == 0 && computed == root
    }

    /// Tagged binary form (`docs/encoding.md`).
    public var canonicalBytes: [UInt8] {
        var writer = CanonicalWriter(domain: Self.domain)
        writer.writeUInt64(leafIndex)
        writer.writeUInt64(treeSize)
        writer.writeUInt32(UInt32(path.count))
        for hash in path { writer.writeBytes(hash) }
        return writer.bytes
    }

    public init(canonicalBytes: [UInt8]) throws(CanonicalDecodingError) {
        var reader = try CanonicalReader(canonicalBytes, domain: Self.domain)
        let index = try reader.readUInt64("leafIndex")
        let size = try reader.readUInt64("treeSize")
        let count = try reader.readUInt32("pathCount")
        guard count <= UInt32(Self.pathCountMax) else {
            throw CanonicalDecodingError(code: .lengthTooLarge, field: "pathCount", offset: reader.offset - 4)
        }
        var path: [[UInt8]] = []
        for _ in 0..<count { path.append(try reader.readBytes("path", maxCount: 64)) }
        try reader.finish()
        self.init(leafIndex: index, treeSize: size, path: path)
    }
}
