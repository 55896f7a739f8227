/// Table 3, tally: security-scan and loading information.
public struct Tally: RecordPayload {
    public static let item = RecordItem.logisticsTally
    public static let spec = ObjectSpec([
        .basic("securityScan", .object(SecurityScan.spec), "security-scan information"),
        .basic("loading", .object(Loading.spec), "loading information"),
    ])

    public var securityScan: SecurityScan
    public var loading: Loading

    public init(securityScan: SecurityScan, loading: Loading) {
        self.securityScan = securityScan
        self.loading = loading
    }
}

/// Security-scan information of a tally (Table 3, R-6.4.3).
public struct SecurityScan: Codable, Sendable, Hashable {
    public var result: SecurityScanResult
    public var scannedAt: Timestamp?
    public var device: String?
    public var details: String?

    public init(result: SecurityScanResult, scannedAt: Timestamp? = nil, device: String? = nil, details: String? = nil) {
        self.result = result
        self.scannedAt = scannedAt
        self.device = device
        self.details = details
    }

    public static let spec = ObjectSpec([
        .context("result", .choice(of: SecurityScanResult.self), "scan result", required: true),
        .context("scannedAt", .timestamp, "scan time"),
        .context("device", .identifier, "scanner"),
        .context("details", .note, "details"),
    ])
}

/// Loading information of a tally (Table 3, R-6.4.3).
public struct Loading: Codable, Sendable, Hashable {
    public var packageCount: Int
    public var loadedAt: Timestamp?
    public var vehicleOrContainer: String?
    public var details: String?

    public init(packageCount: Int, loadedAt: Timestamp? = nil, vehicleOrContainer: String? = nil, details: String? = nil) {
        self.packageCount = packageCount
        self.loadedAt = loadedAt
        self.vehicleOrContainer = vehicleOrContainer
        self.details = details
    }

    public static let spec = ObjectSpec([
        .context("packageCount", .quantity, "packages loaded", required: true),
        .context("loadedAt", .timestamp, "loading time"),
        .context("vehicleOrContainer", .identifier, "vehicle or container number"),
        .context("details", .note, "details"),
    ])
}

/// Table 3, transport.
public struct Transport: RecordPayload {
    public static let item = RecordItem.logisticsTransport
    public static let spec = ObjectSpec([
        .basic("carrier", .name, "carrier"),
        .basic("transportMode", .choice(of: TransportMode.self), "mode of transport"),
        .basic("origin", .address, "origin of transport"),
        .extensible("shipper", .name, "shipper"),
        .extensible("waybillNumber", .identifier, "waybill number"),
        .extensible("destination", .address, "destination"),
    ])

    public var carrier: String
    public var transportMode: TransportMode
    public var origin: String
    public var shipper: String?
    public var waybillNumber: String?
    public var destination: String?

    public init(carrier: String, transportMode: TransportMode, origin: String,
                shipper: String? = nil, waybillNumber: String? = nil, destination: String? = nil) {
        self.carrier = carrier
        self.transportMode = transportMode
        self.origin = origin
        self.shipper = shipper
        self.waybillNumber = waybillNumber
        self.destination = destination
    }
}

/// Table 3, delivery.
public struct Delivery: RecordPayload {
    public static let item = RecordItem.logisticsDelivery
    public static let spec = ObjectSpec([
        .basic("logisticsCompany", .name, "logistics company name"),
        .basic("logisticsNumber", .identifier, "logistics number"),
        .extensible("courier", .name, "courier"),
        .extensible("recipient", .name, "recipient"),
        .extensible("deliveryNumber", .identifier, "delivery number"),
        .extensible("placeOfReceipt", .address, "place of receipt"),
        .extensible("vehicle", .identifier, "vehicle"),
    ])

    public var logisticsCompany: String
    public var logisticsNumber: String
    public var courier: String?
    public var recipient: String?
    public var deliveryNumber: String?
    public var placeOfReceipt: String?
    public var vehicle: String?

    public init(logisticsCompany: String, logisticsNumber: String, courier: String? = nil, recipient: String? = nil,
                deliveryNumber: String? = nil, placeOfReceipt: String? = nil, vehicle: String? = nil) {
        self.logisticsCompany = logisticsCompany
        self.logisticsNumber = logisticsNumber
        self.courier = courier
        self.recipient = recipient
        self.deliveryNumber = deliveryNumber
        self.placeOfReceipt = placeOfReceipt
        self.vehicle = vehicle
    }
}

/// Table 3, delivery exception: its basic data item is the kind.
public struct DeliveryException: RecordPayload {
    public static let item = RecordItem.logisticsDeliveryException
    public static let spec = ObjectSpec([
        .basic("kind", .choice(of: DeliveryExceptionKind.self), "exception kind"),
        .context("occurredAt", .timestamp, "when the exception occurred"),
        .context("description", .note, "description"),
    ])

    public var kind: DeliveryExceptionKind
    public var occurredAt: Timestamp?
    public var description: String?

    public init(kind: DeliveryExceptionKind, occurredAt: Timestamp? = nil, description: String? = nil) {
        self.kind = kind
        self.occurredAt = occurredAt
        self.description = description
    }
}
