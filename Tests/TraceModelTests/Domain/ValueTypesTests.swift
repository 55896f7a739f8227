import Testing
@testable import TraceModel

@Suite struct ValueTypesTests {
    /// times carry an explicit offset, kept as written.
    @Test func r5_3_2_timestampsKeepTheirOffset() throws {
        let a = try Timestamp("2026-03-01T08:30:00+08:00")
        let b = try Timestamp("2026-03-01T00:30:00Z")
        let c = try Timestamp("2026-02-28T19:30:00.123456789-05:00")
        #expect(a.text == "2026-03-01T08:30:00+08:00")
        #expect(a.offsetMinutes == 480)
        #expect(a.isSameInstant(as: b))
        #expect(a.epochSeconds == 1_772_325_000)
        #expect(c.nanoseconds == 123_456_789)
        #expect(c.offsetMinutes == -300)
        #expect(b < c)
    }

    @Test(arguments: [
        "2026-03-01T08:30:00", "2026-03-01 08:30:00Z", "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-03-01T24:00:00Z", "2026-03-01T08:60:00Z", "2026-03-01T08:30:60Z", "2026-03-01T08:30:00+24:00",
        "2026-03-01T08:30:00.Z", "2026-03-01T08:30:00.1234567890Z", "2026-03-01t08:30:00z", "2026-03-01T08:30:00+0800",
        "", "2026-04-31T00:00:00Z", "2026-03-01T08:30:00Z\n",
    ])
    func r5_3_2_invalidTimestamps(text: String) {
        #expect(throws: ModelValidationError(.invalidTimestamp, field: "", rule: "")) { try Timestamp(text) }
    }

    @Test func r5_3_2_leapDaysAndEpoch() throws {
        #expect(try Timestamp("2024-02-29T00:00:00Z").epochSeconds == 1_709_164_800)
        #expect(try Timestamp("1970-01-01T00:00:00Z").epochSeconds == 0)
        #expect(try CalendarDate("2000-02-29").text == "2000-02-29")
        #expect(throws: ModelValidationError(.invalidDate, field: "", rule: "")) { try CalendarDate("1900-02-29") }
    }

    /// Money against ISO 4217 minor units: CNY 2, JPY 0, KWD 3, CLF 4.
    @Test func r6_4_2_moneyMinorUnits() throws {
        #expect(try Money("12.50", "CNY").description == "12.50 CNY")
        #expect(try Money("12.5", "CNY").amount.text == "12.5")
        #expect(try Money("1000", "JPY").currency.minorUnits == 0)
        #expect(try Money("1.505", "KWD").currency.minorUnits == 3)
        #expect(try Money("0.0001", "CLF").currency.minorUnits == 4)
        for (amount, currency) in [("1.5", "JPY"), ("1.505", "CNY"), ("1.5050", "KWD")] {
            #expect(throws: ModelValidationError(.invalidAmount, field: "", rule: "")) { try Money(amount, currency) }
        }
        for bad in ["", "-1", "+1", "01", "1.", ".5", "1e3", "1,00", " 1", "1234567890123456789"] {
            #expect(throws: ModelValidationError(.invalidAmount, field: "", rule: "")) { try DecimalAmount(bad) }
        }
        #expect(throws: ModelValidationError(.invalidCurrency, field: "", rule: "")) { try Money("1", "XAU") }
    }

    @Test func r6_4_currencyAndCountryTables() throws {
        let codes = CurrencyCode.table.map(\.code)
        #expect(codes == codes.sorted())
        #expect(Set(codes).count == codes.count)
        #expect(codes.count >= 160)
        let units = Dictionary(uniqueKeysWithValues: CurrencyCode.table.map { ($0.code, $0.minorUnits) })
        #expect(units["CNY"] == 2 && units["USD"] == 2 && units["EUR"] == 2 && units["JPY"] == 0)
        #expect(units["KRW"] == 0 && units["KWD"] == 3 && units["BHD"] == 3 && units["TND"] == 3 && units["CLF"] == 4)
        #expect(CountryCode.assigned.count == 249)
        #expect(CountryCode.assigned == CountryCode.assigned.sorted())
        for code in ["CN", "US", "HK", "TW", "MO", "SS", "AX"] {
            #expect(try CountryCode(code).code == code)
        }
        for bad in ["XK", "UK", "cn", "CHN", ""] {
            #expect(throws: ModelValidationError(.invalidCountry, field: "", rule: "")) { try CountryCode(bad) }
        }
    }

    /// location fixes: ranges checked, errors name the field.
    @Test func r5_2_locationFixRanges() throws {
        let time = try Timestamp("2026-03-01T08:30:00+08:00")
        let fix = try LocationFix(source: .bds, datum: .cgcs2000, latitude: 22.5, longitude: 114.1,
                                  accuracyMetres: 2.5, time: time, deviceId: "bds-7")
        #expect(fix.time.text == "2026-03-01T08:30:00+08:00")
        let cases: [(Double, Double, Double, String, String)] = [
            (90.0001, 0, 1, "d", "latitude"), (-91, 0, 1, "d", "latitude"), (0, 180.5, 1, "d", "longitude"),
            (0, -181, 1, "d", "longitude"), (0, 0, -1, "d", "accuracyMetres"), (0, 0, 1e9, "d", "accuracyMetres"),
            (.nan, 0, 1, "d", "latitude"), (0, 0, .infinity, "d", "accuracyMetres"), (0, 0, 1, "", "deviceId"),
        ]
        for (lat, lon, acc, device, field) in cases {
            do {
                _ = try LocationFix(source: .gps, datum: .wgs84, latitude: lat, longitude: lon, accuracyMetres: acc,
                                    time: time, deviceId: device)
                Issue.record("accepted \(field)")
            } catch let error as ModelValidationError {
                #expect(error.field == field)
            }
        }
        #expect(LocationFix.Source.allCases.map(\.rawValue) == ["gps", "bds", "pas", "manual"])
        #expect(LocationFix.Datum.allCases.map(\.rawValue) == ["wgs84", "cgcs2000"])
    }
}
