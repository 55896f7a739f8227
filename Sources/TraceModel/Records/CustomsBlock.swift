/// Table 4, declaration.
public struct Declaration: RecordPayload {
    public static let item = RecordItem.customsDeclaration
    public static let spec = ObjectSpec([
        .basic("declarationList", .list(.object(DeclarationLine.spec), maxCount: FieldBounds.listCount), "declaration list"),
        .basic("declarationNumber", .identifier, "declaration number"),
        .basic("departurePort", .name, "departure port"),
        .basic("arrivalPort", .name, "arrival port"),
        .basic("declarationDate", .date, "declaration date"),
        .basic("releaseDate", .date, "release date"),
        .extensible("taxPayment", .object(TaxPayment.spec), "tax-payment information"),
    ], notBefore: [(later: "releaseDate", earlier: "declarationDate")])

    public var declarationList: [DeclarationLine]
    public var declarationNumber: String
    public var departurePort: String
    public var arrivalPort: String
    public var declarationDate: CalendarDate
    public var releaseDate: CalendarDate
    public var taxPayment: TaxPayment?

    public init(declarationList: [DeclarationLine], declarationNumber: String, departurePort: String,
                arrivalPort: String, declarationDate: CalendarDate, releaseDate: CalendarDate,
                taxPayment: TaxPayment? = nil) {
        self.declarationList = declarationList
        self.declarationNumber = declarationNumber
        self.departurePort = departurePort
        self.arrivalPort = arrivalPort
        self.declarationDate = declarationDate
        self.releaseDate = releaseDate
        self.taxPayment = taxPayment
    }
}

/// One line of a declaration list (Table 4, R-6.4.4): goods, HS code (6–10 digits), quantity.
public struct DeclarationLine: Codable, Sendable, Hashable {
    public var goodsName: String
    public var hsCode: String
    public var quantity: Int
    public var commodityBarcode: String?

    public init(goodsName: String, hsCode: String, quantity: Int, commodityBarcode: String? = nil) {
        self.goodsName = goodsName
        self.hsCode = hsCode
        self.quantity = quantity
        self.commodityBarcode = commodityBarcode
    }

    public static let spec = ObjectSpec([
        .context("goodsName", .name, "goods name", required: true),
        .context("hsCode", .digits(minLength: 6, maxLength: 10), "HS commodity code", required: true),
        .context("quantity", .quantity, "quantity", required: true),
        .context("commodityBarcode", .text(maxLength: 64), "commodity barcode"),
    ])
}

/// Tax-payment information of a declaration (Table 4 extensible item).
public struct TaxPayment: Codable, Sendable, Hashable {
    public var amount: DecimalAmount
    public var currency: CurrencyCode
    public var taxType: String?
    public var paidAt: Timestamp?
    public var paymentNumber: String?

    public init(amount: Money, taxType: String? = nil, paidAt: Timestamp? = nil, paymentNumber: String? = nil) {
        self.amount = amount.amount
        self.currency = amount.currency
        self.taxType = taxType
        self.paidAt = paidAt
        self.paymentNumber = paymentNumber
    }

    public static let spec = ObjectSpec([
        .context("amount", .amount(currencyField: "currency"), "tax paid", required: true),
        .context("currency", .currency, "currency of the tax paid", required: true),
        .context("taxType", .identifier, "tax type"),
        .context("paidAt", .timestamp, "payment time"),
        .context("paymentNumber", .identifier, "payment number"),
    ])
}

/// Table 4, clearance status.
public struct ClearanceStatusUpdate: RecordPayload {
    public static let item = RecordItem.customsClearanceStatus
    public static let spec = ObjectSpec([
        .basic("status", .choice(of: ClearanceStatus.self), "clearance status"),
        .context("declarationNumber", .identifier, "declaration the status belongs to"),
    ])

    public var status: ClearanceStatus
    public var declarationNumber: String?

    public init(status: ClearanceStatus, declarationNumber: String? = nil) {
        self.status = status
        self.declarationNumber = declarationNumber
    }
}
