/// Table 3, warehousing, with the temperature and humidity readings
/// taken during storage.
public struct Warehousing: RecordPayload {
    public static let item = RecordItem.logisticsWarehousing
    public static let spec = ObjectSpec([
        .basic("warehouseName", .name, "warehouse name"),
        .basic("address", .address, "warehouse address"),
        .basic("storageMode", .choice(of: StorageMode.self), "storage mode"),
        .basic("timeIn", .timestamp, "time in"),
        .basic("timeOut", .timestamp, "time out"),
        .extensible("readings", .list(.object(StorageReading.spec), maxCount: FieldBounds.readingsCount),
                    "temperature and humidity during storage"),
    ], notBefore: [(later: "timeOut", earlier: "timeIn")])

    public var warehouseName: String
    public var address: String
    public var storageMode: StorageMode
    public var timeIn: Timestamp
    public var timeOut: Timestamp
    public var readings: [StorageReading]?

    public init(warehouseName: String, address: String, storageMode: StorageMode, timeIn: Timestamp,
                timeOut: Timestamp, readings: [StorageReading]? = nil) {
        self.warehouseName = warehouseName
        self.address = address
        self.storageMode = storageMode
        self.timeIn = timeIn
        self.timeOut = timeOut
        self.readings = readings
    }
}

/// One temperature/humidity reading during storage (Table 3 extensible item,
/// at least one of the two values.
public struct StorageReading: Codable, Sendable, Hashable {
    public var time: Timestamp
    public var temperatureCelsius: Double?
    public var relativeHumidityPercent: Double?

    public init(time: Timestamp, temperatureCelsius: Double? = nil, relativeHumidityPercent: Double? = nil) {
        self.time = time
        self.temperatureCelsius = temperatureCelsius
        self.relativeHumidityPercent = relativeHumidityPercent
    }

    public static let spec = ObjectSpec([
        .context("time", .timestamp, "time of the reading", required: true),
        .context("temperatureCelsius", .number(minimum: -100, maximum: 100), "temperature in °C"),
        .context("relativeHumidityPercent", .number(minimum: 0, maximum: 100), "relative humidity in %"),
    ], anyOf: [["temperatureCelsius", "relativeHumidityPercent"]])
}
