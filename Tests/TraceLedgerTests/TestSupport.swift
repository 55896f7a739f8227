import TraceCrypto

let bothHashers = [MerkleHasher(.sha256), MerkleHasher(.sm3)]

func hex(_ text: String) -> [UInt8] { (try? Hex.decode(text)) ?? [] }

/// A deterministic Ed25519 key whose seed is 32 copies of `byte`.
func fixedSigner(_ byte: UInt8) -> Ed25519Signer {
    guard let signer = try? Ed25519Signer(seed: [UInt8](repeating: byte, count: 32)) else {
        preconditionFailure("a 32-byte seed is a valid Ed25519 key")
    }
    return signer
}
