extension TrackSegmentCodec {
    /// Reads a segment; every malformed, truncated, altered or non-canonical
    /// input is a `ModelValidationError` naming the field, never a crash.
    public static func decode(_ bytes: [UInt8]) throws -> TrackSegment {
        guard bytes.count <= maximumBytes else {
            throw ModelValidationError(.tooLarge, field: "segment", rule: "at most \(maximumBytes) bytes")
        }
        guard bytes.count >= magic.count + 4, Array(bytes.prefix(magic.count)) == magic else {
            throw ModelValidationError(.invalidFormat, field: "segment", rule: "must start with the track segment v1 magic")
        }
        let body = Array(bytes.dropLast(4))
        var checksum: [UInt8] = []
        putUInt32(crc32(body), &checksum)
        guard Array(bytes.suffix(4)) == checksum else {
            throw ModelValidationError(.invalidFormat, field: "segment.checksum", rule: "CRC-32 does not match the bytes")
        }
        var reader = ByteReader(bytes: body, position: magic.count)
        let segment = try readSegment(&reader)
        guard reader.position == body.count else {
            throw ModelValidationError(.invalidFormat, field: "segment", rule: "trailing bytes after the last fix")
        }
        guard encode(segment) == bytes else {
            throw ModelValidationError(.invalidFormat, field: "segment", rule: "not the canonical encoding")
        }
        return segment
    }

    private static func readSegment(_ r: inout ByteReader) throws -> TrackSegment {
        guard let source = Self.source(code: try r.byte("source")) else {
            throw ModelValidationError(.invalidChoice, field: "source", rule: "unknown source code")
        }
        let datumCode = try r.byte("datum")
        guard datumCode <= 1 else { throw ModelValidationError(.invalidChoice, field: "datum", rule: "unknown datum code") }
        let offset = try r.zigzag("offsetMinutes")
        guard (-1439...1439).contains(offset) else {
            throw ModelValidationError(.outOfRange, field: "offsetMinutes", rule: "must be within ±23:59")
        }
        let header = TrackSegment.Header(traceKey: try r.text("traceKey"), deviceId: try r.text("deviceId"),
                                         source: source, datum: datumCode == 0 ? .wgs84 : .cgcs2000,
                                         offsetMinutes: Int(offset))
        let count = try r.varint("count")
        guard count >= 1, count <= UInt64(TrackSegment.maximumFixes) else {
            throw ModelValidationError(.outOfRange, field: "count", rule: "1 to \(TrackSegment.maximumFixes) fixes")
        }
        var fixes: [LocationFix] = []
        var u = TrackSegment.Units(latitude: 0, longitude: 0, milliseconds: 0, decimetres: 0)
        for index in 0..<Int(count) {
            let field = "fixes[\(index)]"
            if index == 0 {
                u = .init(latitude: try r.zigzag(field + ".latitude"), longitude: try r.zigzag(field + ".longitude"),
                          milliseconds: try r.zigzag(field + ".time"),
                          decimetres: Int64(clamping: try r.varint(field + ".accuracy")))
            } else {
                u.latitude = try add(u.latitude, try r.zigzag(field + ".latitude"), field)
                u.longitude = try add(u.longitude, try r.zigzag(field + ".longitude"), field)
                u.milliseconds = try add(u.milliseconds, Int64(clamping: try r.varint(field + ".time")), field)
                u.decimetres = try add(u.decimetres, try r.zigzag(field + ".accuracy"), field)
            }
            fixes.append(try TrackSegment.fix(u, segment: header))
        }
        return try TrackSegment(traceKey: header.traceKey, fixes: fixes)
    }

    private static func add(_ a: Int64, _ b: Int64, _ field: String) throws -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw ModelValidationError(.outOfRange, field: field, rule: "delta overflows") }
        return sum
    }
}

/// A bounds-checked cursor over the encoding.
struct ByteReader {
    let bytes: [UInt8]
    var position: Int

    mutating func byte(_ field: String) throws -> UInt8 {
        guard position < bytes.count else { throw truncated(field) }
        defer { position += 1 }
        return bytes[position]
    }

    /// A minimal LEB128 varint of at most 10 bytes that fits in 64 bits.
    mutating func varint(_ field: String) throws -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<10 {
            let b = try byte(field)
            let chunk = UInt64(b & 0x7F)
            guard index < 9 || chunk <= 1 else { throw bad(field, "varint overflows 64 bits") }
            value |= chunk << UInt64(7 * index)
            if b & 0x80 == 0 {
                guard index == 0 || b != 0 else { throw bad(field, "varint is not minimal") }
                return value
            }
        }
        throw bad(field, "varint longer than 10 bytes")
    }

    mutating func zigzag(_ field: String) throws -> Int64 {
        let raw = try varint(field)
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    mutating func text(_ field: String) throws -> String {
        let length = try varint(field)
        guard length <= UInt64(4 * TrackSegment.traceKeyLength) else { throw bad(field, "text too long") }
        guard bytes.count - position >= Int(length) else { throw truncated(field) }
        let slice = Array(bytes[position..<position + Int(length)])
        position += Int(length)
        guard let text = String(validating: slice, as: UTF8.self) else { throw bad(field, "not valid UTF-8") }
        return text
    }

    private func truncated(_ field: String) -> ModelValidationError {
        ModelValidationError(.invalidFormat, field: field, rule: "segment ends early (truncated)")
    }

    private func bad(_ field: String, _ rule: String) -> ModelValidationError {
        ModelValidationError(.invalidFormat, field: field, rule: rule)
    }
}
