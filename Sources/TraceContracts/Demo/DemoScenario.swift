import TraceCrypto
import TraceLedger
import TraceModel

/// The demo scenario (issue 6 item 7): pure and deterministic given the seed
/// (keys, nonces) and the start time, except the sealed envelopes, whose
/// data keys are fresh random bytes as sealing requires.
public struct DemoScenario {
    let chain: String
    let verifier: SigningKey
    let seed: UInt64
    let start: Int64
    let cast: DemoCast
    let records: DemoRecords
    var nonceCount: UInt64 = 0
    var steps: [[Transaction]] = []

    /// The plan on `chain`; `verifier` is the platform operator's genesis verifier key;
    /// `start` (ms since the epoch) dates transactions and records.
    public static func plan(chain: String, verifier: SigningKey, seed: UInt64, start: Int64) throws -> DemoPlan {
        var scenario = try DemoScenario(chain: chain, verifier: verifier, seed: seed, start: start)
        try scenario.build()
        let products = DemoProductSpec.all.map {
            DemoProduct(code: $0.key, digitalLinkPath: $0.path, mode: $0.mode, description: $0.description, shows: $0.shows)
        }
        return DemoPlan(chain: chain, steps: scenario.steps, products: products, participants: scenario.cast.all)
    }

    init(chain: String, verifier: SigningKey, seed: UInt64, start: Int64) throws {
        self.chain = chain
        self.verifier = verifier
        self.seed = seed
        self.start = start
        self.cast = try DemoCast(seed: seed, operatorKey: verifier)
        self.records = DemoRecords(start: start)
    }

    /// The next transaction; nonces come from the seed, times from the start.
    mutating func tx(_ contract: String, _ action: String, _ payload: [String: CanonicalJSON], by signer: SigningKey) throws -> Transaction {
        nonceCount += 1
        let nonce = Hex.encode(Array(DemoKeys.bytes(seed: seed, label: "nonce/\(nonceCount)").prefix(16)))
        return try Transaction.sign(chain: chain, contract: contract, action: action, payload: payload, nonce: nonce,
                                    time: start + Int64(steps.count) * 1000, signer: signer.signer)
    }

    mutating func trace(_ action: String, _ payload: [String: CanonicalJSON], by handle: String) throws -> Transaction {
        try tx(TraceContract.contractName, action, payload, by: cast[handle].signer)
    }

    mutating func build() throws {
        let all = cast.all
        let applications = try all.map { try tx(MembershipContract.contractName, "apply", $0.payload, by: $0.signer) }
        steps.append(applications)
        let operatorKey = verifier
        let verifications = try all.map { try tx(MembershipContract.contractName, "verify", ["participant": .string($0.id)], by: operatorKey) }
        steps.append(verifications)
        try issueStep()
        try productStep()
        try transactionStep()
        try logisticsSteps()
        try customsAndDeliverySteps()
    }
}
