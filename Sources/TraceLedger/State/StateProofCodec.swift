import TraceCrypto

/// Tagged binary form of a state proof (`docs/ledger.md`):
/// domain `crosstrace/state-proof/v1\n`, count u32 (≤ 256), count × bytes
/// (hash), terminal kind u8 (0 empty, 1 leaf), and for a leaf its path and
/// value hash as bytes.
extension StateProof {
    static let domain = "crosstrace/state-proof/v1\n"
    static let hashBytesMax = 64

    public var canonicalBytes: [UInt8] {
        var writer = CanonicalWriter(domain: Self.domain)
        writer.writeUInt32(UInt32(siblings.count))
        for sibling in siblings { writer.writeBytes(sibling) }
        switch terminal {
        case .empty:
            writer.writeUInt8(0)
        case .leaf(let path, let valueHash):
            writer.writeUInt8(1)
            writer.writeBytes(path)
            writer.writeBytes(valueHash)
        }
        return writer.bytes
    }

    public init(canonicalBytes: [UInt8]) throws(LedgerError) {
        do {
            var reader = try CanonicalReader(canonicalBytes, domain: Self.domain)
            let count = try reader.readUInt32("siblingCount")
            guard count <= UInt32(StateTree.depth) else {
                throw LedgerError(.tooLarge, field: "siblingCount", rule: "at most \(StateTree.depth) siblings")
            }
            var siblings: [[UInt8]] = []
            for _ in 0..<count { siblings.append(try reader.readBytes("sibling", maxCount: Self.hashBytesMax)) }
            let terminal: Terminal
            switch try reader.readUInt8("terminal") {
            case 0: terminal = .empty
            case 1:
                terminal = .leaf(path: try reader.readBytes("terminal.path", maxCount: Self.hashBytesMax),
                                 valueHash: try reader.readBytes("terminal.valueHash", maxCount: Self.hashBytesMax))
            default: throw LedgerError(.malformed, field: "terminal", rule: "kind is 0 (empty) or 1 (leaf)")
            }
            try reader.finish()
            self.init(siblings: siblings, terminal: terminal)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.malformed, field: "stateProof", rule: "\(error)")
        }
    }
}
