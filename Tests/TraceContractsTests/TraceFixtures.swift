import TraceConsensus
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel

/// A participant of the trace tests: signing key, encryption key pair, apply payload.
struct Actor {
    let signer: Ed25519Signer
    let encryption: EncryptionKeyPair
    let payload: [String: CanonicalJSON]
    var id: String { Participant.signerID(signer.publicKey) }
}

/// Participants of several categories and node kinds; seeds fixed.
enum Cast {
    static let gtin = "09521234543213"
    static let prefix = "9521234"
    static let otherGTIN = GS1Key.appendingCheckDigit(to: "0690123400001")

    static func actor(_ seed: UInt8, name: String, category: String, subtype: String, country: String = "CN",
                      kinds: [String], roles: [String], prefixes: [String] = []) -> Actor {
        guard let encryption = try? EncryptionKeyPair(kind: .x25519, privateKey: [UInt8](repeating: seed &+ 100, count: 32)) else {
            preconditionFailure("32 bytes are an X25519 key")
        }
        var payload = manufacturerPayload()
        payload["name"] = .string(name)
        payload["category"] = .string(category)
        payload["subtype"] = .string(subtype)
        payload["country"] = .string(country)
        payload["nodeKinds"] = kinds.isEmpty ? nil : .array(kinds.map { .string($0) })
        payload["roles"] = .array(roles.map { .string($0) })
        payload["gs1CompanyPrefixes"] = prefixes.isEmpty ? nil : .array(prefixes.map { .string($0) })
        if country != "CN" {
            payload["registration"] = .object(["kind": .string("overseas"), "country": .string(country), "registryNumber": .string("HRB \(seed)")])
        }
        payload["encryptionKey"] = .object(["kind": .string("x25519"), "key": .string(Hex.encode(encryption.publicKey.rawBytes))])
        return Actor(signer: signer(seed), encryption: encryption, payload: payload)
    }

    static let manufacturer = actor(11, name: "Shenzhen Toy Works", category: "tradeEntity", subtype: "manufacturer",
                                    kinds: ["manufacturer"], roles: ["informationProvider"], prefixes: [prefix])
    static let otherManufacturer = actor(12, name: "Ningbo Cups", category: "tradeEntity", subtype: "manufacturer",
                                         kinds: ["manufacturer"], roles: ["informationProvider"], prefixes: ["6901234"])
    static let platform = actor(13, name: "Global Shop", category: "tradeEntity", subtype: "eCommercePlatform",
                                kinds: ["tradingPlatform"], roles: ["informationProvider", "informationUser"])
    static let trader = actor(14, name: "Xiamen Export Trading", category: "tradeEntity", subtype: "tradingEnterprise",
                              kinds: ["domesticProcurement"], roles: ["informationProvider"])
    static let bank = actor(15, name: "Bank of Xiamen", category: "financial", subtype: "bank",
                            kinds: ["crossBorderCollection"], roles: ["informationProvider"])
    static let logistics = actor(16, name: "Ocean Express", category: "logistics", subtype: "internationalLogistics",
                                 kinds: ["pickupConsolidation", "internationalTransport"], roles: ["informationProvider"])
    static let tally = actor(17, name: "Yantian Sorting", category: "logistics", subtype: "sortingWarehousing",
                             kinds: ["tallyPicking"], roles: ["informationProvider"])
    static let warehouse = actor(18, name: "LA Warehouse", category: "logistics", subtype: "overseasWarehousingDelivery",
                                 country: "US", kinds: ["overseasWarehouse", "overseasClearanceDelivery"], roles: ["informationProvider"])
    static let broker = actor(19, name: "Yantian Customs Broker", category: "logistics", subtype: "customsBroker",
                              kinds: ["portClearance"], roles: ["informationProvider"])
    static let customs = actor(20, name: "Shenzhen Customs", category: "regulator", subtype: "customs",
                               kinds: [], roles: ["supervisor", "informationUser"])
    static let tax = actor(21, name: "Tax Bureau", category: "regulator", subtype: "tax", kinds: [], roles: ["supervisor"])
    static let forex = actor(22, name: "SAFE Xiamen", category: "regulator", subtype: "foreignExchange", kinds: [], roles: ["supervisor"])
    static let market = actor(23, name: "Market Supervision", category: "regulator", subtype: "marketSupervision",
                              kinds: [], roles: ["supervisor"])
    static let holder = actor(24, name: "Curious Buyer Ltd", category: "consumerOrOther", subtype: "otherTraceCodeHolder",
                              kinds: [], roles: ["informationUser"])
    static let regulators = [customs, tax, forex, market]
    static let everyone = [manufacturer, otherManufacturer, platform, trader, bank, logistics, tally, warehouse, broker, holder] + regulators
}

