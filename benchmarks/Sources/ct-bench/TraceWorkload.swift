import Foundation
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel

/// Realistic trace transactions for the benchmarks (issue 7 items 2 and 4):
/// the demo network's verified manufacturer (`crosstrace up --demo`, seed 1,
/// docs/demo.md) issues serial codes under its own GS1 prefix and records
/// `product.production` entries against them through the `trace` contract —
/// the same contract checks, index updates and receipts as real use. A
/// transaction is about 500 bytes with its signature.
struct TraceWorkload: Sendable {
    let chain: String
    let manufacturer: SigningKey
    let gtin: String
    let codes: Int
    let run: String
    let hash: HashAlgorithm

    /// The demo plan's manufacturer and GTIN, rebuilt from the network's files (keys depend on the seed only).
    init(network: String, codes: Int, run: String) throws {
        let plan = try DemoPlan.load(network: network, seed: 1, now: Int64(Date().timeIntervalSince1970 * 1000))
        guard let maker = plan.participant("manufacturer") else { throw BenchError("the demo plan has no manufacturer") }
        self.chain = plan.chain
        self.manufacturer = maker.signer
        self.gtin = try Self.gtin(plan)
        self.codes = codes
        self.run = run
        self.hash = try Genesis.load(network + "/genesis/\(plan.chain).json").profile.hash
    }

    /// The GTIN of the demo plan's first product: every code of the run is a serial of it.
    static func gtin(_ plan: DemoPlan) throws -> String {
        guard let first = plan.products.first, let gtin = first.digitalLinkPath.split(separator: "/").dropFirst().first else {
            throw BenchError("the demo plan has no product")
        }
        return String(gtin)
    }

    /// The GTIN the workload uses on `network` (for PostgreSQL and the query phase, so both hold the node's codes).
    static func gtin(network: String) throws -> String {
        try gtin(DemoPlan.load(network: network, seed: 1, now: Int64(Date().timeIntervalSince1970 * 1000)))
    }

    /// Events per batch transaction: 10, not the 100 the contract allows: a trace query reads the whole
    /// transaction of each event it answers, so ten 33 KB batches per code
    /// made a query read 330 KB; seeding runs at about the same events/s.
    static let eventsPerTransaction = 10

    /// Events of the run about unit `n`: sequences `s < events` with `s % codes == n`.
    static func eventCount(unit n: Int, events: Int, codes: Int) -> Int {
        events / codes + (n < events % codes ? 1 : 0)
    }

    /// The canonical key of unit `n` of this run.
    func key(_ n: Int) -> String { DigitalLink.canonicalDomain + "/01/\(gtin)/21/\(run)\(n)" }

    func issue(_ n: Int, time: Int64) throws -> Transaction {
        try sign("issue", ["code": .string(key(n)), "mode": .string("fullSupplyChain")], time: time)
    }

    /// Event `sequence`: a production record of unit `sequence % codes`.
    func record(_ sequence: Int, time: Int64) throws -> Transaction {
        try sign("record", ["record": .object(Self.record(sequence, key: key(sequence % codes)))], time: time)
    }

    /// Batch transaction `number` of a run of `events`: events `number × 100 …` as one
    /// `recordBatch` (issue 7 item 4), each about its own unit.
    func recordBatch(_ number: Int, events: Int, time: Int64) throws -> Transaction {
        let first = number * Self.eventsPerTransaction
        let sequences = first..<min(events, first + Self.eventsPerTransaction)
        let records = sequences.map { CanonicalJSON.object(Self.record($0, key: key($0 % codes))) }
        return try sign("recordBatch", ["records": .array(records)], time: time)
    }

    /// The record of event `sequence` about unit `key` (Table 1 production, R-6.4.1).
    static func record(_ sequence: Int, key: String) -> [String: CanonicalJSON] {
        let minute = sequence % 1440
        let recordedAt = String(format: "2026-03-%02dT%02d:%02d:00+08:00", 1 + sequence % 28, minute / 60, minute % 60)
        let data: [String: CanonicalJSON] = [
            "producerName": .string("Shenzhen Panda Toy Works Co., Ltd. - Line \(sequence % 12)"),
            "country": .string("CN"), "productionTime": .string(recordedAt),
        ]
        return ["item": .string("product.production"), "traceCode": .string(key),
                "recordedAt": .string(recordedAt), "data": .object(data)]
    }

    /// The same events without a network, for PostgreSQL: (trace code, record JSON text).
    static func event(_ sequence: Int, codes: Int, gtin: String, run: String) -> (code: String, record: String) {
        let key = DigitalLink.canonicalDomain + "/01/\(gtin)/21/\(run)\(sequence % codes)"
        let text = (try? CanonicalJSON.object(record(sequence, key: key)).canonicalBytes()).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return (key, text)
    }

    private func sign(_ action: String, _ payload: [String: CanonicalJSON], time: Int64) throws -> Transaction {
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
        return try Transaction.sign(chain: chain, contract: TraceContract.contractName, action: action, payload: payload,
                                    nonce: bytes.map { String(format: "%02x", $0) }.joined(), time: time, signer: manufacturer.signer)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
