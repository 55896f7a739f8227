import Foundation
import Testing

/// Issue 5 item 8 (R-5.3.1): `crosstrace node` serves its HTTP API; `tx submit
/// --wait`, `block get` and `status` work against it; SIGTERM stops it cleanly.
@Suite(.serialized) struct APICommandTests {
    @Test func r5_3_1_txSubmitBlockGetAndStatusAgainstARunningNode() throws {
        // Two validators: a lone validator decides every height in one event-loop turn and never yields.
        let net = try LocalNetwork("api-cli", validators: 2)
        defer { net.shutdown() }
        let node0 = try #require(net.node(0))
        try #require(net.wait { node0.text.contains("listening http=") }, "\(node0.text.suffix(2_000)) \(net.exitedEarly ?? "")")
        let url = net.url(0)

        let key = net.root.appendingPathComponent("client.key.json").path
        try #require(try CLI.run(["keys", "new", "--scheme", "p256", "--out", key]).status == 0)
        let submit = try CLI.run(["tx", "submit", "--url", url, "--chain", "cbetc", "--key", key, "--contract", "kv",
                                  "--action", "put", "--payload", #"{"key":"colour","value":"blue"}"#, "--wait"])
        #expect(submit.status == 0, "\(submit.stderr)")
        let lines = submit.stdout.split(separator: "\n").map(String.init)
        let id = try #require(lines.first?.split(separator: " ").first.map { String($0.dropFirst(3)) })
        #expect(id.count == 64)
        let committed = try #require(lines.first { $0.hasPrefix("committed ") }, "\(submit.stdout)")
        #expect(committed.contains("receipt=ok"))
        let height = try #require(committed.split(separator: " ").first { $0.hasPrefix("height=") }.map { String($0.dropFirst(7)) })

        let block = try CLI.run(["block", "get", "--url", url, "--chain", "cbetc", height])
        #expect(block.status == 0, "\(block.stderr)")
        #expect(block.stdout.contains(id))
        #expect(block.stdout.contains(#""height":\#(height)"#))

        let status = try CLI.run(["status", "--url", url, "--chain", "cbetc"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains(#""lastBlockHash":""#))
        #expect(status.stdout.contains(#""validators":[{"id":"node0""#))
        let health = try CLI.run(["status", "--url", url])
        #expect(health.stdout.contains(#""status":"ok""#))

        let missing = try CLI.run(["block", "get", "--url", url, "--chain", "cbetc", "999999999"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("404 notFound"))
        let wrongChain = try CLI.run(["status", "--url", url, "--chain", "nochain"])
        #expect(wrongChain.status == 1)
        #expect(wrongChain.stderr.contains("unknownChain"))
        let badPayload = try CLI.run(["tx", "submit", "--url", url, "--chain", "cbetc", "--key", key, "--contract", "kv",
                                      "--action", "put", "--payload", "[1]"])
        #expect(badPayload.status == 1)
        #expect(badPayload.stderr.contains("--payload"))

        #expect(net.stop())
        #expect(net.nodes.allSatisfy { $0.text.contains("stopped") })
    }
}
