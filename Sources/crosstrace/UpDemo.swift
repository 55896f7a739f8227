import Foundation
import TraceContracts
import TraceCrypto
import TraceLedger

/// `crosstrace up --demo` (issue 6 item 7): seeds the running network with the
/// demo scenario (docs/demo.md) through node0's HTTP API — each step's
/// transactions in one batch, every receipt `ok` before the next step
/// (verifications take effect from the next block) — and prints one
/// `demo-product <consumer URL>` line per product. A network seeded before
/// keeps its products: their lines are kept in `DIR/demo-products.txt`.
struct UpDemo {
    static let fileName = "demo-products.txt"
    /// How long one step may take to commit.
    static let stepTimeout: Duration = .seconds(60)
    let network: String
    let node0: String
    let client: APIClient

    init(network: String, node0URL: String) throws {
        self.network = network
        node0 = node0URL
        client = try APIClient(url: node0URL)
    }

    /// The product lines: seeded now, or read back from an earlier seeding.
    func run() async throws -> [String] {
        let marker = network + "/" + Self.fileName
        if let kept = try? String(contentsOfFile: marker, encoding: .utf8) {
            return kept.split(separator: "\n").map(String.init)
        }
        try await waitUntilServing()
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let plan = try DemoPlan.load(network: network, seed: 1, now: now)
        for (number, step) in plan.steps.enumerated() {
            try await submit(step, chain: plan.chain, step: number + 1)
        }
        let lines = plan.products.map { "demo-product \(node0)\($0.digitalLinkPath)" }
        try (lines.joined(separator: "\n") + "\n").write(toFile: marker, atomically: true, encoding: .utf8)
        return lines
    }

    /// node0 answers its status (it may still be opening its stores).
    private func waitUntilServing() async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if (try? await client.get("/v1/health")) != nil { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw OptionError("--demo", "node0 did not answer at \(node0) within 30 s; see its log")
    }

    /// One step: all accepted, then all committed with receipt `ok`.
    private func submit(_ step: [Transaction], chain: String, step number: Int) async throws {
        let body = CanonicalJSON.object(["transactions": .array(step.map(\.wireJSON))])
        let answer = try await client.post("/v1/chains/\(chain)/transactions/batch", body)
        guard case .array(let results)? = answer[member: "results"], results.count == step.count else {
            throw OptionError("--demo", "step \(number): the batch answer has no result per transaction")
        }
        var ids: [String] = []
        for (index, result) in results.enumerated() {
            guard case .string("accepted")? = result[member: "status"], case .string(let id)? = result[member: "id"] else {
                throw OptionError("--demo", "step \(number) transaction \(index) refused: \(result.text)")
            }
            ids.append(id)
        }
        let deadline = ContinuousClock.now + Self.stepTimeout
        for (index, id) in ids.enumerated() {
            while true {
                let status = try await client.get("/v1/chains/\(chain)/transactions/\(id)")
                if case .string("committed")? = status[member: "status"] {
                    guard case .string("ok")? = status[member: "receipt"]?[member: "name"] else {
                        throw OptionError("--demo", "step \(number) transaction \(index) was refused: \(status.text)")
                    }
                    break
                }
                guard ContinuousClock.now < deadline else {
                    throw OptionError("--demo", "step \(number) did not commit within \(Self.stepTimeout)")
                }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}
