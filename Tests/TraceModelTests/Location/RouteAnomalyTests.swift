import Foundation
import Testing
import TraceModel

/// anomaly flags for impossible speed, long gaps and fixes far from the declared route.
@Suite struct RouteAnomalyTests {
    static let factory = (22.6563, 114.0297)   // Longhua, Shenzhen
    static let yantian = (22.5731, 114.2745)   // Yantian port
    static let losAngeles = (33.7361, -118.2625)

    /// Truck factory → Yantian (fix every 2 min), two days stored at the port with no fix,
    /// then Yantian → Los Angeles at sea along the great circle (fix every hour at ~34 km/h).
    static func cleanJourney() throws -> (Route, [TransportLeg], [Waypoint]) {
        let road = (0...15).map { along(factory, yantian, Double($0) / 15) }
        let sea = (0...340).map { along(yantian, losAngeles, Double($0) / 340) }
        let start = Track.base, seaStart = start + 30 * 60_000 + 2 * 86_400_000
        let truck = try Track.segment(road, start: start, stepSeconds: 120, device: "truck-7")
        let ship = try Track.segment(sea, start: seaStart, stepSeconds: 3_600, device: "container-tracker", accuracy: 25)
        let legs = [TransportLeg(mode: .road, from: try Track.time(start)),
                    TransportLeg(mode: .stored, from: try Track.time(start + 30 * 60_000)),
                    TransportLeg(mode: .sea, from: try Track.time(seaStart))]
        let declared = try [factory, yantian, losAngeles].map { try Waypoint(latitude: $0.0, longitude: $0.1) }
        return (try Route(segments: [truck, ship]), legs, declared)
    }

    @Test func r5_2_cleanTruckAndSeaJourneyHasNoAnomaly() throws {
        let (route, legs, declared) = try Self.cleanJourney()
        #expect(route.points.count == 16 + 341)
        #expect(try AnomalyDetector.detect(route: route, legs: legs, declaredRoute: declared).isEmpty)
        #expect(abs(route.totalDistanceMetres / 1000 - (11_643 + 27)) < 5)
    }

    @Test func r5_2_impossibleSpeedFiresAndNoisyNeighboursDoNot() throws {
        let jump = try Track.segment([(22.0, 114.0), (22.001, 114.0), (22.5, 114.0), (22.502, 114.0)])
        let found = try AnomalyDetector.detect(route: try Route(segments: [jump]),
                                               legs: [TransportLeg(mode: .road, from: try Track.time(0))])
        #expect(found.map(\.kind) == [.impossibleSpeed])
        #expect(found.first?.firstIndex == 1 && found.first?.lastIndex == 2)
        #expect((found.first?.measured ?? 0) > 3_000 && found.first?.threshold == 150)
        // 60 m apart one second apart is 216 km/h, but each fix is only good to 30 m.
        let noisy = try Track.segment([(22.0, 114.0), (22.00054, 114.0)], stepSeconds: 1, accuracy: 30)
        let legs = [TransportLeg(mode: .road, from: try Track.time(0))]
        #expect(try AnomalyDetector.detect(route: try Route(segments: [noisy]), legs: legs).isEmpty)
        let sharp = try Track.segment([(22.0, 114.0), (22.00054, 114.0)], stepSeconds: 1, accuracy: 1)
        #expect(try AnomalyDetector.detect(route: try Route(segments: [sharp]), legs: legs).map(\.kind) == [.impossibleSpeed])
    }

    /// Two devices placing the unit 10 km apart at the same instant: Δt counts as one second.
    @Test func r5_2_simultaneousFixesFarApartAreImpossible() throws {
        let a = try Track.segment([(22.0, 114.0)], device: "a"), b = try Track.segment([(22.09, 114.0)], device: "b")
        let found = try AnomalyDetector.detect(route: try Route(segments: [a, b]))
        #expect(found.map(\.kind) == [.impossibleSpeed])
        #expect(abs((found.first?.measured ?? 0) - (0.09 * 111_195.08 - 10) * 3.6) < 0.1)
    }

