import TraceCrypto
import TraceLedger
import TraceModel

/// The steps after membership: codes, then each information block in the order
/// a parcel lives it: product, transaction, logistics, customs, delivery.
extension DemoScenario {
    static var products: [DemoProductSpec] { DemoProductSpec.all }
    static var full: [DemoProductSpec] { products.filter(\.palletised) }

    mutating func issueStep() throws {
        var step: [Transaction] = []
        for product in Self.products where product.owner != "trader" {
            step.append(try trace("issue", ["code": .string(product.key), "mode": .string(product.mode.rawValue)], by: product.owner))
        }
        step.append(try trace("issue", ["code": .string(DemoProductSpec.palletKey), "mode": .string("fullSupplyChain")], by: "manufacturer"))
        step.append(try trace("license", ["licensee": .string(cast["trader"].id), "prefix": .string(DemoCast.prefixA)], by: "manufacturer"))
        steps.append(step)
    }

    mutating func productStep() throws {
        var step: [Transaction] = []
        for product in Self.products where product.owner == "trader" {
            var payload: [String: CanonicalJSON] = ["code": .string(product.key), "mode": .string(product.mode.rawValue)]
            if let quantity = product.quantity { payload["quantity"] = .integer(quantity) }
            step.append(try trace("issue", payload, by: "trader"))
        }
        for product in Self.products where product.owner != "trader" {
            for item in [RecordItem.productProduction, .productFeatures, .productCode] {
                step.append(try record(item, product, by: product.owner))
            }
        }
        steps.append(step)
    }

    mutating func transactionStep() throws {
        var step: [Transaction] = []
        for product in Self.products {
            if product.owner == "trader" { step.append(try record(.productFeatures, product, by: "manufacturer")) }
            if product.mode != .trader {
                step.append(try record(.transactionOrder, product, by: "platform", counterparties: ["consumer"]))
            }
            if product.mode == .fullSupplyChain { step.append(try record(.transactionCrossBorderCollection, product, by: "bank")) }
            step.append(try record(.transactionProductCode, product, by: "platform"))
        }
        steps.append(step)
    }

    mutating func logisticsSteps() throws {
        var tally = try Self.products.map { try record(.logisticsTally, $0, by: "tally") }
        let children = CanonicalJSON.array(Self.full.map { .string($0.key) })
        tally.append(try trace("aggregate", ["parent": .string(DemoProductSpec.palletKey), "children": children,
                                             "time": .string(records.time(50))], by: "logistics"))
        steps.append(tally)
        var transport = try Self.products.filter { !$0.palletised }.map { try record(.logisticsTransport, $0, by: "logistics") }
        let palletData = records.data(.logisticsTransport, product: Self.full[0])
        transport.append(try record(.logisticsTransport, key: DemoProductSpec.palletKey, data: palletData, by: "logistics"))
        transport.append(try trace("track", ["segment": .string(try trackSegment())], by: "logistics"))
        for product in Self.products { transport.append(try record(.customsDeclaration, product, by: "broker")) }
        steps.append(transport)
    }

    mutating func customsAndDeliverySteps() throws {
        let clearances = try Self.products.map { try clearance($0.inspected ? .inspected : .released, $0) }
        steps.append(clearances)
        var release = try Self.products.filter(\.inspected).map { try clearance(.released, $0) }
        release.append(try trace("disaggregate", ["parent": .string(DemoProductSpec.palletKey), "time": .string(records.time(390))],
                                 by: "warehouse"))
        steps.append(release)
        let warehousing = try Self.products.map { try record(.logisticsWarehousing, $0, by: "warehouse") }
        steps.append(warehousing)
        let deliveries = try Self.products.map {
            try record($0.exception == .damage ? .logisticsDeliveryException : .logisticsDelivery, $0, by: "warehouse")
        }
        steps.append(deliveries)
        var last: [Transaction] = []
        for product in Self.products {
            if product.exception == .damage { last.append(try record(.logisticsDelivery, product, by: "warehouse")) }
            if product.exception == .return { last.append(try record(.logisticsDeliveryException, product, by: "warehouse")) }
        }
        steps.append(last)
    }

    mutating func clearance(_ status: ClearanceStatus, _ product: DemoProductSpec) throws -> Transaction {
        try record(.customsClearanceStatus, key: product.key, data: ["status": .string(status.rawValue)], by: "broker",
                   owner: product.owner)
    }

    /// A `record` of `item` on the product, with its sealed fields sealed for the readers the contract requires.
    mutating func record(_ item: RecordItem, _ product: DemoProductSpec, by writer: String,
                         counterparties: [String] = []) throws -> Transaction {
        try record(item, key: product.key, data: records.data(item, product: product), by: writer, owner: product.owner,
                   counterparties: counterparties)
    }

    mutating func record(_ item: RecordItem, key: String, data clear: [String: CanonicalJSON], by writer: String,
                         owner: String = "manufacturer", counterparties: [String] = []) throws -> Transaction {
        var data = clear
        for rule in SealedFields.rules(of: item) {
            guard let secret = DemoRecords.secrets[rule.field] else { continue }
            let readers = [writer, owner] + counterparties + regulators(rule.regulators, country: cast[owner].country)
            data[rule.field] = try seal(secret, key: key, item: item, field: rule.field, readers: readers)
        }
        let record: CanonicalJSON = .object(["item": .string(item.rawValue), "traceCode": .string(key),
                                             "recordedAt": .string(records.time(Int64(steps.count) * 10)), "data": .object(data)])
        var payload: [String: CanonicalJSON] = ["record": record]
        if !counterparties.isEmpty { payload["counterparties"] = .array(counterparties.map { .string(cast[$0].id) }) }
        return try trace("record", payload, by: writer)
    }

    func regulators(_ subtypes: [ParticipantSubtype], country: String) -> [String] {
        cast.all.filter { subtypes.contains($0.subtype) && $0.country == country }.map(\.handle)
    }

    func seal(_ value: CanonicalJSON, key: String, item: RecordItem, field: String, readers: [String]) throws -> CanonicalJSON {
        var keys: [String: EncryptionPublicKey] = [:]
        for handle in readers { keys[cast[handle].id] = cast[handle].encryption.publicKey }
        let sealed = try SealedValue.seal(try value.canonicalBytes(), for: keys, scheme: .x25519AESGCM,
                                          associatedData: SealedFields.associatedData(traceCode: key, item: item, field: field))
        return SealedFields.envelope(sealed)
    }

    /// Three fixes of the pallet leaving Yantian port by sea.
    func trackSegment() throws -> String {
        let points = [(22.58, 114.27), (22.55, 114.30), (22.52, 114.33)]
        var fixes: [LocationFix] = []
        for (index, point) in points.enumerated() {
            guard let time = TrackTime.timestamp(milliseconds: start + 52 * 3_600_000 + Int64(index) * 1_800_000, offsetMinutes: 0) else {
                throw DemoPlanError(.invalidFile, field: "start", rule: "a time in years 0000-9999")
            }
            fixes.append(try LocationFix(source: .gps, datum: .wgs84, latitude: point.0, longitude: point.1, accuracyMetres: 10,
                                         time: time, deviceId: "demo-tracker-1"))
        }
        return Hex.encode(TrackSegmentCodec.encode(try TrackSegment(traceKey: DemoProductSpec.palletKey, fixes: fixes)))
    }
}
