import Testing
import TraceModel

/// distances on the sphere of radius 6,371,008.8 m.
@Suite struct GreatCircleTests {
    /// One degree of latitude is π·R/180 = 111,195.08 m on this sphere (≈ 111.2 km).
    @Test func r5_2_oneDegreeOfLatitude() {
        #expect(abs(GreatCircle.distance(0, 0, 1, 0) - 111_195.08) < 0.01)
        #expect(abs(GreatCircle.distance(45, 30, 46, 30) - 111_195.08) < 0.01)
    }

    /// Equator to pole is π·R/2 = 10,007,557.2 m; antipodes are π·R = 20,015,114.4 m.
    @Test func r5_2_quarterAndHalfCircumference() {
        #expect(abs(GreatCircle.distance(0, 0, 90, 0) - 10_007_557.2) < 0.1)
        #expect(abs(GreatCircle.distance(0, 0, 0, 180) - 20_015_114.4) < 0.1)
        #expect(GreatCircle.distance(10, 20, 10, 20) == 0)
    }

    /// Across the antimeridian: 179.5°E to 179.5°W on the equator is one degree, not 359.
    @Test func r5_2_acrossTheAntimeridian() throws {
        #expect(abs(GreatCircle.distance(0, 179.5, 0, -179.5) - 111_195.08) < 0.01)
        let a = try Waypoint(latitude: 0, longitude: 179.5), b = try Waypoint(latitude: 0, longitude: -179.5)
        let north = try Waypoint(latitude: 0.5, longitude: 180)
        #expect(abs(GreatCircle.distance(from: north, toArc: a, b) - 111_195.08 / 2) < 0.01)
    }

    /// Yantian port, Shenzhen (22.5731 N, 114.2745 E) → Port of Los Angeles (33.7361 N, 118.2625 W):
    /// 11,642,974.6 m and Shanghai (31.2304 N, 121.4737 E) → London (51.5074 N, 0.1278 W):
    /// 9,196,750.7 m, both computed independently with the spherical law of cosines
    /// (R·acos(sin φ₁ sin φ₂ + cos φ₁ cos φ₂ cos Δλ), Python 3 `math`, same radius).
    @Test func r5_2_longHaulDistancesComputedIndependently() {
        #expect(abs(GreatCircle.distance(22.5731, 114.2745, 33.7361, -118.2625) - 11_642_974.6) < 1)
        #expect(abs(GreatCircle.distance(31.2304, 121.4737, 51.5074, -0.1278) - 9_196_750.7) < 1)
        #expect(abs(GreatCircle.distance(33.7361, -118.2625, 22.5731, 114.2745) - 11_642_974.6) < 1)
    }

    /// On the equator arc from 0°E to 10°E, the distance of (1°N, 5°E) is one degree of
    /// latitude; points beyond the ends measure to the nearer end.
    @Test func r5_2_distanceToArc() throws {
        let a = try Waypoint(latitude: 0, longitude: 0), b = try Waypoint(latitude: 0, longitude: 10)
        let above = try Waypoint(latitude: 1, longitude: 5)
        #expect(abs(GreatCircle.distance(from: above, toArc: a, b) - 111_195.08) < 0.01)
        #expect(abs(GreatCircle.distance(from: above, toArc: b, a) - 111_195.08) < 0.01)
        let beyond = try Waypoint(latitude: 0, longitude: 15)
        #expect(abs(GreatCircle.distance(from: beyond, toArc: a, b) - 5 * 111_195.08) < 0.1)
        #expect(abs(GreatCircle.distance(from: a, toArc: a, a)) < 1e-6)
        let polyline = [a, b, try Waypoint(latitude: 10, longitude: 10)]
        let east = try Waypoint(latitude: 5, longitude: 11)
        let nearest = GreatCircle.distance(from: east, toArc: b, polyline[2])
        #expect(abs(AnomalyDetector.distanceToPolyline(east, polyline) - nearest) < 1e-6)
        #expect(throws: ModelValidationError(.outOfRange, field: "", rule: "")) { try Waypoint(latitude: 91, longitude: 0) }
        #expect(throws: ModelValidationError(.outOfRange, field: "", rule: "")) { try Waypoint(latitude: .nan, longitude: 0) }
    }
}
