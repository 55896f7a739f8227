import Testing
import TraceModel
import TraceTestSupport

/// route reconstruction from several devices' segments, distance and simplification.
@Suite struct RouteTests {
    @Test func r5_2_mergesByTimeDeduplicatesAndKeepsProvenance() throws {
        let truck = try Track.segment([(22.0, 114.0), (22.1, 114.0), (22.2, 114.0)], stepSeconds: 120, device: "truck")
        let node = try Track.segment([(22.05, 114.0), (22.1, 114.0), (22.15, 114.0)], start: Track.base + 60_000,
                                     stepSeconds: 60, device: "gate")
        let route = try Route(segments: [truck, node])
        #expect(route.points.map(\.fix.latitude) == [22.0, 22.05, 22.1, 22.15, 22.2])
        #expect(route.points[2].origins == [FixOrigin(segment: 0, fix: 1), FixOrigin(segment: 1, fix: 1)])
        #expect(route.points[1].origins == [FixOrigin(segment: 1, fix: 0)])
        let swapped = try Route(segments: [node, truck])
        #expect(swapped.points.map(\.fix) == route.points.map(\.fix))
        #expect(route.points[2].fix.deviceId == "gate")
        #expect(abs(route.totalDistanceMetres - 0.2 * 111_195.08) < 0.01)
    }

    @Test func r5_2_refusesOtherKeysAndEmptyInput() throws {
        let a = try Track.segment([(1, 1)], key: "A"), b = try Track.segment([(1, 1)], key: "B")
        #expect(throws: ModelValidationError(.inconsistent, field: "", rule: "")) { try Route(segments: [a, b]) }
        #expect(throws: ModelValidationError(.empty, field: "", rule: "")) { try Route(segments: []) }
        #expect(throws: ModelValidationError(.outOfRange, field: "", rule: "")) {
            try Route(segments: [a]).simplifiedIndices(toleranceMetres: -1)
        }
    }

    /// Brute-force check on seeded random polylines: every dropped point lies within the
    /// tolerance of the arc between the kept points around it; the ends are always kept.
    @Test func r5_2_douglasPeuckerDropsOnlyPointsWithinTolerance() throws {
        var g = SeededGenerator(seed: 0xD0_0916)
        for _ in 0..<200 {
            var lat = Int64.random(in: -600_000_000...600_000_000, using: &g), lon = Int64(0)
            var points: [(Double, Double)] = []
            for _ in 0..<Int.random(in: 1...150, using: &g) {
                points.append((Double(lat) / 1e7, Double(lon) / 1e7))
                lat += Int64.random(in: -20_000...30_000, using: &g)
                lon += Int64.random(in: -10_000...40_000, using: &g)
            }
            let route = try Route(segments: [try Track.segment(points)])
            let tolerance = Double.random(in: 1...3_000, using: &g)
            let kept = try route.simplifiedIndices(toleranceMetres: tolerance)
            #expect(kept.first == 0 && kept.last == points.count - 1)
            #expect(kept == kept.sorted() && Set(kept).count == kept.count)
            for (a, b) in zip(kept, kept.dropFirst()) {
                for k in (a + 1)..<b {
                    let (pk, pa, pb) = (try waypoint(route, k), try waypoint(route, a), try waypoint(route, b))
                    #expect(GreatCircle.distance(from: pk, toArc: pa, pb) <= tolerance)
                }
            }
        }
    }

    @Test func r5_2_douglasPeuckerKeepsASpike() throws {
        let points: [(Double, Double)] = [(0, 0), (0.001, 0), (0.002, 0.01), (0.003, 0), (0.004, 0)]
        let route = try Route(segments: [try Track.segment(points)])
        #expect(try route.simplifiedIndices(toleranceMetres: 150) == [0, 2, 4])
        #expect(try route.simplifiedIndices(toleranceMetres: 2_000) == [0, 4])
        #expect(try route.simplified(toleranceMetres: 2_000).map(\.fix.latitude) == [0, 0.004])
    }

    private func waypoint(_ route: Route, _ i: Int) throws -> Waypoint {
        try Waypoint(latitude: route.points[i].fix.latitude, longitude: route.points[i].fix.longitude)
    }
}
