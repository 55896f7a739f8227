/// Where a route point came from: the index of the segment in the list given
/// to `Route.init(segments:)` and the fix's index inside that segment.
public struct FixOrigin: Sendable, Hashable, Comparable {
    public let segment: Int
    public let fix: Int

    public init(segment: Int, fix: Int) {
        self.segment = segment
        self.fix = fix
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.segment, lhs.fix) < (rhs.segment, rhs.fix) }
}

/// One point of a reconstructed route: a fix and every segment fix it stands for.
public struct RoutePoint: Sendable, Hashable {
    public let fix: LocationFix
    /// More than one when several segments reported the identical fix (same
    /// instant, latitude, longitude, datum); `fix` is the one with the smallest
    /// accuracy radius, then device id. Sorted by segment, then fix index.
    public let origins: [FixOrigin]
}

/// A unit's journey: the fixes of all its segments, from every device
/// and node, ordered by time. Fixes with the same instant, latitude, longitude
/// and datum are one point, whatever device or segment reported them.
public struct Route: Sendable, Hashable {
    public static let maximumSegments = 1_000
    public static let maximumPoints = 100_000

    public let traceKey: String
    public let points: [RoutePoint]

    /// Merges segments of one trace key. Order: instant, then latitude,
    /// longitude and datum; identical fixes become one point whose origins are
    /// sorted. The same segments in any order give the same fixes.
    public init(segments: [TrackSegment]) throws {
        guard let first = segments.first else {
            throw ModelValidationError(.empty, field: "segments", rule: "a route needs at least one segment")
        }
        guard segments.count <= Self.maximumSegments else {
            throw ModelValidationError(.tooMany, field: "segments", rule: "at most \(Self.maximumSegments) segments")
        }
        if let other = segments.firstIndex(where: { $0.traceKey != first.traceKey }) {
            throw ModelValidationError(.inconsistent, field: "segments[\(other)].traceKey",
                                       rule: "all segments of a route belong to one trace key")
        }
        let total = segments.reduce(0) { $0 + $1.fixes.count }
        guard total <= Self.maximumPoints else {
            throw ModelValidationError(.tooMany, field: "segments", rule: "at most \(Self.maximumPoints) fixes per route")
        }
        var all: [(LocationFix, FixOrigin)] = []
        all.reserveCapacity(total)
        for (s, segment) in segments.enumerated() {
            for (f, fix) in segment.fixes.enumerated() { all.append((fix, FixOrigin(segment: s, fix: f))) }
        }
        all.sort(by: Self.precedes)
        self.traceKey = first.traceKey
        self.points = Self.deduplicated(all)
    }

    /// Key order, then among identical fixes the lowest accuracy radius, device id, source and
    /// time text (so the point's fix does not depend on the input order), then origin.
    private static func precedes(_ a: (LocationFix, FixOrigin), _ b: (LocationFix, FixOrigin)) -> Bool {
        let (ka, kb) = (key(a.0), key(b.0))
        if ka != kb { return ka < kb }
        let ta = (a.0.accuracyMetres, a.0.deviceId, a.0.source.rawValue, a.0.time.text)
        let tb = (b.0.accuracyMetres, b.0.deviceId, b.0.source.rawValue, b.0.time.text)
        if ta != tb { return ta < tb }
        return a.1 < b.1
    }

    /// Sort key: instant, then position and datum so identical fixes are adjacent.
    private static func key(_ f: LocationFix) -> Key {
        Key(seconds: f.time.epochSeconds, nanos: f.time.nanoseconds, latitude: f.latitude,
            longitude: f.longitude, datum: f.datum == .wgs84 ? 0 : 1)
    }

    private struct Key: Comparable {
        var seconds: Int64, nanos: Int32, latitude: Double, longitude: Double, datum: Int
        static func < (l: Key, r: Key) -> Bool {
            (l.seconds, l.nanos, l.latitude, l.longitude, l.datum) < (r.seconds, r.nanos, r.latitude, r.longitude, r.datum)
        }
    }

    private static func deduplicated(_ sorted: [(LocationFix, FixOrigin)]) -> [RoutePoint] {
        var points: [RoutePoint] = []
        var index = 0
        while index < sorted.count {
            let fix = sorted[index].0
            var origins = [sorted[index].1]
            var next = index + 1
            while next < sorted.count, key(sorted[next].0) == key(fix) {
                origins.append(sorted[next].1)
                next += 1
            }
            points.append(RoutePoint(fix: fix, origins: origins.sorted()))
            index = next
        }
        return points
    }

    /// Length of the route in metres: the sum of haversine distances between consecutive points.
    public var totalDistanceMetres: Double {
        zip(points, points.dropFirst()).reduce(0) { $0 + GreatCircle.distance($1.0.fix, $1.1.fix) }
    }
}
