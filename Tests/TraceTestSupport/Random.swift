@_exported import struct TraceSimulation.SeededGenerator

/// Helpers for seeded property and fuzz tests, shared by every test target so
/// each failing case reproduces from its seed with the simulator's generator.
extension SeededGenerator {
    /// `count` random bytes.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &self) }
    }

    /// `original` with 1–4 random bytes replaced, inserted or removed.
    public mutating func mutate(_ original: [UInt8]) -> [UInt8] {
        var bytes = original
        for _ in 0..<Int.random(in: 1...4, using: &self) {
            switch Int.random(in: 0..<3, using: &self) {
            case 0 where !bytes.isEmpty:
                bytes[Int.random(in: 0..<bytes.count, using: &self)] = UInt8.random(in: .min ... .max, using: &self)
            case 1:
                bytes.insert(UInt8.random(in: .min ... .max, using: &self), at: Int.random(in: 0...bytes.count, using: &self))
            default:
                if !bytes.isEmpty { bytes.remove(at: Int.random(in: 0..<bytes.count, using: &self)) }
            }
        }
        return bytes
    }
}

/// `bytes` with bit `bit` (counted from the first byte's high bit) flipped.
public func flipping(_ bytes: [UInt8], bit: Int) -> [UInt8] {
    var out = bytes
    out[bit / 8] ^= 0x80 >> UInt8(bit % 8)
    return out
}
