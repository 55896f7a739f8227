import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TraceCrypto
import TraceLedger

/// Issue 5 "Done means": with four validator processes
/// under a steady load of client transactions (HTTP batch API, spread over
/// nodes 1–3), node0 is killed with SIGKILL; the others keep committing; node0
/// restarts and catches up to the same block hashes; and no transaction that
/// any node reported committed is missing from any node afterwards.
@Suite(.serialized) struct NodeCrashUnderLoadTests {
    static let batches = 24
    static let batchSize = 20

    @Test func r5_3_1_killedValidatorUnderLoadLosesNoAcknowledgedTransaction() async throws {
        let net = try LocalNetwork("crash-load")
        defer { net.shutdown() }
        let urls = (0..<4).map(net.url)
        let node1 = try #require(net.node(1))
        try #require(net.wait { node1.height() >= 2 }, "\(net.report())")

        let client = try Ed25519Signer(seed: [UInt8](repeating: 42, count: 32))
        var accepted: [String] = []
        for batch in 0..<Self.batches {
            if batch == Self.batches / 3 { net.kill([0]) }
            if batch == 2 * Self.batches / 3 { try net.launch(0, log: "node0-restart.log") }
            let transactions = try (0..<Self.batchSize).map { try Self.put("k\(batch)-\($0)", signer: client) }
            accepted += try await Self.submit(transactions, to: urls[1 + batch % 3])
        }
        #expect(accepted.count == Self.batches * Self.batchSize)

        // Every accepted transaction commits on node1; node0 (restarted) has each of them too.
        var committedOn1: [String: UInt64] = [:]
        let deadline = Date().addingTimeInterval(LoggedProcess.waitSeconds)
        while Date() < deadline, committedOn1.count < accepted.count {
            for id in accepted where committedOn1[id] == nil {
                if let height = try await Self.committedHeight(id, at: urls[1]) { committedOn1[id] = height }
            }
            try await Task.sleep(for: .milliseconds(300))
        }
        #expect(committedOn1.count == accepted.count)
        let top = committedOn1.values.max() ?? 0
        let restarted = try #require(net.node(0))
        #expect(net.wait { restarted.height() >= top }, "\(net.report())")
        for id in accepted {
            #expect(try await Self.committedHeight(id, at: urls[0]) == committedOn1[id], "node0 lacks \(id)")
        }
        let hash0 = try await Self.blockHash(top, at: urls[0]), hash1 = try await Self.blockHash(top, at: urls[1])
        #expect(hash0 != nil && hash0 == hash1)
    }

    static func put(_ key: String, signer: Ed25519Signer) throws -> Transaction {
        let nonce = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        return try Transaction.sign(chain: "cbetc", contract: "kv", action: "put",
                                    payload: ["key": .string(key), "value": .string("v")], nonce: nonce,
                                    time: Int64(Date().timeIntervalSince1970 * 1000), signer: signer)
    }

    /// Submits a batch; returns the ids the node accepted.
    static func submit(_ transactions: [Transaction], to url: String) async throws -> [String] {
        let body = try CanonicalJSON.object(["transactions": .array(transactions.map(\.wireJSON))]).canonicalBytes()
        var request = URLRequest(url: URL(string: url + "/v1/chains/cbetc/transactions/batch")!)
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, _) = try await URLSession.shared.data(for: request)
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let results = json?["results"] as? [[String: Any]] ?? []
        return results.compactMap { $0["status"] as? String == "accepted" ? $0["id"] as? String : nil }
    }

    static func committedHeight(_ id: String, at url: String) async throws -> UInt64? {
        guard let (data, response) = try? await URLSession.shared.data(from: URL(string: url + "/v1/chains/cbetc/transactions/" + id)!),
              (response as? HTTPURLResponse)?.statusCode == 200,
              let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              json["status"] as? String == "committed" else { return nil }
        return (json["height"] as? NSNumber)?.uint64Value
    }

    static func blockHash(_ height: UInt64, at url: String) async throws -> String? {
        guard let (data, _) = try? await URLSession.shared.data(from: URL(string: url + "/v1/chains/cbetc/blocks/\(height)")!),
              let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return json["hash"] as? String
    }
}
