import TraceModel

/// One demo product: its code, mode and what happens to it (issue 6 item 7).
struct DemoProductSpec: Sendable {
    let owner: String
    let gtin: String
    /// AI 21 for a serialised unit, or nil for a batch.
    let serial: String?
    let lot: String?
    let quantity: Int64?
    let mode: TraceabilityMode
    let description, maker, brand, model, material, hsCode: String
    let palletised: Bool
    let inspected: Bool
    let exception: DeliveryExceptionKind?
    let shows: String

    var key: String {
        if let serial { return DigitalLink.canonicalDomain + "/01/\(gtin)/21/\(serial)" }
        return DigitalLink.canonicalDomain + "/01/\(gtin)/10/\(lot ?? "")"
    }

    var path: String { String(key.dropFirst(DigitalLink.canonicalDomain.count)) }

    static func gtin(_ prefix: String, _ item: String) -> String { GS1Key.appendingCheckDigit(to: "0" + prefix + item) }

    static let all: [DemoProductSpec] = [
        DemoProductSpec(owner: "manufacturer", gtin: gtin(DemoCast.prefixA, "00001"), serial: "FS0001", lot: nil, quantity: nil,
                        mode: .fullSupplyChain, description: "Panda plush toy 30 cm", maker: "Shenzhen Panda Toy Works",
                        brand: "Panda", model: "PB-30", material: "cotton", hsCode: "950300", palletised: true, inspected: true,
                        exception: nil,
                        shows: "full supply chain (R-6.4), SSCC pallet and track segment (R-5.2), customs inspection, sealed consignee (R-5.3.4)"),
        DemoProductSpec(owner: "manufacturer", gtin: gtin(DemoCast.prefixA, "00001"), serial: "FS0002", lot: nil, quantity: nil,
                        mode: .fullSupplyChain, description: "Panda plush toy 30 cm", maker: "Shenzhen Panda Toy Works",
                        brand: "Panda", model: "PB-30", material: "cotton", hsCode: "950300", palletised: true, inspected: false,
                        exception: .damage, shows: "full supply chain with a delivery exception, damage (R-6.4.3)"),
        DemoProductSpec(owner: "manufacturer-b", gtin: gtin(DemoCast.prefixB, "00002"), serial: "MF0001", lot: nil, quantity: nil,
                        mode: .manufacturer, description: "Blue ceramic tea set", maker: "Ningbo Blue Ceramics",
                        brand: "Blue Kiln", model: "TS-6", material: "porcelain", hsCode: "691110", palletised: false,
                        inspected: false, exception: .return, shows: "manufacturer mode (R-6.4) with a return (R-6.4.3)"),
        DemoProductSpec(owner: "trader", gtin: gtin(DemoCast.prefixA, "00003"), serial: nil, lot: "TR2026A", quantity: 20,
                        mode: .trader, description: "Panda keychain, lot of 20", maker: "Shenzhen Panda Toy Works",
                        brand: "Panda", model: "KC-1", material: "zinc alloy", hsCode: "731990", palletised: false,
                        inspected: false, exception: nil,
                        shows: "trader mode (R-6.4), a batch under a GS1 prefix licensed on chain (R-5.1-c)"),
    ]

    /// The pallet the full-supply-chain products travel on (SSCC of manufacturer A's prefix).
    static let palletKey = DigitalLink.canonicalDomain + "/00/" + GS1Key.appendingCheckDigit(to: "3" + DemoCast.prefixA + "000000001")
}
