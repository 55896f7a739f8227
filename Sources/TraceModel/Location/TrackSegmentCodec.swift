/// The compact canonical binary encoding of a `TrackSegment`, and the
/// bytes a tracker signs. Layout (docs/positions.md):
///
///     "CTS" 0x01 | source u8 | datum u8 | zigzag(offset minutes)
///     | varint(len) trace key UTF-8 | varint(len) device id UTF-8 | varint(count)
///     | first fix: zigzag(lat) zigzag(lon) zigzag(ms) varint(dm)
///     | each next: zigzag(Δlat) zigzag(Δlon) varint(Δms ≥ 1) zigzag(Δdm)
///     | CRC-32 (IEEE) of everything before it, big-endian
///
/// Latitude and longitude are in 1e-7 degrees, time in ms since the epoch,
/// accuracy in decimetres. Varints are LEB128 and must be minimal, so every
/// segment has exactly one encoding; the decoder re-encodes to check it.
public enum TrackSegmentCodec {
    public static let magic: [UInt8] = [0x43, 0x54, 0x53, 0x01]
    /// Domain tag put before the encoding in the bytes a tracker signs.
    public static let signingDomain = Array("crosstrace/track-segment/v1\n".utf8)
    /// Largest encoding the decoder reads: header plus 40 bytes per fix, bounded.
    public static let maximumBytes = 4 + 2 + 10 + 2 * (2 + 4 * TrackSegment.traceKeyLength)
        + 3 + 40 * TrackSegment.maximumFixes + 4

    public static func encode(_ segment: TrackSegment) -> [UInt8] {
        var out = magic
        out.append(sourceCode(segment.source))
        out.append(segment.datum == .wgs84 ? 0 : 1)
        putZigzag(Int64(segment.offsetMinutes), &out)
        putText(segment.traceKey, &out)
        putText(segment.deviceId, &out)
        putVarint(UInt64(segment.fixes.count), &out)
        var previous: TrackSegment.Units?
        for (index, fix) in segment.fixes.enumerated() {
            // The initialiser checked every fix, so `units` cannot fail here.
            guard let u = try? TrackSegment.units(of: fix, field: "fixes[\(index)]") else {
                preconditionFailure("a checked TrackSegment holds an unrepresentable fix")
            }
            if let p = previous {
                putZigzag(u.latitude - p.latitude, &out)
                putZigzag(u.longitude - p.longitude, &out)
                putVarint(UInt64(u.milliseconds - p.milliseconds), &out)
                putZigzag(u.decimetres - p.decimetres, &out)
            } else {
                putZigzag(u.latitude, &out)
                putZigzag(u.longitude, &out)
                putZigzag(u.milliseconds, &out)
                putVarint(UInt64(u.decimetres), &out)
            }
            previous = u
        }
        putUInt32(crc32(out), &out)
        return out
    }

    /// What a tracker or logistics node signs: the domain tag, then the encoding.
    public static func signingBytes(_ segment: TrackSegment) -> [UInt8] {
        signingDomain + encode(segment)
    }

    static func sourceCode(_ source: LocationFix.Source) -> UInt8 {
        switch source {
        case .gps: 0
        case .bds: 1
        case .pas: 2
        case .manual: 3
        }
    }

    static func source(code: UInt8) -> LocationFix.Source? {
        switch code {
        case 0: .gps
        case 1: .bds
        case 2: .pas
        case 3: .manual
        default: nil
        }
    }

    static func putVarint(_ value: UInt64, _ out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    static func putZigzag(_ value: Int64, _ out: inout [UInt8]) {
        putVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)), &out)
    }

    static func putText(_ text: String, _ out: inout [UInt8]) {
        let bytes = Array(text.utf8)
        putVarint(UInt64(bytes.count), &out)
        out += bytes
    }

    static func putUInt32(_ value: UInt32, _ out: inout [UInt8]) {
        for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, init and final xor 0xFFFFFFFF).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }
}
