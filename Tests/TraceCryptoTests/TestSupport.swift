@testable import TraceCrypto

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator for
/// reproducible property and fuzz tests.
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
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &self) }
    }

    /// `original` with 1–4 random bytes replaced, inserted or removed.
    mutating func mutate(_ original: [UInt8]) -> [UInt8] {
        var bytes = original
        for _ in 0..<Int.random(in: 1...4, using: &self) {
            switch Int.random(in: 0..<3, using: &self) {
            case 0 where !bytes.isEmpty: bytes[Int.random(in: 0..<bytes.count, using: &self)] = UInt8.random(in: .min ... .max, using: &self)
            case 1: bytes.insert(UInt8.random(in: .min ... .max, using: &self), at: Int.random(in: 0...bytes.count, using: &self))
            default: if !bytes.isEmpty { bytes.remove(at: Int.random(in: 0..<bytes.count, using: &self)) }
            }
        }
        return bytes
    }
}

func hex(_ text: String) -> [UInt8] {
    (try? Hex.decode(text)) ?? []
}

/// `bytes` with bit `bit` (counted from the first byte's high bit) flipped.
func flipping(_ bytes: [UInt8], bit: Int) -> [UInt8] {
    var out = bytes
    out[bit / 8] ^= 0x80 >> UInt8(bit % 8)
    return out
}
