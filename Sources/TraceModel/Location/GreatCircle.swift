import Foundation

/// Distances on a sphere for routes and anomalies. The Earth is the
/// sphere of the IUGG mean radius R₁ = 6,371,008.8 m. Compared with the
/// WGS-84 ellipsoid this errs by up to about 0.5 % of a distance; the
/// difference between WGS-84 and CGCS2000 coordinates (centimetres) is far
/// below every tolerance used here, so fixes in either datum are mixed freely.
public enum GreatCircle {
    public static let earthRadiusMetres = 6_371_008.8

    /// Haversine distance in metres between two points given in degrees.
    public static func distance(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let p1 = lat1 * .pi / 180, p2 = lat2 * .pi / 180
        let dp = p2 - p1, dl = (lon2 - lon1) * .pi / 180
        let h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * earthRadiusMetres * asin(min(1, max(0, h)).squareRoot())
    }

    public static func distance(_ a: LocationFix, _ b: LocationFix) -> Double {
        distance(a.latitude, a.longitude, b.latitude, b.longitude)
    }

    /// Shortest distance in metres from point P to the great-circle arc A–B
    /// (the shorter arc): the cross-track distance when P's foot lies on the
    /// arc, else the distance to the nearer end.
    public static func distance(from p: Waypoint, toArc a: Waypoint, _ b: Waypoint) -> Double {
        let va = vector(a), vb = vector(b), vp = vector(p)
        let n = cross(va, vb)
        let norm = dot(n, n).squareRoot()
        let toEnds = min(distance(p.latitude, p.longitude, a.latitude, a.longitude),
                         distance(p.latitude, p.longitude, b.latitude, b.longitude))
        guard norm > 1e-12 else { return toEnds }
        let unit = (n.0 / norm, n.1 / norm, n.2 / norm)
        let s = dot(vp, unit)
        let foot = (vp.0 - s * unit.0, vp.1 - s * unit.1, vp.2 - s * unit.2)
        guard dot(cross(va, foot), unit) >= 0, dot(cross(foot, vb), unit) >= 0 else { return toEnds }
        return min(toEnds, earthRadiusMetres * asin(min(1, abs(s))))
    }

    typealias Vector = (Double, Double, Double)

    static func vector(_ w: Waypoint) -> Vector {
        let p = w.latitude * .pi / 180, l = w.longitude * .pi / 180
        return (cos(p) * cos(l), cos(p) * sin(l), sin(p))
    }

    static func cross(_ a: Vector, _ b: Vector) -> Vector {
        (a.1 * b.2 - a.2 * b.1, a.2 * b.0 - a.0 * b.2, a.0 * b.1 - a.1 * b.0)
    }

    static func dot(_ a: Vector, _ b: Vector) -> Double { a.0 * b.0 + a.1 * b.1 + a.2 * b.2 }
}

/// A point of a declared route or a route for display: latitude and longitude in degrees.
public struct Waypoint: Sendable, Hashable {
    public let latitude: Double
    public let longitude: Double

    public init(latitude: Double, longitude: Double) throws {
        guard latitude.isFinite, longitude.isFinite, abs(latitude) <= 90, abs(longitude) <= 180 else {
            throw ModelValidationError(.outOfRange, field: "waypoint",
                                       rule: "latitude must be within ±90 and longitude within ±180 degrees")
        }
        self.latitude = latitude
        self.longitude = longitude
    }

    /// The position of a fix.
    public init(_ fix: LocationFix) {
        latitude = fix.latitude
        longitude = fix.longitude
    }
}