/// A chain in memory running `MembershipContract` and `TraceContract` through the real `Executor`.
struct TraceChain {
    static let executor = Executor(chain: "c", profile: .standard, contracts: [
        MembershipContract(genesisVerifiers: [GenesisVerifier(participantId: "operator", publicKey: verifier.publicKey)]),
        TraceContract(profile: .standard),
    ])
    var state = MemoryState()
    var height: UInt64 = 0
    var nonce = 0
    /// Every committed transaction, for the views.
    var committed: [CommittedTransaction] = []

    /// A chain where every actor of `Cast.everyone` applied and was verified.
    static func populated() -> TraceChain {
        var chain = TraceChain()
        let applications = Cast.everyone.map { chain.tx("apply", $0.payload, by: $0.signer, contract: "membership") }
        precondition(chain.block(applications).allSatisfy { $0.code == .ok }, "fixture applications are valid")
        let verifications = Cast.everyone.map { chain.tx("verify", ["participant": .string($0.id)], by: verifier, contract: "membership") }
        precondition(chain.block(verifications).allSatisfy { $0.code == .ok }, "fixture verifications are valid")
        _ = chain.block([])
        return chain
    }

    mutating func tx(_ action: String, _ payload: [String: CanonicalJSON], by signer: any Signer,
                     contract: String = "trace") -> Transaction {
        nonce += 1
        let digits = String(nonce, radix: 16)
        guard let transaction = try? Transaction.sign(chain: "c", contract: contract, action: action, payload: payload,
                                                      nonce: String(repeating: "0", count: 32 - digits.count) + digits,
                                                      time: 5, signer: signer) else {
            preconditionFailure("fixture transactions are valid")
        }
        return transaction
    }

    /// Executes and commits one block; returns its receipts.
    mutating func block(_ transactions: [Transaction]) -> [Receipt] {
        height += 1
        let time = Int64(height) * 1000
        let result = Self.executor.execute(transactions, height: Height(height), time: time, state: state)
        state.apply(result.changes)
        for (index, transaction) in transactions.enumerated() where result.receipts[index].code == .ok {
            committed.append(CommittedTransaction(height: height, index: UInt32(index), time: time, transaction: transaction))
        }
        return result.receipts
    }

    /// One trace transaction in its own block.
    mutating func run(_ action: String, _ payload: [String: CanonicalJSON], by actor: Actor) -> Receipt {
        block([tx(action, payload, by: actor.signer)])[0]
    }

    func index(of key: String) -> TraceIndex? {
        state.value(forKey: TraceContract.indexKey(for: key)).flatMap { try? TraceIndex(canonicalBytes: $0) }
    }

    func issued(_ key: String) -> IssuedCode? {
        state.value(forKey: TraceContract.codeKey(for: key)).flatMap(IssuedCode.init(canonicalBytes:))
    }

    /// The committed transactions the index of `key` lists.
    func entries(of key: String) -> [CommittedTransaction] {
        let positions = Set((index(of: key)?.entries ?? []).map(\.position))
        return committed.filter { positions.contains($0.position) }
    }

    func participant(_ actor: Actor) -> Participant? { MembershipView(state: state).participant(signer: actor.signer.publicKey) }
}

/// Trace codes and records for the tests.
enum Sample {
    static func unit(_ serial: String, gtin: String = Cast.gtin) -> String { "https://id.gs1.org/01/\(gtin)/21/\(serial)" }
    static func batch(_ lot: String) -> String { "https://id.gs1.org/01/\(Cast.gtin)/10/\(lot)" }
    /// An SSCC of the manufacturer's prefix; `serial` is the 9-digit serial reference.
    static func sscc(_ serial: String) -> String {
        "https://id.gs1.org/00/" + GS1Key.appendingCheckDigit(to: "3" + Cast.prefix + serial)
    }

    static func issue(_ code: String, mode: String = "manufacturer", quantity: Int64? = nil) -> [String: CanonicalJSON] {
        var payload: [String: CanonicalJSON] = ["code": .string(code), "mode": .string(mode)]
        if let quantity { payload["quantity"] = .integer(quantity) }
        return payload
    }

