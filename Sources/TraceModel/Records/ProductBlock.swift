/// Table 1, materials / components.
public struct MaterialsComponents: RecordPayload {
    public static let item = RecordItem.productMaterialsComponents
    public static let spec = ObjectSpec([
        .basic("materialName", .name, "main material name"),
        .basic("supplierName", .name, "supplier name"),
        .basic("address", .address, "supplier address"),
        .basic("contact", .name, "supplier contact"),
        .extensible("qualityIndicators", .list(.object(QualityIndicator.spec), maxCount: 100), "quality indicators"),
        .extensible("productionDate", .date, "production date"),
        .extensible("packingDate", .date, "packing date"),
        .extensible("shelfLifeDays", .shelfLifeDays, "shelf life in days"),
        .extensible("expiryDate", .date, "expiry date"),
    ])

    public var materialName: String
    public var supplierName: String
    public var address: String
    public var contact: String
    public var qualityIndicators: [QualityIndicator]?
    public var productionDate: CalendarDate?
    public var packingDate: CalendarDate?
    public var shelfLifeDays: Int?
    public var expiryDate: CalendarDate?

    public init(materialName: String, supplierName: String, address: String, contact: String,
                qualityIndicators: [QualityIndicator]? = nil, productionDate: CalendarDate? = nil,
                packingDate: CalendarDate? = nil, shelfLifeDays: Int? = nil, expiryDate: CalendarDate? = nil) {
        self.materialName = materialName
        self.supplierName = supplierName
        self.address = address
        self.contact = contact
        self.qualityIndicators = qualityIndicators
        self.productionDate = productionDate
        self.packingDate = packingDate
        self.shelfLifeDays = shelfLifeDays
        self.expiryDate = expiryDate
    }
}

/// One quality indicator of a material (Table 1 extensible item).
public struct QualityIndicator: Codable, Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    public static let spec = ObjectSpec([
        .context("name", .identifier, "indicator name", required: true),
        .context("value", .name, "indicator value with its unit", required: true),
    ])
}

/// Table 1, production.
public struct Production: RecordPayload {
    public static let item = RecordItem.productProduction
    public static let spec = ObjectSpec([
        .basic("producerName", .name, "producer/processor name"),
        .basic("country", .country, "country/region of production"),
        .basic("productionTime", .timestamp, "production time"),
        .extensible("address", .address, "producer address"),
        .extensible("contact", .name, "producer contact"),
        .extensible("productionLicence", .identifier, "production licence number"),
    ])

    public var producerName: String
    public var country: CountryCode
    public var productionTime: Timestamp
    public var address: String?
    public var contact: String?
    public var productionLicence: String?

    public init(producerName: String, country: CountryCode, productionTime: Timestamp,
                address: String? = nil, contact: String? = nil, productionLicence: String? = nil) {
        self.producerName = producerName
        self.country = country
        self.productionTime = productionTime
        self.address = address
        self.contact = contact
        self.productionLicence = productionLicence
    }
}

/// Table 1, product features. "Shelf life/expiry" is one basic
/// item given as `shelfLifeDays`, `expiryDate` or both.
public struct ProductFeatures: RecordPayload {
    public static let item = RecordItem.productFeatures
    public static let spec = ObjectSpec([
        .basic("brand", .name, "brand"),
        .basic("modelSpec", .name, "model/specification"),
        .basicChoice("shelfLifeDays", .shelfLifeDays, "shelf life in days"),
        .basicChoice("expiryDate", .date, "expiry date"),
        .extensible("certificates", .documents, "certificates"),
        .extensible("certificateOfOrigin", .document, "certificate of origin"),
        .extensible("inspectionReports", .documents, "inspection/test reports"),
    ], anyOf: [["shelfLifeDays", "expiryDate"]])

    public var brand: String
    public var modelSpec: String
    public var shelfLifeDays: Int?
    public var expiryDate: CalendarDate?
    public var certificates: [DocumentRef]?
    public var certificateOfOrigin: DocumentRef?
    public var inspectionReports: [DocumentRef]?

    public init(brand: String, modelSpec: String, shelfLifeDays: Int? = nil, expiryDate: CalendarDate? = nil,
                certificates: [DocumentRef]? = nil, certificateOfOrigin: DocumentRef? = nil,
                inspectionReports: [DocumentRef]? = nil) {
        self.brand = brand
        self.modelSpec = modelSpec
        self.shelfLifeDays = shelfLifeDays
        self.expiryDate = expiryDate
        self.certificates = certificates
        self.certificateOfOrigin = certificateOfOrigin
        self.inspectionReports = inspectionReports
    }
}

/// Fields of the product-code item, shared by Tables 1 and 2.
let productCodeSpec = ObjectSpec([
    .basic("commodityBarcode", .text(maxLength: 64), "commodity barcode"),
    .extensible("batchNumber", .text(maxLength: 64), "batch number"),
])

/// Table 1, product code.
public struct ProductCode: RecordPayload {
    public static let item = RecordItem.productCode
    public static let spec = productCodeSpec

    public var commodityBarcode: String
    public var batchNumber: String?

    public init(commodityBarcode: String, batchNumber: String? = nil) {
        self.commodityBarcode = commodityBarcode
        self.batchNumber = batchNumber
    }
}
