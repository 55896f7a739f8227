/// A signed track segment: one device's fixes for one trace key (a
/// trace code or a container's key), in strictly increasing time, under one
/// source, one datum and one UTC offset. Every value must be exactly
/// representable in the compact encoding (`TrackSegmentCodec`): latitude and
/// longitude in whole 1e-7 degrees (about 1.1 cm on the ground), accuracy in
/// whole decimetres, time in whole milliseconds written canonically
/// (`TrackTime`). Values that are not are refused, never rounded.
public struct TrackSegment: Sendable, Hashable {
    /// Most fixes one segment may hold.
    public static let maximumFixes = 10_000
    /// Longest trace key, in characters.
    public static let traceKeyLength = 256

    public let traceKey: String
    public let deviceId: String
    public let source: LocationFix.Source
    public let datum: LocationFix.Datum
    public let offsetMinutes: Int
    public let fixes: [LocationFix]

    /// A checked segment; errors name the fix index and the rule.
    public init(traceKey: String, fixes: [LocationFix]) throws {
        try FieldValidator.checkText(traceKey, maxLength: Self.traceKeyLength, path: "traceKey")
        guard let first = fixes.first else {
            throw ModelValidationError(.empty, field: "fixes", rule: "a track segment holds at least one fix (R-5.2)")
        }
        guard fixes.count <= Self.maximumFixes else {
            throw ModelValidationError(.tooMany, field: "fixes", rule: "at most \(Self.maximumFixes) fixes per segment")
        }
        for (index, fix) in fixes.enumerated() {
            try Self.checkSameHeader(fix, first, "fixes[\(index)]")
            _ = try Self.units(of: fix, field: "fixes[\(index)]")
            if index > 0, !(fixes[index - 1].time < fix.time) {
                throw ModelValidationError(.inconsistent, field: "fixes[\(index)].time",
                                           rule: "times must strictly increase within a segment")
            }
        }
        self.traceKey = traceKey
        self.deviceId = first.deviceId
        self.source = first.source
        self.datum = first.datum
        self.offsetMinutes = first.time.offsetMinutes
        self.fixes = fixes
    }

    private static func checkSameHeader(_ fix: LocationFix, _ first: LocationFix, _ field: String) throws {
        guard fix.deviceId == first.deviceId else {
            throw ModelValidationError(.inconsistent, field: field + ".deviceId", rule: "one device per segment")
        }
        guard fix.source == first.source else {
            throw ModelValidationError(.inconsistent, field: field + ".source", rule: "one source per segment")
        }
        guard fix.datum == first.datum else {
            throw ModelValidationError(.inconsistent, field: field + ".datum", rule: "one datum per segment")
        }
        guard fix.time.offsetMinutes == first.time.offsetMinutes else {
            throw ModelValidationError(.inconsistent, field: field + ".time", rule: "one UTC offset per segment")
        }
    }

    /// The integer units a fix is stored in.
    struct Units: Equatable {
        var latitude: Int64
        var longitude: Int64
        var milliseconds: Int64
        var decimetres: Int64
    }

    /// 1e-7 degree per unit of latitude and longitude.
    public static let degreeUnitsPerDegree = 10_000_000.0

    static func units(of fix: LocationFix, field: String) throws -> Units {
        guard let lat = exact(fix.latitude, scale: degreeUnitsPerDegree) else {
            throw unrepresentable(field + ".latitude", "a whole number of 1e-7 degrees")
        }
        guard let lon = exact(fix.longitude, scale: degreeUnitsPerDegree) else {
            throw unrepresentable(field + ".longitude", "a whole number of 1e-7 degrees")
        }
        guard let dm = exact(fix.accuracyMetres, scale: 10) else {
            throw unrepresentable(field + ".accuracyMetres", "a whole number of decimetres")
        }
        guard TrackTime.isCanonical(fix.time), let ms = TrackTime.milliseconds(fix.time) else {
            throw unrepresentable(field + ".time", "whole milliseconds written canonically: three fraction "
                + "digits unless zero, Z for UTC (e.g. 2026-03-01T08:30:00.250+08:00)")
        }
        return Units(latitude: lat, longitude: lon, milliseconds: ms, decimetres: dm)
    }

    /// `value × scale` when that is an integer whose division by `scale` gives `value` back.
    static func exact(_ value: Double, scale: Double) -> Int64? {
        let scaled = (value * scale).rounded()
        guard scaled.isFinite, abs(scaled) < 1e15 else { return nil }
        let units = Int64(scaled)
        return Double(units) / scale == value ? units : nil
    }

    static func fix(_ u: Units, segment: Header) throws -> LocationFix {
        guard let time = TrackTime.timestamp(milliseconds: u.milliseconds, offsetMinutes: segment.offsetMinutes) else {
            throw ModelValidationError(.outOfRange, field: "time", rule: "time outside years 0000–9999")
        }
        return try LocationFix(source: segment.source, datum: segment.datum,
                               latitude: Double(u.latitude) / degreeUnitsPerDegree,
                               longitude: Double(u.longitude) / degreeUnitsPerDegree,
                               accuracyMetres: Double(u.decimetres) / 10, time: time, deviceId: segment.deviceId)
    }

    /// What the segment's header carries.
    struct Header {
        var traceKey: String
        var deviceId: String
        var source: LocationFix.Source
        var datum: LocationFix.Datum
        var offsetMinutes: Int
    }

    var header: Header {
        Header(traceKey: traceKey, deviceId: deviceId, source: source, datum: datum, offsetMinutes: offsetMinutes)
    }

    private static func unrepresentable(_ field: String, _ what: String) -> ModelValidationError {
        ModelValidationError(.outOfRange, field: field, rule: "must be \(what) to be stored in a track segment (R-5.2)")
    }
}
