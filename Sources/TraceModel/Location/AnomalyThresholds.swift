/// How the unit moves during a leg of its journey, which sets the
/// highest plausible speed. `stored` (a warehouse, a yard) is not in transit:
/// no long-gap flag is raised while the unit is stored.
public enum MovementMode: String, Sendable, Codable, CaseIterable, Hashable {
    case road, rail, sea, air, stored, unknown

    /// The movement of a transport item's mode (Table 3, R-6.4.3); postal and
    /// multimodal carriage may use any vehicle, so they are `unknown`.
    public init(_ mode: TransportMode) {
        switch mode {
        case .road: self = .road
        case .rail: self = .rail
        case .sea: self = .sea
        case .air: self = .air
        case .postal, .multimodal: self = .unknown
        }
    }
}

/// From `from` on, the unit travels by `mode` (until the next leg starts).
public struct TransportLeg: Sendable, Hashable {
    public let mode: MovementMode
    public let from: Timestamp

    public init(mode: MovementMode, from: Timestamp) {
        self.mode = mode
        self.from = from
    }
}

/// Limits for route anomalies. Defaults: road 150 km/h, rail
/// 400 km/h, sea 70 km/h, air 1,100 km/h, stored and unknown 1,100 km/h;
/// a gap longer than 120 minutes in transit; a fix more than 50 km from the
/// declared route. Speeds in km/h, gaps in minutes, distances in km.
public struct AnomalyThresholds: Sendable, Hashable, Codable {
    public var roadKmh = 150.0
    public var railKmh = 400.0
    public var seaKmh = 70.0
    public var airKmh = 1_100.0
    public var storedKmh = 1_100.0
    public var unknownKmh = 1_100.0
    public var maxGapMinutes = 120.0
    public var maxOffRouteKm = 50.0

    public init() {}

    /// Speed limit for a mode, in km/h.
    public func speedLimitKmh(_ mode: MovementMode) -> Double {
        switch mode {
        case .road: roadKmh
        case .rail: railKmh
        case .sea: seaKmh
        case .air: airKmh
        case .stored: storedKmh
        case .unknown: unknownKmh
        }
    }

    /// Every limit finite and positive: speeds up to 5,000 km/h, gaps up to
    /// 30 days, off-route distances up to 20,000 km (half the circumference).
    public func validate() throws {
        for mode in MovementMode.allCases {
            try Self.check(speedLimitKmh(mode), 5_000, "\(mode.rawValue)Kmh")
        }
        try Self.check(maxGapMinutes, 43_200, "maxGapMinutes")
        try Self.check(maxOffRouteKm, 20_000, "maxOffRouteKm")
    }

    private static func check(_ value: Double, _ maximum: Double, _ field: String) throws {
        guard value.isFinite, value > 0, value <= maximum else {
            throw ModelValidationError(.outOfRange, field: field, rule: "must be above 0 and at most \(maximum)")
        }
    }
}

/// One anomaly on a route. Indices are into `Route.points`; for a
/// speed or gap anomaly they are the two consecutive points, for an off-route
/// anomaly the first and last of a run of consecutive off-route points.
/// `measured` and `threshold` are in km/h (speed), minutes (gap) or km (off route).
public struct RouteAnomaly: Sendable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable, Hashable {
        case impossibleSpeed = "impossible_speed"
        case longGap = "long_gap"
        case offRoute = "off_route"
    }

    public let kind: Kind
    public let firstIndex: Int
    public let lastIndex: Int
    public let from: Timestamp
    public let to: Timestamp
    public let measured: Double
    public let threshold: Double
}
