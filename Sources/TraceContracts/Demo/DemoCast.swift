import TraceCrypto
import TraceModel

/// The demo's participants: every category of, each with the node kinds
/// and roles (Table 5, R-7.1) it needs.
struct DemoCast {
    static let prefixA = "6975432"
    static let prefixB = "6975433"

    let all: [DemoParticipant]

    subscript(handle: String) -> DemoParticipant {
        guard let participant = all.first(where: { $0.handle == handle }) else { preconditionFailure("demo cast has \(handle)") }
        return participant
    }

    private struct Entry {
        let handle, name: String
        let subtype: ParticipantSubtype
        var country = "CN"
        var kinds: [String] = []
        let roles: [String]
        var prefixes: [String] = []
    }

    private static let entries: [Entry] = [
        Entry(handle: "platform-operator", name: "CrossTrace Platform Operator", subtype: .platformOperator,
              roles: ["traceServiceProvider", "informationUser"]),
        Entry(handle: "manufacturer", name: "Shenzhen Panda Toy Works", subtype: .manufacturer, kinds: ["manufacturer"],
              roles: ["informationProvider", "demandSide"], prefixes: [prefixA]),
        Entry(handle: "manufacturer-b", name: "Ningbo Blue Ceramics", subtype: .manufacturer, kinds: ["manufacturer"],
              roles: ["informationProvider"], prefixes: [prefixB]),
        Entry(handle: "trader", name: "Xiamen Harbour Export Trading", subtype: .tradingEnterprise,
              kinds: ["domesticProcurement"], roles: ["informationProvider"]),
        Entry(handle: "platform", name: "Global Shop Cross-Border", subtype: .eCommercePlatform, kinds: ["tradingPlatform"],
              roles: ["informationProvider", "informationUser"]),
        Entry(handle: "bank", name: "Bank of Xiamen", subtype: .bank, kinds: ["crossBorderCollection"], roles: ["informationProvider"]),
        Entry(handle: "logistics", name: "Ocean Express Logistics", subtype: .internationalLogistics,
              kinds: ["pickupConsolidation", "internationalTransport"], roles: ["informationProvider"]),
        Entry(handle: "tally", name: "Yantian Sorting Centre", subtype: .sortingWarehousing, kinds: ["tallyPicking"],
              roles: ["informationProvider"]),
        Entry(handle: "broker", name: "Yantian Customs Broker", subtype: .customsBroker, kinds: ["portClearance"],
              roles: ["informationProvider"]),
        Entry(handle: "warehouse", name: "Los Angeles Overseas Warehouse", subtype: .overseasWarehousingDelivery, country: "US",
              kinds: ["overseasWarehouse", "overseasClearanceDelivery"], roles: ["informationProvider"]),
        Entry(handle: "customs", name: "Shenzhen Customs", subtype: .customs, roles: ["supervisor", "informationUser"]),
        Entry(handle: "tax", name: "Shenzhen Tax Bureau", subtype: .tax, roles: ["supervisor"]),
        Entry(handle: "forex", name: "SAFE Shenzhen Branch", subtype: .foreignExchange, roles: ["supervisor"]),
        Entry(handle: "market", name: "Shenzhen Market Supervision", subtype: .marketSupervision, roles: ["supervisor"]),
        Entry(handle: "consumer", name: "Demo Consumer", subtype: .consumer, country: "GB", roles: ["informationUser"]),
    ]

    /// The cast; the platform operator signs with `operatorKey` (its genesis verifier key).
    init(seed: UInt64, operatorKey: SigningKey) throws {
        var all: [DemoParticipant] = []
        for (index, entry) in Self.entries.enumerated() {
            let signer = entry.handle == "platform-operator" ? operatorKey
                : try DemoKeys.signingKey(seed: seed, label: entry.handle, algorithm: operatorKey.algorithm)
            let encryption = try DemoKeys.encryption(seed: seed, label: entry.handle)
            let payload = Self.payload(entry, index: index, encryption: encryption)
            all.append(DemoParticipant(handle: entry.handle, name: entry.name, subtype: entry.subtype, country: entry.country,
                                       signer: signer, encryption: encryption, payload: payload))
        }
        self.all = all
    }

    private static func payload(_ entry: Entry, index: Int, encryption: EncryptionKeyPair) -> [String: CanonicalJSON] {
        var payload: [String: CanonicalJSON] = [
            "name": .string(entry.name),
            "category": .string(entry.subtype.category.rawValue),
            "subtype": .string(entry.subtype.rawValue),
            "country": .string(entry.country),
            "roles": .array(entry.roles.map { .string($0) }),
            "registration": registration(entry, index: index),
            "documentHashes": .array([.string(Hex.encode(DemoKeys.bytes(seed: 0, label: "licence/" + entry.handle)))]),
            "encryptionKey": .object(["kind": .string("x25519"), "key": .string(Hex.encode(encryption.publicKey.rawBytes))]),
        ]
        if !entry.kinds.isEmpty { payload["nodeKinds"] = .array(entry.kinds.map { .string($0) }) }
        if !entry.prefixes.isEmpty { payload["gs1CompanyPrefixes"] = .array(entry.prefixes.map { .string($0) }) }
        return payload
    }

    /// Mainland: a USCC; the US warehouse: an LEI; others abroad: a registry number.
    private static func registration(_ entry: Entry, index: Int) -> CanonicalJSON {
        let serial = String(100 + index)
        return switch entry.country {
        case "CN":
            CanonicalJSON.object(["kind": .string("unifiedSocialCreditCode"), "code": .string(DemoKeys.uscc("91440300MA5F0" + serial + "X"))])
        case "US":
            CanonicalJSON.object(["kind": .string("lei"), "code": .string(DemoKeys.lei("5493000DEMO0" + serial + "XYZ"))])
        default:
            CanonicalJSON.object(["kind": .string("overseas"), "country": .string(entry.country), "registryNumber": .string("REG-\(serial)")])
        }
    }
}
