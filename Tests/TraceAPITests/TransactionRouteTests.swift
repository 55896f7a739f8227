import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TraceAPI
import TraceCrypto
import TraceLedger

/// Issue 5 item 7: the transaction routes against a running one-validator node.
@Suite(.serialized) struct TransactionRouteTests {
    @Test func r5_3_1_submittedTransactionCommitsWithReceipt() async throws {
        try await withNetwork { network in
            let transaction = try network.transaction(key: "greeting", value: "hello")
            let app = Application(router: network.api.makeRouter())
            try await app.test(.router) { client in
                let submitted = try await client.call(.post, "/v1/chains/cbetc/transactions", body: transaction.wireBytes)
                #expect(submitted.status == .accepted)
                #expect(submitted["status"]?.string == "accepted")
                let id = try #require(submitted["id"]?.string)
                #expect(id == transaction.id(network.profile.hash).description)

                let committed = try await client.waitCommitted(chain: "cbetc", id: id)
                #expect(committed.status == .ok)
                #expect(committed["receipt"]?["name"]?.string == "ok")
                #expect(committed["receipt"]?["code"]?.integer == 0)
                #expect(committed["index"]?.integer == 0)
                let height = try #require(committed["height"]?.integer)

                let block = try await client.call(.get, "/v1/chains/cbetc/blocks/\(height)")
                #expect(block.status == .ok)
                #expect(block["height"]?.integer == height)
                #expect(block["transactionIds"]?.array == [.string(id)])
                #expect(block["transactions"]?.array?.first == transaction.wireJSON)
                #expect(block["hash"]?.string?.count == 64)

                // The compact answer a block follower reads: same header and ids, no bodies.
                let compact = try await client.call(.get, "/v1/chains/cbetc/blocks/\(height)?transactions=ids")
                #expect(compact.status == .ok)
                #expect(compact["transactionIds"]?.array == [.string(id)])
                #expect(compact["transactions"] == nil)
                for field in ["hash", "stateRoot", "transactionsRoot", "previousBlockHash", "time", "proposer"] {
                    #expect(compact[field] == block[field], "\(field)")
                }
                let wrong = try await client.call(.get, "/v1/chains/cbetc/blocks/\(height)?transactions=some")
                #expect(wrong.status == .badRequest)
                #expect(wrong.errorField == "transactions")
                let beyond = try await client.call(.get, "/v1/chains/cbetc/blocks/\(height + 1000)?transactions=ids")
                #expect(beyond.status == .notFound)

                let status = try await client.call(.get, "/v1/chains/cbetc/status")
                #expect(status.status == .ok)
                #expect((status["height"]?.integer ?? 0) >= height)
                #expect(status["chain"]?.string == "cbetc")
                #expect(status["profile"]?.string == "standard")
                #expect(status["lastBlockHash"]?.string?.count == 64)
                #expect(status["lastBlockTime"]?.integer != nil)
                #expect(status["validators"]?.array?.first?["id"]?.string == "node0")
                #expect(status["validators"]?.array?.first?["power"]?.integer == 10)
                #expect(status["mempoolSize"]?.integer != nil)

                let metrics = try await client.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil)
                let text = String(decoding: Array(metrics.body.readableBytesView), as: UTF8.self)
                #expect(text.contains("crosstrace_commit_latency_seconds_count 1"), "\(text)")
                #expect(text.contains("crosstrace_transactions_committed_total{chain=\"cbetc\"} 1"), "\(text)")
            }
        }
    }

    @Test func r5_3_1_batchAnswersEachItemInOrder() async throws {
        try await withNetwork { network in
            let good = try network.transaction()
            let badSignature = try network.transaction()
            let otherChain = try network.transaction(chain: "cbeac")
            let items: [CanonicalJSON] = [
                good.wireJSON,
                .integer(5),
                try CanonicalJSONParser.parse(badSignature.wireWithBadSignature),
                otherChain.wireJSON,
                good.wireJSON,
                .object(["chain": .string("cbetc")]),
            ]
            let body = try CanonicalJSON.object(["transactions": .array(items)]).canonicalBytes()
            let app = Application(router: network.api.makeRouter())
            try await app.test(.router) { client in
                let answer = try await client.call(.post, "/v1/chains/cbetc/transactions/batch", body: body)
                #expect(answer.status == .ok)
                let results = try #require(answer["results"]?.array)
                #expect(results.count == 6)
                #expect(results.map { $0["index"]?.integer } == [0, 1, 2, 3, 4, 5])
                #expect(results[0]["status"]?.string == "accepted")
                #expect(results[0]["id"]?.string == good.id(network.profile.hash).description)
                #expect(results.dropFirst().allSatisfy { $0["status"]?.string == "rejected" })
                #expect(results[1]["code"]?.string == "malformed")
                #expect(results[2]["code"]?.string == "badSignature")
                #expect(results[3]["code"]?.string == "wrongChain")
                #expect(results[4]["code"]?.string == "duplicate")
                #expect(results[5]["code"]?.string == "missingField")
            }
        }
    }

    @Test func r5_3_1_singleSubmitRejectionsCarryTheMempoolCode() async throws {
        try await withNetwork { network in
            let transaction = try network.transaction()
            let stale = try network.transaction(time: 1_000)
            let app = Application(router: network.api.makeRouter())
            try await app.test(.router) { client in
                let path = "/v1/chains/cbetc/transactions"
                let bad = try await client.call(.post, path, body: transaction.wireWithBadSignature)
                #expect(bad.status == .badRequest)
                #expect(bad.errorCode == "badSignature")
                #expect(bad.errorField == "signature")

                let wrong = try await client.call(.post, path, body: try network.transaction(chain: "cbeac").wireBytes)
                #expect(wrong.status == .badRequest)
                #expect(wrong.errorCode == "wrongChain")

                let old = try await client.call(.post, path, body: stale.wireBytes)
                #expect(old.status == .badRequest)
                #expect(old.errorCode == "timeOutsideWindow")

                let first = try await client.call(.post, path, body: transaction.wireBytes)
                #expect(first.status == .accepted)
                let again = try await client.call(.post, path, body: transaction.wireBytes)
                #expect(again.status == .conflict)
                #expect(["duplicate", "alreadyCommitted"].contains(again.errorCode))
            }
        }
    }

    @Test func r5_3_1_fullMempoolAnswers429WithRetryAfter() {
        let error = APIError(MempoolRejection(.mempoolFull, field: "mempool.transactions", message: "full", retryAfterSeconds: 3))
        let response = error.response()
        #expect(response.status == .tooManyRequests)
        #expect(response.headers[.retryAfter] == "3")
        #expect(error.code == "mempoolFull")
        #expect(APIError(MempoolRejection(.nonceReplayed, field: "nonce", message: "seen")).status == .conflict)
        #expect(APIError(MempoolRejection(.tooLarge, field: "transaction", message: "big")).status == .contentTooLarge)
    }
}
