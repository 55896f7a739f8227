import Hummingbird
import TraceCrypto
import TraceLedger
import TraceNode

/// `GET …/blocks/{height}`, `GET …/status`, `GET /v1/health`, `GET /metrics` (issue 5 items 6–7).
extension TraceAPI {
    /// Longest height accepted in a path: UInt64 has 20 decimal digits.
    static let heightDigitsMax = 20

    /// The committed block at `height`; 400 if not a positive decimal, 404
    /// above the applied height. `transactions=ids` leaves the transaction
    /// bodies out (no transaction is decoded: what a block follower needs).
    func block(chain: String, height text: String, transactions: String?) async throws -> Response {
        let setup = try serviceCall { () throws(NodeServiceError) in try host.setup(of: chain) }
        guard text.utf8.count <= Self.heightDigitsMax, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              let height = UInt64(text), height >= 1 else {
            throw APIError.invalid("height", "a block height is a decimal integer ≥ 1, got '\(text.prefix(32))'")
        }
        switch transactions {
        case nil, "full": break
        case "ids":
            guard let found = try await serviceAwait({ () async throws(NodeServiceError) in
                try await host.blockHeader(chain: chain, height: height)
            }) else {
                throw APIError.notFound("height", "no committed block \(height) on '\(chain)'")
            }
            return JSONResponse.make(APIRendering.block(header: found.header, ids: found.ids, profile: setup.profile))
        default:
            throw APIError.invalid("transactions", "full (the default) or ids, got '\(transactions?.prefix(32) ?? "")'")
        }
        guard let block = try await serviceAwait({ () async throws(NodeServiceError) in try await host.block(chain: chain, height: height) }) else {
            throw APIError.notFound("height", "no committed block \(height) on '\(chain)'")
        }
        return JSONResponse.make(APIRendering.block(block, profile: setup.profile))
    }

    func status(chain: String) async throws -> Response {
        let status = try await serviceAwait { () async throws(NodeServiceError) in try await host.status(chain: chain) }
        return JSONResponse.make(APIRendering.status(status))
    }

    /// `{"status":"ok","chains":[{"chain","height"}]}` while the node's loop answers; 503 otherwise.
    func health() async throws -> Response {
        let snapshot = try await serviceAwait { () async throws(NodeServiceError) in try await host.metricsSnapshot() }
        let chains: [CanonicalJSON] = snapshot.chains.map { chain in
            .object(["chain": .string(chain.chain), "height": APIRendering.integer(chain.height)])
        }
        return JSONResponse.make(.object(["status": .string("ok"), "node": .string(host.home.config.node.name),
                                          "chains": .array(chains), "peers": .integer(Int64(snapshot.peers))]))
    }

    /// The Prometheus text exposition of the node's metrics.
    func metricsText() async throws -> Response {
        let snapshot = try await serviceAwait { () async throws(NodeServiceError) in try await host.metricsSnapshot() }
        await observeCommits(snapshot)
        metrics.update(snapshot)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    }

    /// Counts the transactions of blocks committed since the last scrape and,
    /// for those submitted through this API, observes their commit latency.
    func observeCommits(_ snapshot: NodeMetricsSnapshot) async {
        for chain in snapshot.chains {
            var height = metrics.nextHeight(chain.chain, applied: chain.height)
            while let next = height {
                guard let block = try? await host.block(chain: chain.chain, height: next),
                      let setup = try? host.setup(of: chain.chain) else { break }
                metrics.noteCommitted(block.transactionIDs(setup.profile.hash), chain: chain.chain, height: next, blockTime: block.header.time)
                height = metrics.nextHeight(chain.chain, applied: chain.height)
            }
        }
    }
}
