/// Table 2, order: market procurement or platform sale.
public struct Order: RecordPayload {
    public static let item = RecordItem.transactionOrder
    public static let spec = ObjectSpec([
        .basic("goodsName", .name, "goods name"),
        .basic("orderTime", .timestamp, "order time"),
        .basic("tradingPlatform", .name, "trading platform"),
        .basic("amount", .amount(currencyField: "currency"), "amount"),
        .basic("currency", .currency, "currency"),
        .basic("deliveryAddress", .address, "delivery address"),
        .basic("consignee", .name, "consignee"),
        .basic("contact", .name, "contact"),
        .extensible("orderList", .list(.object(OrderLine.spec), maxCount: FieldBounds.listCount), "order list"),
    ])

    public var goodsName: String
    public var orderTime: Timestamp
    public var tradingPlatform: String
    public var amount: DecimalAmount
    public var currency: CurrencyCode
    public var deliveryAddress: String
    public var consignee: String
    public var contact: String
    public var orderList: [OrderLine]?

    /// The amount with its currency.
    public var money: Money? { try? Money(amount: amount, currency: currency) }

    public init(goodsName: String, orderTime: Timestamp, tradingPlatform: String, amount: Money,
                deliveryAddress: String, consignee: String, contact: String, orderList: [OrderLine]? = nil) {
        self.goodsName = goodsName
        self.orderTime = orderTime
        self.tradingPlatform = tradingPlatform
        self.amount = amount.amount
        self.currency = amount.currency
        self.deliveryAddress = deliveryAddress
        self.consignee = consignee
        self.contact = contact
        self.orderList = orderList
    }
}

/// One line of an order list (Table 2 extensible item).
public struct OrderLine: Codable, Sendable, Hashable {
    public var goodsName: String
    public var quantity: Int
    public var commodityBarcode: String?

    public init(goodsName: String, quantity: Int, commodityBarcode: String? = nil) {
        self.goodsName = goodsName
        self.quantity = quantity
        self.commodityBarcode = commodityBarcode
    }

    public static let spec = ObjectSpec([
        .context("goodsName", .name, "goods name", required: true),
        .context("quantity", .quantity, "quantity", required: true),
        .context("commodityBarcode", .text(maxLength: 64), "commodity barcode"),
    ])
}

/// Table 2, cross-border collection (R-6.4.2, R-6.3.1.4). The collected
/// amount is in `currency`; the settled (FX) amount in `settlementCurrency`.
public struct CrossBorderCollection: RecordPayload {
    public static let item = RecordItem.transactionCrossBorderCollection
    public static let spec = ObjectSpec([
        .basic("goodsName", .name, "goods name"),
        .basic("collectionTime", .timestamp, "collection time"),
        .basic("collectedAmount", .amount(currencyField: "currency"), "collected amount"),
        .basic("settledAmount", .amount(currencyField: "settlementCurrency"), "settled (FX) amount"),
        .basic("settlementCurrency", .currency, "currency of the settled (FX) amount"),
        .basic("settlementTime", .timestamp, "settlement time"),
        .basic("currency", .currency, "currency"),
        .basic("payee", .name, "payee"),
        .extensible("collectionVoucher", .document, "collection voucher"),
        .extensible("settlementVoucher", .document, "settlement voucher"),
    ], notBefore: [(later: "settlementTime", earlier: "collectionTime")])

    public var goodsName: String
    public var collectionTime: Timestamp
    public var collectedAmount: DecimalAmount
    public var settledAmount: DecimalAmount
    public var settlementCurrency: CurrencyCode
    public var settlementTime: Timestamp
    public var currency: CurrencyCode
    public var payee: String
    public var collectionVoucher: DocumentRef?
    public var settlementVoucher: DocumentRef?

    public init(goodsName: String, collectionTime: Timestamp, collected: Money, settled: Money,
                settlementTime: Timestamp, payee: String,
                collectionVoucher: DocumentRef? = nil, settlementVoucher: DocumentRef? = nil) {
        self.goodsName = goodsName
        self.collectionTime = collectionTime
        self.collectedAmount = collected.amount
        self.currency = collected.currency
        self.settledAmount = settled.amount
        self.settlementCurrency = settled.currency
        self.settlementTime = settlementTime
        self.payee = payee
        self.collectionVoucher = collectionVoucher
        self.settlementVoucher = settlementVoucher
    }
}

/// Table 2, product code.
public struct TransactionProductCode: RecordPayload {
    public static let item = RecordItem.transactionProductCode
    public static let spec = productCodeSpec

    public var commodityBarcode: String
    public var batchNumber: String?

    public init(commodityBarcode: String, batchNumber: String? = nil) {
        self.commodityBarcode = commodityBarcode
        self.batchNumber = batchNumber
    }
}
