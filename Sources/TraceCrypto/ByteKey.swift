import Foundation

/// Bytes as a dictionary key, hashed in one call over the buffer: `[UInt8]`'s
/// own hashing feeds the hasher byte by byte (740 calls for a trace record's
/// wire form), which showed up in every byte-keyed map under load (issue 7):
/// state keys during execution, waiting transactions by wire form, decoded
/// participants by stored value.
public struct ByteKey: Hashable, Sendable {
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }

    public static func == (lhs: Self, rhs: Self) -> Bool { equal(lhs.bytes, rhs.bytes) }

    /// Byte equality in one `memcmp`: `[UInt8]`'s own `==` compares element by element.
    public static func equal(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard !lhs.isEmpty else { return true }
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0 }
        }
    }
}
