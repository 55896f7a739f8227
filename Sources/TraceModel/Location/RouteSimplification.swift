/// Douglas–Peucker simplification for display, on great-circle
/// distances: every dropped point lies within the tolerance of the arc between
/// the kept points around it. Deterministic: ties pick the earliest point.
/// Work is O(n log n) on typical tracks and O(n²) at worst, n ≤ `Route.maximumPoints`.
extension Route {
    public static let maximumToleranceMetres = 1_000_000.0

    /// Indices into `points` of the points kept, first and last always included.
    public func simplifiedIndices(toleranceMetres: Double) throws -> [Int] {
        guard toleranceMetres.isFinite, toleranceMetres >= 0, toleranceMetres <= Self.maximumToleranceMetres else {
            throw ModelValidationError(.outOfRange, field: "toleranceMetres",
                                       rule: "must be between 0 and \(Self.maximumToleranceMetres) metres")
        }
        let waypoints = points.map { Waypoint($0.fix) }
        return Self.douglasPeucker(waypoints, toleranceMetres: toleranceMetres)
    }

    /// The kept points themselves.
    public func simplified(toleranceMetres: Double) throws -> [RoutePoint] {
        try simplifiedIndices(toleranceMetres: toleranceMetres).map { points[$0] }
    }

    static func douglasPeucker(_ w: [Waypoint], toleranceMetres: Double) -> [Int] {
        guard w.count > 2 else { return Array(w.indices) }
        var keep = [Bool](repeating: false, count: w.count)
        keep[0] = true
        keep[w.count - 1] = true
        var stack = [(0, w.count - 1)]
        while let range = stack.popLast() {
            let (start, end) = range
            guard end - start > 1 else { continue }
            var farthest = start + 1
            var farthestDistance = -1.0
            for k in (start + 1)..<end {
                let d = GreatCircle.distance(from: w[k], toArc: w[start], w[end])
                if d > farthestDistance {
                    farthest = k
                    farthestDistance = d
                }
            }
            if farthestDistance > toleranceMetres {
                keep[farthest] = true
                stack.append((farthest, end))
                stack.append((start, farthest))
            }
        }
        return keep.indices.filter { keep[$0] }
    }
}
