import Testing
import TraceModel
import TraceTestSupport

/// a track segment holds only valid, ordered, exactly representable fixes.
@Suite struct TrackSegmentTests {
    @Test func r5_2_refusesValuesItCannotRepresent() throws {
        let good = try Track.fix(22.5, 114.25, ms: Track.base)
        #expect(throws: ModelValidationError(.outOfRange, field: "", rule: "")) {
            try TrackSegment(traceKey: "k", fixes: [try Track.fix(22.123456789, 114.25, ms: Track.base)])
        }
        #expect(throws: ModelValidationError(.outOfRange, field: "", rule: "")) {
            try TrackSegment(traceKey: "k", fixes: [try Track.fix(22.5, 114.25, ms: Track.base, accuracy: 1.25)])
        }
        let nanos = try Timestamp("2026-03-01T08:30:00.0000001Z")
        let short = try Timestamp("2026-03-01T08:30:00.5Z")
        let zeroFraction = try Timestamp("2026-03-01T08:30:00.000Z")
        let plusZero = try Timestamp("2026-03-01T08:30:00+00:00")
        for time in [nanos, short, zeroFraction, plusZero] {
            let fix = try LocationFix(source: .gps, datum: .wgs84, latitude: 1, longitude: 1, accuracyMetres: 1,
                                      time: time, deviceId: "d")
            #expect(throws: ModelValidationError(.outOfRange, field: "", rule: "")) {
                try TrackSegment(traceKey: "k", fixes: [fix])
            }
        }
        #expect(try TrackSegment(traceKey: "k", fixes: [good]).fixes == [good])
    }

    @Test func r5_2_refusesDisorderMixedHeadersAndBadSizes() throws {
        let a = try Track.fix(1, 1, ms: 1_000), b = try Track.fix(1, 1, ms: 2_000)
        let inconsistent = ModelValidationError(.inconsistent, field: "", rule: "")
        #expect(throws: inconsistent) { try TrackSegment(traceKey: "k", fixes: [b, a]) }
        #expect(throws: inconsistent) { try TrackSegment(traceKey: "k", fixes: [a, a]) }
        let others = [try Track.fix(1, 1, ms: 2_000, datum: .cgcs2000), try Track.fix(1, 1, ms: 2_000, device: "x"),
                      try Track.fix(1, 1, ms: 2_000, source: .bds), try Track.fix(1, 1, ms: 2_000, offset: 60)]
        for other in others {
            #expect(throws: inconsistent) { try TrackSegment(traceKey: "k", fixes: [a, other]) }
        }
        #expect(throws: ModelValidationError(.empty, field: "", rule: "")) { try TrackSegment(traceKey: "k", fixes: []) }
        #expect(throws: ModelValidationError(.empty, field: "", rule: "")) { try TrackSegment(traceKey: "", fixes: [a]) }
        let many = try (0..<(TrackSegment.maximumFixes + 1)).map { try Track.fix(1, 1, ms: Int64($0) * 1000) }
        #expect(throws: ModelValidationError(.tooMany, field: "", rule: "")) { try TrackSegment(traceKey: "k", fixes: many) }
        #expect(try TrackSegment(traceKey: "k", fixes: Array(many.dropLast())).fixes.count == TrackSegment.maximumFixes)
    }

    /// 2026-03-01T08:30:00.250+08:00 is 1,772,325,000,250 ms (Python `datetime(...).timestamp()`).
    @Test func r5_2_canonicalTimes() throws {
        let t = try #require(TrackTime.timestamp(milliseconds: 1_772_325_000_250, offsetMinutes: 480))
        #expect(t.text == "2026-03-01T08:30:00.250+08:00")
        #expect(TrackTime.timestamp(milliseconds: 1_772_325_000_000, offsetMinutes: -330)?.text == "2026-02-28T19:00:00-05:30")
        #expect(TrackTime.timestamp(milliseconds: 0, offsetMinutes: 0)?.text == "1970-01-01T00:00:00Z")
        #expect(TrackTime.timestamp(milliseconds: -1, offsetMinutes: 0)?.text == "1969-12-31T23:59:59.999Z")
        #expect(TrackTime.timestamp(milliseconds: 0, offsetMinutes: 1440) == nil)
        var g = SeededGenerator(seed: 5)
        for _ in 0..<5_000 {
            let ms = Int64.random(in: -60_000_000_000_000...250_000_000_000_000, using: &g)
            let offset = Int.random(in: -1439...1439, using: &g)
            let t = try #require(TrackTime.timestamp(milliseconds: ms, offsetMinutes: offset))
            #expect(TrackTime.milliseconds(t) == ms)
            #expect(t.offsetMinutes == offset)
            #expect(TrackTime.isCanonical(t))
        }
    }
}
