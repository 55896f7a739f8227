import TraceConsensus
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel

/// Test vectors from /work/shared/vectors/README.md (GB 32100-2015, ISO 17442).
enum Vectors {
    static let usccValid = "91350100M000100Y43"
    static let usccValid2 = "91110000802100433B"
    /// Check character should be A.
    static let usccBadCheck = "911100001011100000"
    static let leiValid = "5493001KJTIIGC8Y1R12"
}

/// A deterministic Ed25519 key whose seed is 32 copies of `byte`.
func signer(_ byte: UInt8) -> Ed25519Signer {
    guard let signer = try? Ed25519Signer(seed: [UInt8](repeating: byte, count: 32)) else {
        preconditionFailure("a 32-byte seed is a valid Ed25519 key")
    }
    return signer
}

let verifier = signer(200)
let digestA = String(repeating: "ab", count: 32)

/// A valid `apply` payload for a mainland manufacturer; tests change one member.
func manufacturerPayload(encryptionByte: UInt8 = 0x42) -> [String: CanonicalJSON] {
    [
        "name": .string("Xiamen Widgets Co."),
        "category": .string("tradeEntity"),
        "subtype": .string("manufacturer"),
        "country": .string("CN"),
        "nodeKinds": .array([.string("manufacturer")]),
        "roles": .array([.string("informationProvider"), .string("demandSide")]),
        "registration": .object(["kind": .string("unifiedSocialCreditCode"), "code": .string(Vectors.usccValid)]),
        "gs1CompanyPrefixes": .array([.string("6901234")]),
        "documentHashes": .array([.string(digestA)]),
        "encryptionKey": .object(["kind": .string("x25519"),
                                  "key": .string(Hex.encode([UInt8](repeating: encryptionByte, count: 32)))]),
    ]
}

/// An overseas warehouse operator in `country` registered by registry number.
func overseasWarehousePayload(country: String) -> [String: CanonicalJSON] {
    var payload = manufacturerPayload()
    payload["name"] = .string("Warehouse \(country)")
    payload["category"] = .string("logistics")
    payload["subtype"] = .string("overseasWarehousingDelivery")
    payload["country"] = .string(country)
    payload["nodeKinds"] = .array([.string("overseasWarehouse"), .string("overseasClearanceDelivery")])
    payload["roles"] = .array([.string("informationProvider")])
    payload["registration"] = .object(["kind": .string("overseas"), "country": .string(country),
                                       "registryNumber": .string("HRB 12345")])
    payload["gs1CompanyPrefixes"] = nil
    return payload
}

/// A chain in memory: blocks run through the real `Executor` and commit.
struct TestChain {
    static let executor = Executor(chain: "c", profile: .standard,
                                   contracts: [MembershipContract(genesisVerifiers: [GenesisVerifier(participantId: "operator",
                                                                                       publicKey: verifier.publicKey)]),
                                               ProbeContract()])
    var state = MemoryState()
    var height: UInt64 = 0
    var nonce = 0

    mutating func tx(_ action: String, _ payload: [String: CanonicalJSON], by signer: any Signer,
                     contract: String = "membership") -> Transaction {
        guard let transaction = signed(action, payload, by: signer, contract: contract) else { preconditionFailure("fixture transactions are valid") }
        return transaction
    }

    /// A signed transaction, or nil when the ledger's transaction rules refuse the payload.
    mutating func signed(_ action: String, _ payload: [String: CanonicalJSON], by signer: any Signer,
                         contract: String = "membership") -> Transaction? {
        nonce += 1
        let digits = String(nonce, radix: 16)
        return try? Transaction.sign(chain: "c", contract: contract, action: action, payload: payload,
                                     nonce: String(repeating: "0", count: 32 - digits.count) + digits, time: 5, signer: signer)
    }

    /// Executes and commits one block; returns its receipts.
    mutating func block(_ transactions: [Transaction]) -> [Receipt] {
        height += 1
        let result = Self.executor.execute(transactions, height: Height(height), time: 0, state: state)
        state.apply(result.changes)
        return result.receipts
    }

    /// One transaction in its own block.
    mutating func run(_ action: String, _ payload: [String: CanonicalJSON], by signer: any Signer) -> Receipt {
        let transaction = tx(action, payload, by: signer)
        return block([transaction])[0]
    }

    var view: MembershipView { MembershipView(state: state) }
    var nextHeight: Height { Height(height + 1) }
}

func id(_ signer: any Signer) -> CanonicalJSON { .string(Participant.signerID(signer.publicKey)) }
