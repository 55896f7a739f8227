/// Flags impossible speeds, long gaps and fixes far from the declared route
/// . Pure and bounded: O(n) for speed and gaps, O(n·m) for the route
/// check with m ≤ `maximumWaypoints` waypoints, plus O(n + k) for k legs.
/// Accuracy is taken into account: the distance counted is the measured one
/// less both fixes' accuracy radii (never below zero), so two noisy fixes close
/// in time are not a jump; time steps under one second count as one second.
public enum AnomalyDetector {
    public static let maximumWaypoints = 1_000
    public static let maximumLegs = 1_000

    public static func detect(route: Route, legs: [TransportLeg] = [], declaredRoute: [Waypoint] = [],
                              thresholds: AnomalyThresholds = AnomalyThresholds()) throws -> [RouteAnomaly] {
        try thresholds.validate()
        try checkInputs(legs, declaredRoute)
        let points = route.points
        let modes = modesAtPoints(points, legs)
        var found: [RouteAnomaly] = []
        for i in points.indices.dropFirst() {
            found += pairAnomalies(points, i - 1, i, modes, thresholds)
        }
        found += offRoute(points, declaredRoute, thresholds)
        return found.sorted { ($0.firstIndex, $0.kind.order) < ($1.firstIndex, $1.kind.order) }
    }

    private static func checkInputs(_ legs: [TransportLeg], _ declared: [Waypoint]) throws {
        guard legs.count <= maximumLegs else {
            throw ModelValidationError(.tooMany, field: "legs", rule: "at most \(maximumLegs) legs")
        }
        guard declared.count <= maximumWaypoints else {
            throw ModelValidationError(.tooMany, field: "declaredRoute", rule: "at most \(maximumWaypoints) waypoints")
        }
        for i in legs.indices.dropFirst() where !(legs[i - 1].from < legs[i].from) {
            throw ModelValidationError(.inconsistent, field: "legs[\(i)].from", rule: "legs must start in increasing time")
        }
    }

    /// The mode in force at each point: the last leg started at or before it, `unknown` before the first.
    static func modesAtPoints(_ points: [RoutePoint], _ legs: [TransportLeg]) -> [MovementMode] {
        var modes: [MovementMode] = []
        modes.reserveCapacity(points.count)
        var next = 0
        var current = MovementMode.unknown
        for point in points {
            while next < legs.count, !(point.fix.time < legs[next].from) {
                current = legs[next].mode
                next += 1
            }
            modes.append(current)
        }
        return modes
    }

    private static func pairAnomalies(_ p: [RoutePoint], _ a: Int, _ b: Int, _ modes: [MovementMode],
                                      _ t: AnomalyThresholds) -> [RouteAnomaly] {
        let fa = p[a].fix, fb = p[b].fix
        let seconds = Double(fb.time.epochSeconds - fa.time.epochSeconds)
            + Double(fb.time.nanoseconds - fa.time.nanoseconds) / 1e9
        var out: [RouteAnomaly] = []
        let excess = max(0, GreatCircle.distance(fa, fb) - fa.accuracyMetres - fb.accuracyMetres)
        let kmh = excess / max(seconds, 1) * 3.6
        let limit = max(t.speedLimitKmh(modes[a]), t.speedLimitKmh(modes[b]))
        if kmh > limit {
            out.append(RouteAnomaly(kind: .impossibleSpeed, firstIndex: a, lastIndex: b, from: fa.time, to: fb.time,
                                    measured: kmh, threshold: limit))
        }
        let minutes = seconds / 60
        if minutes > t.maxGapMinutes, modes[a] != .stored, modes[b] != .stored {
            out.append(RouteAnomaly(kind: .longGap, firstIndex: a, lastIndex: b, from: fa.time, to: fb.time,
                                    measured: minutes, threshold: t.maxGapMinutes))
        }
        return out
    }

    /// Runs of consecutive points farther than the limit from the declared
    /// route, each reported once with its largest distance.
    private static func offRoute(_ p: [RoutePoint], _ declared: [Waypoint], _ t: AnomalyThresholds) -> [RouteAnomaly] {
        guard !declared.isEmpty else { return [] }
        var out: [RouteAnomaly] = []
        var run: (start: Int, worst: Double)?
        for i in p.indices {
            let km = max(0, distanceToPolyline(Waypoint(p[i].fix), declared) - p[i].fix.accuracyMetres) / 1000
            if km > t.maxOffRouteKm {
                run = (run?.start ?? i, max(run?.worst ?? 0, km))
            } else if let r = run {
                out.append(offRouteAnomaly(p, r.start, i - 1, r.worst, t))
                run = nil
            }
        }
        if let r = run { out.append(offRouteAnomaly(p, r.start, p.count - 1, r.worst, t)) }
        return out
    }

    private static func offRouteAnomaly(_ p: [RoutePoint], _ first: Int, _ last: Int, _ km: Double,
                                        _ t: AnomalyThresholds) -> RouteAnomaly {
        RouteAnomaly(kind: .offRoute, firstIndex: first, lastIndex: last, from: p[first].fix.time,
                     to: p[last].fix.time, measured: km, threshold: t.maxOffRouteKm)
    }

    /// Metres from a point to the nearest arc of the polyline (or to its only waypoint).
    public static func distanceToPolyline(_ point: Waypoint, _ polyline: [Waypoint]) -> Double {
        guard polyline.count > 1 else {
            return polyline.first.map { GreatCircle.distance(point.latitude, point.longitude, $0.latitude, $0.longitude) }
                ?? .infinity
        }
        var best = Double.infinity
        for i in polyline.indices.dropFirst() {
            best = min(best, GreatCircle.distance(from: point, toArc: polyline[i - 1], polyline[i]))
        }
        return best
    }
}

extension RouteAnomaly.Kind {
    var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}
