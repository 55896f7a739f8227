import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TraceAPI
import TraceCrypto
import TraceLedger

/// Issue 5 items 4 and 7: every bad input gets its precise JSON error
/// `{"error":{"code","field","message"}}` and status; bounds come from node.toml.
@Suite(.serialized) struct InputErrorTests {
    /// Small bounds so oversize bodies stay small: transaction 2 KiB, body 4 KiB, batch 64 KiB.
    static var smallLimits: NodeLimits {
        var limits = NodeLimits()
        limits.transactionBytesMax = 2 << 10
        limits.httpBodyBytesMax = 4 << 10
        limits.batchBytesMax = 64 << 10
        return limits
    }

    @Test func r5_3_1_malformedAndOversizeBodies() async throws {
        try await withNetwork(limits: Self.smallLimits) { network in
            let app = Application(router: network.api.makeRouter())
            try await app.test(.router) { client in
                let path = "/v1/chains/cbetc/transactions"
                let malformed = try await client.call(.post, path, body: Array(#"{"chain": "cbetc","#.utf8))
                #expect(malformed.status == .badRequest)
                #expect(malformed.errorCode == "malformed")
                #expect(malformed.errorField == "transaction")

                let empty = try await client.call(.post, path, body: [])
                #expect(empty.status == .badRequest)
                #expect(empty.errorCode == "malformed")

                let oversize = try await client.call(.post, path, body: [UInt8](repeating: 0x20, count: 5_000))
                #expect(oversize.status == .contentTooLarge)
                #expect(oversize.errorCode == "bodyTooLarge")
                #expect(oversize.errorMessage?.contains("limits.http_body_bytes_max") == true)

                let big = try network.transaction(value: String(repeating: "x", count: 2_500))
                let tooLarge = try await client.call(.post, path, body: big.wireBytes)
                #expect(tooLarge.status == .contentTooLarge)
                #expect(tooLarge.errorCode == "tooLarge")

                let missing = try await client.call(.post, path, body: Array(#"{"chain":"cbetc"}"#.utf8))
                #expect(missing.status == .badRequest)
                #expect(missing.errorCode == "missingField")

                let batchPath = "/v1/chains/cbetc/transactions/batch"
                let batchOversize = try await client.call(.post, batchPath, body: [UInt8](repeating: 0x20, count: 70_000))
                #expect(batchOversize.status == .contentTooLarge)
                #expect(batchOversize.errorMessage?.contains("limits.batch_bytes_max") == true)

                let notBatch = try await client.call(.post, batchPath, body: Array(#"{"items":[]}"#.utf8))
                #expect(notBatch.status == .badRequest)
                #expect(notBatch.errorField == "items")

                let tooMany = Array(#"{"transactions":["#.utf8) + Array(repeating: "0", count: 1_001).joined(separator: ",").utf8 + Array("]}".utf8)
                let many = try await client.call(.post, batchPath, body: tooMany)
                #expect(many.status == .contentTooLarge)
                #expect(many.errorCode == "batchTooLarge")
            }
        }
    }

    @Test func r5_3_1_unknownChainBadHeightAndBadId() async throws {
        try await withNetwork { network in
            let app = Application(router: network.api.makeRouter())
            try await app.test(.router) { client in
                let transaction = try network.transaction()
                let unknown = try await client.call(.post, "/v1/chains/nochain/transactions", body: transaction.wireBytes)
                #expect(unknown.status == .notFound)
                #expect(unknown.errorCode == "unknownChain")
                #expect(unknown.errorField == "chain")
                #expect(try await client.call(.get, "/v1/chains/nochain/status").errorCode == "unknownChain")

                for bad in ["abc", "0", "-1", "1.5", "99999999999999999999999"] {
                    let answer = try await client.call(.get, "/v1/chains/cbetc/blocks/\(bad)")
                    #expect(answer.status == .badRequest, "\(bad)")
                    #expect(answer.errorField == "height")
                }
                let beyond = try await client.call(.get, "/v1/chains/cbetc/blocks/1000000000")
                #expect(beyond.status == .notFound)
                #expect(beyond.errorField == "height")

                let badID = try await client.call(.get, "/v1/chains/cbetc/transactions/XYZ")
                #expect(badID.status == .badRequest)
                #expect(badID.errorField == "id")
                let unknownID = try await client.call(.get, "/v1/chains/cbetc/transactions/\(String(repeating: "ab", count: 32))")
                #expect(unknownID.status == .notFound)
                #expect(unknownID.errorCode == "notFound")

                let noRoute = try await client.call(.get, "/v1/nothing")
                #expect(noRoute.status == .notFound)
                #expect(noRoute.errorCode == "notFound")
            }
        }
    }

    @Test func r5_3_1_healthAndMetrics() async throws {
        try await withNetwork { network in
            let app = Application(router: network.api.makeRouter())
            try await app.test(.router) { client in
                let health = try await client.call(.get, "/v1/health")
                #expect(health.status == .ok)
                #expect(health["status"]?.string == "ok")
                _ = try await client.call(.post, "/v1/chains/cbetc/transactions", body: try network.transaction().wireBytes)
                let response = try await client.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil)
                #expect(response.status == .ok)
                let text = String(decoding: Array(response.body.readableBytesView), as: UTF8.self)
                for name in ["crosstrace_height{chain=\"cbetc\"}", "crosstrace_round", "crosstrace_peers", "crosstrace_mempool_transactions",
                             "crosstrace_commit_latency_seconds", "crosstrace_transactions_committed_total",
                             "crosstrace_frames_refused_total", "crosstrace_transactions_submitted_total{result=\"accepted\"} 1"] {
                    #expect(text.contains(name), "\(name) missing from:\n\(text)")
                }
            }
        }
    }
}
