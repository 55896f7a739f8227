/// One position fix on the product's journey from factory to consumer:
/// where (latitude/longitude in a named datum), how well (accuracy), when, and
/// by which source and device.
public struct LocationFix: Codable, Sendable, Hashable {
    /// Positioning source named by: GPS, BeiDou (BDS), the high-precision
    /// positioning network (PAS), or entered by hand.
    public enum Source: String, Codable, Sendable, CaseIterable, Hashable {
        case gps, bds, pas, manual
    }

    /// Geodetic datum of the coordinates: WGS-84 (GPS) or CGCS2000 (BDS, China).
    public enum Datum: String, Codable, Sendable, CaseIterable, Hashable {
        case wgs84, cgcs2000
    }

    public static let accuracyMetresMax = 100_000.0

    public let source: Source
    public let datum: Datum
    public let latitude: Double
    public let longitude: Double
    public let accuracyMetres: Double
    public let time: Timestamp
    public let deviceId: String

    /// A checked fix; errors name the field and the range.
    public init(source: Source, datum: Datum, latitude: Double, longitude: Double, accuracyMetres: Double,
                time: Timestamp, deviceId: String) throws {
        try Self.check(latitude, -90, 90, "latitude")
        try Self.check(longitude, -180, 180, "longitude")
        try Self.check(accuracyMetres, 0, Self.accuracyMetresMax, "accuracyMetres")
        try FieldValidator.checkText(deviceId, maxLength: FieldBounds.identifierLength, path: "deviceId")
        self.source = source
        self.datum = datum
        self.latitude = latitude
        self.longitude = longitude
        self.accuracyMetres = accuracyMetres
        self.time = time
        self.deviceId = deviceId
    }

    private static func check(_ value: Double, _ minimum: Double, _ maximum: Double, _ field: String) throws {
        guard value.isFinite, value >= minimum, value <= maximum else {
            throw ModelValidationError(.outOfRange, field: field, rule: "must be between \(minimum) and \(maximum)")
        }
    }

    public init(from decoder: any Decoder) throws {
        try self.init(json: try JSONValue(from: decoder), path: jsonPath(decoder.codingPath))
    }

    /// Reads a fix from JSON; errors name the JSON path of the field.
    public init(json value: JSONValue, path: String) throws {
        try FieldValidator.validateObject(value, Self.spec, path: path)
        guard case .object(let m) = value, case .string(let source)? = m["source"], case .string(let datum)? = m["datum"],
              case .number(let latitude)? = m["latitude"], case .number(let longitude)? = m["longitude"],
              case .number(let accuracy)? = m["accuracyMetres"], case .string(let time)? = m["time"],
              case .string(let device)? = m["deviceId"], let s = Source(rawValue: source), let d = Datum(rawValue: datum)
        else { throw ModelValidationError(.wrongType, field: path, rule: "must be a location fix object (R-5.2)") }
        try self.init(source: s, datum: d, latitude: latitude, longitude: longitude, accuracyMetres: accuracy,
                      time: try Timestamp(time, field: path + ".time"), deviceId: device)
    }

    /// Field table for JSON and the schema.
    public static let spec = ObjectSpec([
        .context("source", .choice(of: Source.self), "positioning source (R-5.2)", required: true),
        .context("datum", .choice(of: Datum.self), "geodetic datum", required: true),
        .context("latitude", .number(minimum: -90, maximum: 90), "latitude in degrees", required: true),
        .context("longitude", .number(minimum: -180, maximum: 180), "longitude in degrees", required: true),
        .context("accuracyMetres", .number(minimum: 0, maximum: accuracyMetresMax), "accuracy in metres", required: true),
        .context("time", .timestamp, "time of the fix", required: true),
        .context("deviceId", .identifier, "positioning device", required: true),
    ])
}
