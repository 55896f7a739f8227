import Foundation
@testable import TraceModel

/// One record per item of Tables 1–4 with every field filled (basic,
/// extensible and context), in canonical form (sorted keys), so decoding then
/// encoding must give the same text back.
enum RecordExamples {
    static let traceCode = "https://id.gs1.org/01/09521234543213/21/XYZ9"
    static let digest = String(repeating: "ab", count: 32)

    static let data: [RecordItem: String] = [
        .productMaterialsComponents: #"{"address":"8 Kejiyuan Rd, Shenzhen","contact":"+86 755 0000 0000","expiryDate":"2028-01-31","materialName":"ABS resin","packingDate":"2026-02-02","productionDate":"2026-02-01","qualityIndicators":[{"name":"melt index","value":"22 g/10 min"}],"shelfLifeDays":730,"supplierName":"Shenzhen Resin Co."}"#,
        .productProduction: #"{"address":"1 Factory Rd, Dongguan","contact":"qa@example.com","country":"CN","producerName":"Dongguan Toys Ltd","productionLicence":"XK16-204-00001","productionTime":"2026-02-10T09:00:00+08:00"}"#,
        .productFeatures: #"{"brand":"Sunny","certificateOfOrigin":{"issuedOn":"2026-02-12","issuer":"CCPIT","number":"C26440000001"},"certificates":[{"number":"CE-2026-001","sha256":"\#(digest)"}],"expiryDate":"2029-02-10","inspectionReports":[{"issuer":"SGS","number":"SZ-26-0042"}],"modelSpec":"Robot R2 / 30 cm","shelfLifeDays":1095}"#,
        .productCode: #"{"batchNumber":"ABC123","commodityBarcode":"09521234543213"}"#,
        .transactionOrder: #"{"amount":"1299.50","consignee":"Jane Doe","contact":"+1 555 0100","currency":"USD","deliveryAddress":"1 Main St, Springfield, US","goodsName":"Robot R2","orderList":[{"commodityBarcode":"09521234543213","goodsName":"Robot R2","quantity":2}],"orderTime":"2026-03-01T08:30:00-05:00","tradingPlatform":"ExampleMall"}"#,
        .transactionCrossBorderCollection: #"{"collectedAmount":"1299.50","collectionTime":"2026-03-02T10:00:00Z","collectionVoucher":{"number":"COL-1"},"currency":"USD","goodsName":"Robot R2","payee":"Dongguan Toys Ltd","settledAmount":"9356.40","settlementCurrency":"CNY","settlementTime":"2026-03-05T10:00:00+08:00","settlementVoucher":{"number":"SET-1"}}"#,
        .transactionProductCode: #"{"batchNumber":"ABC123","commodityBarcode":"09521234543213"}"#,
        .logisticsTally: #"{"loading":{"details":"2 cartons","loadedAt":"2026-03-03T15:00:00+08:00","packageCount":2,"vehicleOrContainer":"MSCU1234565"},"securityScan":{"details":"X-ray clear","device":"XR-7","result":"passed","scannedAt":"2026-03-03T14:00:00+08:00"}}"#,
        .logisticsTransport: #"{"carrier":"Example Shipping","destination":"Los Angeles, US","origin":"Yantian, Shenzhen, CN","shipper":"Dongguan Toys Ltd","transportMode":"sea","waybillNumber":"EXSH26030300001"}"#,
        .logisticsWarehousing: #"{"address":"100 Harbor Blvd, Long Beach, US","readings":[{"relativeHumidityPercent":45.5,"temperatureCelsius":21.5,"time":"2026-03-20T12:00:00-07:00"},{"temperatureCelsius":-2,"time":"2026-03-21T12:00:00-07:00"}],"storageMode":"ambient","timeIn":"2026-03-20T09:00:00-07:00","timeOut":"2026-03-25T09:00:00-07:00","warehouseName":"LB Overseas Warehouse"}"#,
        .logisticsDelivery: #"{"courier":"Sam","deliveryNumber":"D-778","logisticsCompany":"Example Express","logisticsNumber":"1Z999AA10123456784","placeOfReceipt":"Front door","recipient":"Jane Doe","vehicle":"Van 12"}"#,
        .logisticsDeliveryException: #"{"description":"carton crushed","kind":"damage","occurredAt":"2026-03-26T10:00:00-07:00"}"#,
        .customsDeclaration: #"{"arrivalPort":"Los Angeles","declarationDate":"2026-03-03","declarationList":[{"commodityBarcode":"09521234543213","goodsName":"Robot R2","hsCode":"9503008900","quantity":2}],"declarationNumber":"530420260000000001","departurePort":"Yantian","releaseDate":"2026-03-04","taxPayment":{"amount":"0","currency":"CNY","paidAt":"2026-03-04T09:00:00+08:00","paymentNumber":"TAX-1","taxType":"export duty"}}"#,
        .customsClearanceStatus: #"{"declarationNumber":"530420260000000001","status":"released"}"#,
    ]

