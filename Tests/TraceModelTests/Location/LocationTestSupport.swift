import Testing
import TraceModel
import TraceTestSupport

/// Builders for the position tests.
enum Track {
    static let base: Int64 = 1_772_325_000_000  // 2026-03-01T00:30:00Z

    static func time(_ ms: Int64, offset: Int = 0) throws -> Timestamp {
        try #require(TrackTime.timestamp(milliseconds: ms, offsetMinutes: offset))
    }

    static func fix(_ lat: Double, _ lon: Double, ms: Int64, accuracy: Double = 5, device: String = "tracker-1",
                    source: LocationFix.Source = .gps, datum: LocationFix.Datum = .wgs84,
                    offset: Int = 0) throws -> LocationFix {
        try LocationFix(source: source, datum: datum, latitude: lat, longitude: lon, accuracyMetres: accuracy,
                        time: try time(ms, offset: offset), deviceId: device)
    }

    /// Fixes at whole 1e-7 degrees from (lat, lon) pairs, one every `stepSeconds`.
    static func segment(_ points: [(Double, Double)], start: Int64 = base, stepSeconds: Int64 = 60,
                        device: String = "tracker-1", key: String = "(01)06901234567892(21)SN1",
                        accuracy: Double = 5) throws -> TrackSegment {
        let fixes = try points.enumerated().map { i, p in
            try fix(p.0, p.1, ms: start + Int64(i) * stepSeconds * 1000, accuracy: accuracy, device: device)
        }
        return try TrackSegment(traceKey: key, fixes: fixes)
    }

    /// A random valid segment: a random walk in 1e-7 degree units.
    static func random(_ g: inout SeededGenerator, maxFixes: Int = 60) throws -> TrackSegment {
        let count = Int.random(in: 1...maxFixes, using: &g)
        let offset = Int.random(in: -1439...1439, using: &g)
        let source = LocationFix.Source.allCases.randomElement(using: &g) ?? .gps
        let datum = LocationFix.Datum.allCases.randomElement(using: &g) ?? .wgs84
        var lat = Int64.random(in: -900_000_000...900_000_000, using: &g)
        var lon = Int64.random(in: -1_800_000_000...1_800_000_000, using: &g)
        var ms = Int64.random(in: -50_000_000_000_000...200_000_000_000_000, using: &g)
        var fixes: [LocationFix] = []
        for _ in 0..<count {
            let dm = Int64.random(in: 0...1_000_000, using: &g)
            fixes.append(try LocationFix(source: source, datum: datum, latitude: Double(lat) / 1e7,
                                         longitude: Double(lon) / 1e7, accuracyMetres: Double(dm) / 10,
                                         time: try time(ms, offset: offset), deviceId: "dev-\(count)"))
            lat = min(900_000_000, max(-900_000_000, lat + Int64.random(in: -50_000...50_000, using: &g)))
            lon = min(1_800_000_000, max(-1_800_000_000, lon + Int64.random(in: -50_000...50_000, using: &g)))
            ms += Int64.random(in: 1...(Bool.random(using: &g) ? 1_000 : 86_400_000), using: &g)
        }
        return try TrackSegment(traceKey: "key-\(Int.random(in: 0...999, using: &g))-设备", fixes: fixes)
    }
}
