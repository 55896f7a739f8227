/// A date of AI 11 (production) or 17 (expiry), `YYMMDD` (GS1 General Specifications 7.12).
/// Day `00` means no day was given; the date then stands for the last day of the month.
public struct GS1Date: Sendable, Hashable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    /// 1…31, or nil when the element string carried day `00`.
    public let day: Int?

    /// Nil unless the date exists (day nil allowed).
    public init?(year: Int, month: Int, day: Int?) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        if let day, day < 1 || day > CalendarDate.daysIn(month: month, year: year) { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day the date stands for: day `00` resolves to the last day of that month.
    public var resolved: CalendarDate {
        let lastDay = CalendarDate.daysIn(month: month, year: year)
        guard let date = CalendarDate.gs1(year: year, month: month, day: day ?? lastDay) else {
            preconditionFailure("GS1Date \(year)-\(month) was validated at init")
        }
        return date
    }

    /// `YYMMDD` as carried in the element string.
    public var yymmdd: String { gs1Padded(year % 100, 2) + gs1Padded(month, 2) + gs1Padded(day ?? 0, 2) }
    public var description: String { resolved.text }

    /// Parses `YYMMDD`; the century is chosen so the year lies within −49…+50 years of
    /// the reference year (GS1 General Specifications 7.12).
    public static func parse(_ text: String, field: String, referenceDate: CalendarDate) throws(TraceCodeError) -> GS1Date {
        let bytes = Array(text.utf8)
        guard bytes.count == 6, bytes.allSatisfy(GS1CharacterSet.isDigit) else {
            throw TraceCodeError(.format, field: field, rule: "a date is 6 digits YYMMDD")
        }
        let number = { (i: Int) in (Int(bytes[i]) - 0x30) * 10 + Int(bytes[i + 1]) - 0x30 }
        let year = fullYear(twoDigit: number(0), referenceYear: referenceDate.year)
        let month = number(2), day = number(4)
        guard (1...12).contains(month) else {
            throw TraceCodeError(.date, field: field, rule: "month \(gs1Padded(month, 2)) is not 01…12")
        }
        guard let date = GS1Date(year: year, month: month, day: day == 0 ? nil : day) else {
            throw TraceCodeError(.date, field: field, rule: "day \(gs1Padded(day, 2)) does not exist in \(year)-\(gs1Padded(month, 2))")
        }
        return date
    }

    /// GS1 General Specifications 7.12 century rule.
    public static func fullYear(twoDigit: Int, referenceYear: Int) -> Int {
        let candidate = referenceYear - referenceYear % 100 + twoDigit
        let difference = candidate - referenceYear
        if difference > 50 { return candidate - 100 }
        if difference < -49 { return candidate + 100 }
        return candidate
    }
}

func gs1Padded(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

extension CalendarDate {
    /// The day `year-month-day`, if it exists (years 1…9999).
    static func gs1(year: Int, month: Int, day: Int) -> CalendarDate? {
        guard (1...9999).contains(year) else { return nil }
        let text = "\(gs1Padded(year, 4))-\(gs1Padded(month, 2))-\(gs1Padded(day, 2))"
        return parseDigits(ArraySlice(text.utf8))
    }
}
