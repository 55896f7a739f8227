import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TraceAPI
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel
import TraceNode

/// `APINetwork`'s two-validator network with one genesis verifier (the platform
/// operator, R-6.3.1.2) added to the genesis of the trade chain `cbetc`, so the
/// membership and trace contracts run over HTTP.
final class TraceNetwork: @unchecked Sendable {
    let root: URL
    let hosts: [NodeHost]
    let api: TraceAPI
    let genesis: Genesis
    static let chain = "cbetc"

    init() async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("trace-net-\(UUID().uuidString)")
        try APINetwork.write(root: root, chain: Self.chain, profile: .standard, limits: NodeLimits())
        var genesis = try Genesis.load(root.appendingPathComponent("node0/genesis/\(Self.chain).json").path)
        genesis.verifiers = [GenesisVerifier(participantId: "operator", publicKey: Actors.verifier.publicKey)]
        for index in 0..<APINetwork.validators {
            try Data(try genesis.canonicalBytes()).write(to: root.appendingPathComponent("node\(index)/genesis/\(Self.chain).json"))
        }
        self.genesis = genesis
        var hosts: [NodeHost] = []
        for index in 0..<APINetwork.validators {
            let host = try NodeHost(home: try NodeHome(home: root.appendingPathComponent("node\(index)").path), log: { _ in }, onFatal: { _ in })
            _ = try await host.start()
            hosts.append(host)
        }
        self.hosts = hosts
        api = TraceAPI(host: hosts[0])
    }

    func stop() async {
        for host in hosts { await host.shutdown() }
        try? FileManager.default.removeItem(at: root)
    }
}

func withTraceNetwork<T>(_ body: (TraceNetwork) async throws -> T) async throws -> T {
    let network = try await TraceNetwork()
    do {
        let result = try await body(network)
        await network.stop()
        return result
    } catch {
        await network.stop()
        throw error
    }
}

/// Participants of the HTTP tests: deterministic Ed25519 keys (seed = 32 copies of a byte).
struct Actor {
    let signer: Ed25519Signer
    let payload: [String: CanonicalJSON]
    var id: String { Participant.signerID(signer.publicKey) }
}

enum Actors {
    static let gtin = "09521234543213"
    static let prefix = "9521234"
    /// GB 32100-2015 valid code (from /work/shared/vectors/README.md).
    static let uscc = "91350100M000100Y43"

    static func key(_ seed: UInt8) -> Ed25519Signer {
        guard let signer = try? Ed25519Signer(seed: [UInt8](repeating: seed, count: 32)) else {
            preconditionFailure("a 32-byte seed is a valid Ed25519 key")
        }
        return signer
    }

    static let verifier = key(200)

    static func actor(_ seed: UInt8, name: String, category: String, subtype: String, kinds: [String], prefixes: [String] = []) -> Actor {
        var payload: [String: CanonicalJSON] = [
            "name": .string(name), "category": .string(category), "subtype": .string(subtype), "country": .string("CN"),
            "nodeKinds": .array(kinds.map { .string($0) }), "roles": .array([.string("informationProvider")]),
            "registration": .object(["kind": .string("unifiedSocialCreditCode"), "code": .string(uscc)]),
            "documentHashes": .array([.string(String(repeating: "ab", count: 32))]),
            "encryptionKey": .object(["kind": .string("x25519"), "key": .string(Hex.encode([UInt8](repeating: seed &+ 100, count: 32)))]),
        ]
        if !prefixes.isEmpty { payload["gs1CompanyPrefixes"] = .array(prefixes.map { .string($0) }) }
        return Actor(signer: key(seed), payload: payload)
    }

    static let manufacturer = actor(11, name: "Shenzhen Toy Works", category: "tradeEntity", subtype: "manufacturer",
                                    kinds: ["manufacturer"], prefixes: [prefix])
    static let logistics = actor(16, name: "Ocean Express", category: "logistics", subtype: "internationalLogistics",
                                 kinds: ["pickupConsolidation", "internationalTransport"])
    static let outsider = actor(30, name: "Unverified Co.", category: "tradeEntity", subtype: "manufacturer", kinds: ["manufacturer"])

    /// A signed transaction of the trade chain in its wire form.
    static func wire(_ contract: String, _ action: String, _ payload: [String: CanonicalJSON], by signer: any Signer) throws -> [UInt8] {
        try transaction(contract, action, payload, by: signer).wireBytes
    }

    static func transaction(_ contract: String, _ action: String, _ payload: [String: CanonicalJSON], by signer: any Signer) throws -> Transaction {
        let nonce = Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255) })
        return try Transaction.sign(chain: TraceNetwork.chain, contract: contract, action: action, payload: payload,
                                    nonce: nonce, time: Int64(Date().timeIntervalSince1970 * 1000), signer: signer)
    }

    static func unit(_ serial: String) -> String { "https://id.gs1.org/01/\(gtin)/21/\(serial)" }

    static func record(_ item: RecordItem, key: String, data: [String: CanonicalJSON]) -> [String: CanonicalJSON] {
        ["record": .object(["item": .string(item.rawValue), "traceCode": .string(key), "recordedAt": .string("2026-03-02T09:00:00+08:00"),
                            "data": .object(data)])]
    }

    static let production: [String: CanonicalJSON] = ["producerName": .string("Shenzhen Toy Works"), "country": .string("CN"),
                                                      "productionTime": .string("2026-02-20T10:00:00+08:00")]
    static let transport: [String: CanonicalJSON] = ["carrier": .string("COSCO"), "transportMode": .string("sea"), "origin": .string("Yantian")]
}

extension String {
    /// Percent-encoded for one path segment (everything but RFC 3986 unreserved characters).
    var pathSegment: String { addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? self }
}

extension TestClientProtocol {
    func call(_ method: HTTPRequest.Method, _ uri: String, body: [UInt8]? = nil, headers: HTTPFields) async throws -> (Answer, [UInt8]) {
        let response = try await executeRequest(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
        let bytes = Array(response.body.readableBytesView)
        let json = (try? CanonicalJSONParser.parse(bytes, sizeMax: 64 << 20)) ?? .string(String(decoding: bytes, as: UTF8.self))
        return (Answer(status: response.status, headers: response.headers, json: json), bytes)
    }
}