    /// The full record for `item` as canonical JSON text.
    static func record(_ item: RecordItem, recordedAt: String = "2026-03-01T08:30:00+08:00") -> String {
        let location = #"{"accuracyMetres":5,"datum":"wgs84","deviceId":"gps-1","latitude":22.5431,"longitude":114.0579,"source":"bds","time":"2026-03-01T08:29:00+08:00"}"#
        return #"{"bizStep":"shipping","childIDs":["urn:epc:id:sgtin:0614141.812345.6789"],"data":\#(data[item] ?? "{}"),"disposition":"in_transit","item":"\#(item.rawValue)","location":\#(location),"parentID":"https://id.gs1.org/00/106141412345678908","readPoint":"urn:epc:id:sgln:0614141.00777.0","recordedAt":"\#(recordedAt)","traceCode":"\#(traceCode)"}"#
    }

    /// The smallest valid record for `item`: only the required fields.
    static func minimal(_ item: RecordItem) -> String {
        #"{"data":\#(minimalData[item] ?? "{}"),"item":"\#(item.rawValue)","recordedAt":"2026-03-01T08:30:00Z","traceCode":"\#(traceCode)"}"#
    }

    static let minimalData: [RecordItem: String] = [
        .productMaterialsComponents: #"{"address":"a","contact":"c","materialName":"m","supplierName":"s"}"#,
        .productProduction: #"{"country":"CN","producerName":"p","productionTime":"2026-02-10T09:00:00+08:00"}"#,
        .productFeatures: #"{"brand":"b","expiryDate":"2029-02-10","modelSpec":"m"}"#,
        .productCode: #"{"commodityBarcode":"09521234543213"}"#,
        .transactionOrder: #"{"amount":"1000","consignee":"c","contact":"t","currency":"JPY","deliveryAddress":"d","goodsName":"g","orderTime":"2026-03-01T08:30:00Z","tradingPlatform":"p"}"#,
        .transactionCrossBorderCollection: #"{"collectedAmount":"1.5","collectionTime":"2026-03-02T10:00:00Z","currency":"KWD","goodsName":"g","payee":"p","settledAmount":"35.00","settlementCurrency":"CNY","settlementTime":"2026-03-02T10:00:00Z"}"#,
        .transactionProductCode: #"{"commodityBarcode":"09521234543213"}"#,
        .logisticsTally: #"{"loading":{"packageCount":1},"securityScan":{"result":"passed"}}"#,
        .logisticsTransport: #"{"carrier":"c","origin":"o","transportMode":"air"}"#,
        .logisticsWarehousing: #"{"address":"a","storageMode":"bonded","timeIn":"2026-03-20T09:00:00Z","timeOut":"2026-03-20T09:00:00Z","warehouseName":"w"}"#,
        .logisticsDelivery: #"{"logisticsCompany":"l","logisticsNumber":"n"}"#,
        .logisticsDeliveryException: #"{"kind":"reverseLogistics"}"#,
        .customsDeclaration: #"{"arrivalPort":"a","declarationDate":"2026-03-03","declarationList":[{"goodsName":"g","hsCode":"950300","quantity":1}],"declarationNumber":"n","departurePort":"d","releaseDate":"2026-03-03"}"#,
        .customsClearanceStatus: #"{"status":"declared"}"#,
    ]

    static func decode(_ text: String) throws -> Record {
        try Record(json: try JSONValue.parse(Data(text.utf8)))
    }
}
