/// Times of a track segment: whole milliseconds since
/// 1970-01-01T00:00:00Z plus one UTC offset per segment. The text of a
/// `Timestamp` is rebuilt from these two numbers, so a segment accepts only
/// timestamps already written in that canonical form:
/// `YYYY-MM-DDThh:mm:ss` + (`.mmm` when the milliseconds are not zero) + (`Z`
/// for offset 0, else `±hh:mm`). Anything else is refused, never rounded.
public enum TrackTime {
    /// Earliest and latest instant a four-digit year can write, in ms (with any offset).
    static let minimumMilliseconds: Int64 = -62_167_219_200_000 + 86_400_000
    static let maximumMilliseconds: Int64 = 253_402_300_799_999 - 86_400_000

    /// Milliseconds since the epoch when `time` has no sub-millisecond part.
    public static func milliseconds(_ time: Timestamp) -> Int64? {
        guard time.nanoseconds % 1_000_000 == 0 else { return nil }
        return time.epochSeconds * 1000 + Int64(time.nanoseconds / 1_000_000)
    }

    /// The canonical timestamp for an instant and an offset; nil outside years 0000–9999.
    public static func timestamp(milliseconds ms: Int64, offsetMinutes: Int) -> Timestamp? {
        guard (-1439...1439).contains(offsetMinutes),
              ms >= minimumMilliseconds, ms <= maximumMilliseconds else { return nil }
        let local = ms + Int64(offsetMinutes) * 60_000
        let days = floorDiv(local, 86_400_000)
        let inDay = local - days * 86_400_000
        let (y, m, d) = civil(daysSinceEpoch: days)
        let seconds = inDay / 1000
        let millis = inDay % 1000
        var text = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T"
        text += "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if millis != 0 { text += "." + pad(millis, 3) }
        text += offsetText(offsetMinutes)
        return try? Timestamp(text)
    }

    /// True when `time` is written exactly as `timestamp(milliseconds:offsetMinutes:)` writes it.
    public static func isCanonical(_ time: Timestamp) -> Bool {
        guard let ms = milliseconds(time),
              let rebuilt = timestamp(milliseconds: ms, offsetMinutes: time.offsetMinutes) else { return false }
        return rebuilt.text == time.text
    }

    static func offsetText(_ minutes: Int) -> String {
        if minutes == 0 { return "Z" }
        let sign = minutes < 0 ? "-" : "+"
        return sign + pad(Int64(abs(minutes) / 60), 2) + ":" + pad(Int64(abs(minutes) % 60), 2)
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Proleptic Gregorian (year, month, day) of a day count since 1970-01-01
    /// (the inverse of `CalendarDate.daysSinceEpoch`, by 400-year eras).
    static func civil(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let z = daysSinceEpoch + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let s = String(value)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
