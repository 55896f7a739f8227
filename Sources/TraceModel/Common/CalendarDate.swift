/// A calendar day as RFC 3339 `full-date` (`YYYY-MM-DD`), for items the
/// tables give as dates: production/packing date, expiry, declaration and
/// release dates (Tables 1 and 4).
public struct CalendarDate: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    public let year: Int
    public let month: Int
    public let day: Int

    public static let pattern = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"

    public init(_ text: String, field: String = "date") throws {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, let date = Self.parseDigits(bytes[0..<10]) else {
            throw ModelValidationError(.invalidDate, field: field,
                rule: "must be an RFC 3339 full-date YYYY-MM-DD naming a day that exists")
        }
        self = date
    }

    /// 2000-01-01: the reference date of a code read for its form and key only,
    /// where no check may depend on today (stored records, trace queries).
    public static let formCheckReference = CalendarDate(year: 2000, month: 1, day: 1)

    private init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` and checks the day exists in its month.
    static func parseDigits(_ slice: ArraySlice<UInt8>) -> CalendarDate? {
        let b = Array(slice)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y1 = twoDigits(b[0], b[1]), let y2 = twoDigits(b[2], b[3]),
              let m = twoDigits(b[5], b[6]), let d = twoDigits(b[8], b[9]) else { return nil }
        let y = y1 * 100 + y2
        guard (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y) else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar.
    var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public var text: String {
        func pad(_ v: Int, _ n: Int) -> String { String(repeating: "0", count: max(0, n - String(v).count)) + String(v) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { text }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text, field: jsonPath(decoder.codingPath))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