    /// Clear data of every item (sealed fields left out; `sealedData` adds them).
    static func data(_ item: RecordItem) -> [String: CanonicalJSON] {
        switch item {
        case .productMaterialsComponents: ["materialName": "cotton", "supplierName": "Fujian Cotton", "address": "Fuzhou"]
        case .productProduction: ["producerName": "Shenzhen Toy Works", "country": "CN", "productionTime": "2026-02-20T10:00:00+08:00"]
        case .productFeatures: ["brand": "Panda", "modelSpec": "PB-12", "shelfLifeDays": .integer(1825)]
        case .productCode, .transactionProductCode: ["commodityBarcode": .string(Cast.gtin)]
        case .transactionOrder: ["goodsName": "plush toy", "orderTime": "2026-03-01T09:00:00+08:00",
                                 "tradingPlatform": "Global Shop", "currency": "USD"]
        case .transactionCrossBorderCollection:
            ["goodsName": "plush toy", "collectionTime": "2026-03-05T09:00:00+08:00", "settlementCurrency": "CNY",
             "settlementTime": "2026-03-06T09:00:00+08:00", "currency": "USD", "payee": "Shenzhen Toy Works"]
        case .logisticsTally: ["securityScan": .object(["result": "passed"]), "loading": .object(["packageCount": .integer(3)])]
        case .logisticsTransport: ["carrier": "COSCO", "transportMode": "sea", "origin": "Yantian"]
        case .logisticsWarehousing: ["warehouseName": "LA 3", "address": "1200 Harbor Ave", "storageMode": "ambient",
                                     "timeIn": "2026-03-20T09:00:00-07:00", "timeOut": "2026-03-21T09:00:00-07:00"]
        case .logisticsDelivery: ["logisticsCompany": "UPS", "logisticsNumber": "1Z999AA10123456784"]
        case .logisticsDeliveryException: ["kind": "damage"]
        case .customsDeclaration:
            ["declarationList": .array([.object(["goodsName": "plush toy", "hsCode": "950300", "quantity": .integer(3)])]),
             "declarationNumber": "531620260000123456", "departurePort": "Yantian", "arrivalPort": "Los Angeles",
             "declarationDate": "2026-03-03", "releaseDate": "2026-03-04"]
        case .customsClearanceStatus: ["status": "released"]
        }
    }

    /// Clear values of the sealed fields, each the JSON text sealed.
    static let secrets: [String: CanonicalJSON] = [
        "contact": "Li Lei +86 138 0000 0000", "amount": "129.90", "deliveryAddress": "5 Elm St, Springfield",
        "consignee": "Han Meimei", "collectedAmount": "129.90", "settledAmount": "899.10", "recipient": "Han Meimei",
        "placeOfReceipt": "5 Elm St, Springfield",
        "taxPayment": .object(["amount": "12.00", "currency": "CNY"]),
    ]

    /// The item's data with every sealed field sealed for `readers` and the field's competent regulators.
    static func sealedData(_ item: RecordItem, code: String, readers: [Actor]) -> [String: CanonicalJSON] {
        var data = self.data(item)
        for rule in SealedFields.rules(of: item) {
            guard let secret = secrets[rule.field] else { preconditionFailure("a secret for every sealed field") }
            data[rule.field] = seal(secret, item: item, field: rule.field, code: code, readers: readers + regulators(of: rule))
        }
        return data
    }

    /// The verified regulators that must read a field sealed under `rule`.
    static func regulators(of rule: SealedFieldRule) -> [Actor] {
        Cast.regulators.filter { actor in
            guard case .string(let subtype)? = actor.payload["subtype"] else { return false }
            return rule.regulators.map(\.rawValue).contains(subtype)
        }
    }

    static func seal(_ value: CanonicalJSON, item: RecordItem, field: String, code: String, readers: [Actor]) -> CanonicalJSON {
        var keys: [String: EncryptionPublicKey] = [:]
        for reader in readers { keys[reader.id] = reader.encryption.publicKey }
        guard let plaintext = try? value.canonicalBytes(),
              let sealed = try? SealedValue.seal(plaintext, for: keys, scheme: .x25519AESGCM,
                                                 associatedData: SealedFields.associatedData(traceCode: code, item: item, field: field)) else {
            preconditionFailure("sealing fixture values works")
        }
        return SealedFields.envelope(sealed)
    }

    static func record(_ item: RecordItem, code: String, data: [String: CanonicalJSON],
                       recordedAt: String = "2026-03-02T09:00:00+08:00") -> [String: CanonicalJSON] {
        ["record": .object(["item": .string(item.rawValue), "traceCode": .string(code), "recordedAt": .string(recordedAt),
                            "data": .object(data)])]
    }

    /// The parties that read every sealed field of a record on a manufacturer's unit, plus `extra`.
    static func readers(writer: Actor, extra: [Actor] = []) -> [Actor] {
        [writer, Cast.manufacturer] + extra
    }
}

extension CanonicalJSON: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}
