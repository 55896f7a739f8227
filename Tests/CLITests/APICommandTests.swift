import Foundation
import Testing

/// Issue 5 item 8 (R-5.3.1): `crosstrace node` serves its HTTP API; `tx submit
/// --wait`, `block get` and `status` work against it; SIGTERM stops it cleanly.
@Suite(.serialized) struct APICommandTests {
    static let waitSeconds = 120.0

    @Test func r5_3_1_txSubmitBlockGetAndStatusAgainstARunningNode() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("api-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let base = CLI.portBase()
        let http = base + 700
        // Two validators: a lone validator decides every height in one event-loop turn and never yields.
        let initResult = try CLI.run(["init", "--validators", "2", "--chains", "cbetc", "--out", root.appendingPathComponent("net").path,
                                      "--base-port", String(base), "--http-base-port", String(http)])
        try #require(initResult.status == 0, "\(initResult.stderr)")

        var nodes: [Process] = []
        defer { for node in nodes where node.isRunning { kill(node.processIdentifier, SIGKILL) } }
        let logs = (0..<2).map { root.appendingPathComponent("node\($0).log") }
        for index in 0..<2 {
            try #require(FileManager.default.createFile(atPath: logs[index].path, contents: nil))
            let node = Process()
            node.executableURL = CLI.binaryURL
            node.arguments = ["node", "--home", root.appendingPathComponent("net/node\(index)").path]
            node.standardOutput = try FileHandle(forWritingTo: logs[index])
            node.standardError = node.standardOutput
            try node.run()
            nodes.append(node)
        }
        let log = logs[0]
        let deadline = Date().addingTimeInterval(Self.waitSeconds)
        while Date() < deadline, !Self.text(log).contains("listening http="), nodes.allSatisfy(\.isRunning) {
            Thread.sleep(forTimeInterval: 0.2)
        }
        try #require(Self.text(log).contains("listening http="), "\(Self.text(log).suffix(2_000))")
        let url = "http://127.0.0.1:\(http)"

        let key = root.appendingPathComponent("client.key.json").path
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

        for node in nodes { node.terminate() }
        for node in nodes { node.waitUntilExit() }
        #expect(nodes.allSatisfy { $0.terminationReason == .exit && $0.terminationStatus == 0 })
        #expect(logs.allSatisfy { Self.text($0).contains("stopped") })
    }

    static func text(_ url: URL) -> String {
        (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }
}