    @Test func r5_2_longGapFiresInTransitButNotWhenStored() throws {
        let before = try Track.segment([(22.0, 114.0), (22.01, 114.0)], device: "a")
        let after = try Track.segment([(22.02, 114.0), (22.03, 114.0)], start: Track.base + 4 * 3_600_000, device: "b")
        let route = try Route(segments: [before, after])
        let found = try AnomalyDetector.detect(route: route)
        #expect(found.map(\.kind) == [.longGap])
        #expect(found.first?.firstIndex == 1 && found.first?.lastIndex == 2)
        #expect(abs((found.first?.measured ?? 0) - 239) < 1e-9 && found.first?.threshold == 120)
        let stored = [TransportLeg(mode: .stored, from: try Track.time(Track.base + 60_000))]
        #expect(try AnomalyDetector.detect(route: route, legs: stored).isEmpty)
    }

    @Test func r5_2_offRouteRunIsReportedOnce() throws {
        let points = [(22.0, 114.0), (22.1, 114.0), (22.2, 114.8), (22.3, 114.9), (22.4, 114.0), (22.5, 114.0)]
        let route = try Route(segments: [try Track.segment(points, stepSeconds: 3_600)])
        let declared = [try Waypoint(latitude: 22.0, longitude: 114.0), try Waypoint(latitude: 22.5, longitude: 114.0)]
        let found = try AnomalyDetector.detect(route: route, declaredRoute: declared)
        #expect(found.map(\.kind) == [.offRoute])
        #expect(found.first?.firstIndex == 2 && found.first?.lastIndex == 3)
        #expect(abs((found.first?.measured ?? 0) - 92.2) < 1 && found.first?.threshold == 50)
        #expect(found.first?.from == route.points[2].fix.time && found.first?.to == route.points[3].fix.time)
    }

    @Test func r5_2_thresholdsValidate() throws {
        try AnomalyThresholds().validate()
        let paths: [WritableKeyPath<AnomalyThresholds, Double>] = [\.roadKmh, \.railKmh, \.seaKmh, \.airKmh,
            \.storedKmh, \.unknownKmh, \.maxGapMinutes, \.maxOffRouteKm]
        for path in paths {
            for bad in [0, -1, .nan, .infinity, 1e9] as [Double] {
                var t = AnomalyThresholds()
                t[keyPath: path] = bad
                #expect(throws: ModelValidationError(.outOfRange, field: "", rule: "")) { try t.validate() }
                let route = try Route(segments: [try Track.segment([(1, 1)])])
                #expect(throws: ModelValidationError(.outOfRange, field: "", rule: "")) {
                    try AnomalyDetector.detect(route: route, thresholds: t)
                }
            }
        }
        let late = TransportLeg(mode: .road, from: try Track.time(10)), early = TransportLeg(mode: .sea, from: try Track.time(5))
        let route = try Route(segments: [try Track.segment([(1, 1)])])
        #expect(throws: ModelValidationError(.inconsistent, field: "", rule: "")) {
            try AnomalyDetector.detect(route: route, legs: [late, early])
        }
    }

    /// Table 3's transport modes map to movement modes; postal and multimodal are unknown.
    @Test func r5_2_movementModeFromTable3TransportMode() {
        #expect(TransportMode.allCases.map { MovementMode($0) } == [.sea, .air, .rail, .road, .unknown, .unknown])
        let limits = MovementMode.allCases.map { AnomalyThresholds().speedLimitKmh($0) }
        #expect(limits == [150, 400, 70, 1_100, 1_100, 1_100])
    }

    /// The point a fraction `f` of the way along the great circle from `a` to `b`, in whole 1e-7 degrees.
    static func along(_ a: (Double, Double), _ b: (Double, Double), _ f: Double) -> (Double, Double) {
        let (p1, l1, p2, l2) = (a.0 * .pi / 180, a.1 * .pi / 180, b.0 * .pi / 180, b.1 * .pi / 180)
        let d = GreatCircle.distance(a.0, a.1, b.0, b.1) / GreatCircle.earthRadiusMetres
        let (s, t) = (sin((1 - f) * d) / sin(d), sin(f * d) / sin(d))
        let x = s * cos(p1) * cos(l1) + t * cos(p2) * cos(l2)
        let y = s * cos(p1) * sin(l1) + t * cos(p2) * sin(l2)
        let z = s * sin(p1) + t * sin(p2)
        let lat = atan2(z, (x * x + y * y).squareRoot()) * 180 / .pi, lon = atan2(y, x) * 180 / .pi
        return ((lat * 1e7).rounded() / 1e7, (lon * 1e7).rounded() / 1e7)
    }
}
