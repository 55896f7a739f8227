import TraceCrypto

/// SplitMix64 (Steele, Lea, Flood 2014), so every random test reproduces from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }
}

let bothHashers = [MerkleHasher(.sha256), MerkleHasher(.sm3)]

func hex(_ text: String) -> [UInt8] { (try? Hex.decode(text)) ?? [] }

/// A deterministic Ed25519 key whose seed is 32 copies of `byte`.
func fixedSigner(_ byte: UInt8) -> Ed25519Signer {
    guard let signer = try? Ed25519Signer(seed: [UInt8](repeating: byte, count: 32)) else {
        preconditionFailure("a 32-byte seed is a valid Ed25519 key")
    }
    return signer
}
