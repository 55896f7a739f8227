/// A point in time as RFC 3339 `date-time` with an explicit offset (`Z` or
/// `±hh:mm`), e.g. `2026-03-01T08:30:00+08:00`. The original text is kept, so
/// the offset the recorder used survives a round trip (R-5.3.2: every datum has
/// an exact time). Upper-case `T` and `Z`, 1–9 fraction digits, no leap second.
public struct Timestamp: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    /// The text exactly as given.
    public let text: String
    /// Seconds since 1970-01-01T00:00:00Z (the offset applied).
    public let epochSeconds: Int64
    /// Fraction of the second in nanoseconds.
    public let nanoseconds: Int32
    /// Offset from UTC in minutes, as written.
    public let offsetMinutes: Int

    /// The regular expression the JSON Schema uses; `init` enforces it and,
    /// beyond it, that the day exists in its month.
    public static let pattern = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"

    public init(_ text: String, field: String = "time") throws {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count <= 35,
              let date = CalendarDate.parseDigits(bytes[0..<10]),
              bytes[10] == UInt8(ascii: "T"),
              let clock = Self.parseClock(bytes[11..<19])
        else { throw Self.error(field, text) }
        var index = 19
        var nanos: Int32 = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, let d = digit(bytes[index]), digits < 9 {
                nanos = nanos * 10 + Int32(d)
                digits += 1
                index += 1
            }
            guard digits > 0 else { throw Self.error(field, text) }
            for _ in digits..<9 { nanos *= 10 }
        }
        guard let offset = Self.parseOffset(bytes[index...]) else { throw Self.error(field, text) }
        self.text = text
        self.offsetMinutes = offset
        self.nanoseconds = nanos
        self.epochSeconds = date.daysSinceEpoch * 86_400 + Int64(clock) - Int64(offset) * 60
    }

    private static func error(_ field: String, _ text: String) -> ModelValidationError {
        ModelValidationError(.invalidTimestamp, field: field,
            rule: "must be an RFC 3339 date-time with an explicit offset (Z or ±hh:mm), e.g. 2026-03-01T08:30:00+08:00")
    }

    /// `hh:mm:ss` → seconds of the day.
    private static func parseClock(_ b: ArraySlice<UInt8>) -> Int? {
        let a = Array(b)
        guard a.count == 8, a[2] == UInt8(ascii: ":"), a[5] == UInt8(ascii: ":"),
              let h = twoDigits(a[0], a[1]), let m = twoDigits(a[3], a[4]), let s = twoDigits(a[6], a[7]),
              h < 24, m < 60, s < 60 else { return nil }
        return h * 3600 + m * 60 + s
    }

    /// `Z` or `±hh:mm` → minutes east of UTC.
    private static func parseOffset(_ b: ArraySlice<UInt8>) -> Int? {
        let a = Array(b)
        if a == [UInt8(ascii: "Z")] { return 0 }
        guard a.count == 6, a[0] == UInt8(ascii: "+") || a[0] == UInt8(ascii: "-"), a[3] == UInt8(ascii: ":"),
              let h = twoDigits(a[1], a[2]), let m = twoDigits(a[4], a[5]), h < 24, m < 60 else { return nil }
        return (a[0] == UInt8(ascii: "-") ? -1 : 1) * (h * 60 + m)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text, field: jsonPath(decoder.codingPath))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public var description: String { text }

    /// Orders by instant, whatever the offsets.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.epochSeconds, lhs.nanoseconds) < (rhs.epochSeconds, rhs.nanoseconds)
    }

    /// Same instant (the offsets may differ).
    public func isSameInstant(as other: Self) -> Bool {
        epochSeconds == other.epochSeconds && nanoseconds == other.nanoseconds
    }
}

func digit(_ byte: UInt8) -> Int? {
    byte >= 48 && byte <= 57 ? Int(byte - 48) : nil
}

func twoDigits(_ a: UInt8, _ b: UInt8) -> Int? {
    guard let x = digit(a), let y = digit(b) else { return nil }
    return x * 10 + y
}

/// `$`, `$.data`, `$[3].data.orderList[0]` from a coding path.
func jsonPath(_ path: [any CodingKey]) -> String {
    path.reduce("$") { acc, key in
        if let index = key.intValue { return acc + "[\(index)]" }
        return acc + "." + key.stringValue
    }
}
