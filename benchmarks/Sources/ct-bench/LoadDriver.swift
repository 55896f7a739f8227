import Foundation
import TraceCrypto
import TraceLedger

/// Submits transactions in batches to the nodes round-robin, keeping at most
/// `inflight` submitted and uncommitted, and watches node0's blocks for
/// their commits. With a window, runs for warm-up + seconds and measures the
/// window; without, runs until every transaction is committed or refused.
struct LoadDriver: Sendable {
    let client: JSONClient
    let urls: [String]
    let chain: String
    let batch: Int
    let submitters: Int
    let inflight: Int
    /// Longest a window-less run may take.
    static let setupSecondsMax = 900.0

    func run(_ transactions: [Transaction], hash: HashAlgorithm, window: (warmup: Double, seconds: Double)?) async throws -> [String: Any] {
        let state = LoadState(ids: transactions.map { $0.id(hash).hex })
        let total = window.map { $0.warmup + $0.seconds } ?? Self.setupSecondsMax
        await state.setWindow(warmup: window?.warmup ?? 0, seconds: window?.seconds ?? Self.setupSecondsMax)
        let bodies = transactions.map { $0.wireBytes }
        let clock = ContinuousClock()
        let start = clock.now
        let height = try await currentHeight()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await watchCommits(state, from: height + 1, start: start, until: total, all: window == nil) }
            for submitter in 0..<submitters {
                group.addTask { try await submit(state, bodies: bodies, url: urls[submitter % urls.count], start: start, until: total) }
            }
            try await group.waitForAll()
        }
        return await state.report(seconds: window?.seconds ?? milliseconds(start, clock.now) / 1000)
    }

    private func currentHeight() async throws -> Int {
        let status = try await client.get("\(urls[0])/v1/chains/\(chain)/status")
        return (status.json as? [String: Any])?["height"] as? Int ?? 0
    }

    private func submit(_ state: LoadState, bodies: [[UInt8]], url: String, start: ContinuousClock.Instant, until: Double) async throws {
        let clock = ContinuousClock()
        while milliseconds(start, clock.now) < until * 1000 {
            guard let range = await state.claim(batch, of: bodies.count, inflightMax: inflight) else {
                if await state.exhausted(bodies.count) { return }
                try await Task.sleep(for: .milliseconds(5))
                continue
            }
            var body = Array("{\"transactions\":[".utf8)
            for (offset, position) in range.enumerated() {
                if offset > 0 { body.append(UInt8(ascii: ",")) }
                body += bodies[position]
            }
            body += Array("]}".utf8)
            let sent = clock.now
            let reply = try await client.post("\(url)/v1/chains/\(chain)/transactions/batch", body: body)
            await state.submitted(range, at: sent, reply: reply)
            if reply.status == 429 { try await Task.sleep(for: .seconds(reply.retryAfter ?? 1)) }
        }
    }

    private func watchCommits(_ state: LoadState, from first: Int, start: ContinuousClock.Instant, until: Double, all: Bool) async throws {
        let clock = ContinuousClock()
        var height = first
        while milliseconds(start, clock.now) < until * 1000 {
            if all, await state.settled(bodiesTotal: nil) { return }
            let reply = try await client.get("\(urls[0])/v1/chains/\(chain)/blocks/\(height)?transactions=ids")
            guard reply.status == 200, let block = reply.json as? [String: Any] else {
                try await Task.sleep(for: .milliseconds(10))
                continue
            }
            await state.committed(BlockReading.transactionIDs(block), at: clock.now, since: start)
            height += 1
        }
    }
}

/// Reads the transaction ids of a block answer (`GET /v1/chains/{chain}/blocks/{height}`).
enum BlockReading {
    static func transactionIDs(_ block: [String: Any]) -> [String] {
        if let ids = block["transactionIds"] as? [String] { return ids }
        if let items = block["transactions"] as? [[String: Any]] { return items.compactMap { $0["id"] as? String } }
        return []
    }
}
