import Foundation
import Testing

/// Issue 5 item 5: one node process hosts several chains,
/// each with its own genesis, validator set, crypto profile and data
/// directory — here cbetc on `standard` and cbeac on `national` (SM2/SM3) in
/// the same four processes; both chains commit identical blocks everywhere.
@Suite(.serialized) struct NodeTwoChainsTests {
    @Test func r6_2_1_oneProcessHostsCbetcAndCbeacWithTheirOwnProfiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("two-chains-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let base = CLI.portBase()
        let initResult = try CLI.run(["init", "--validators", "4", "--chains", "cbetc,cbeac",
                                      "--profile", "cbetc=standard,cbeac=national", "--out", root.path,
                                      "--base-port", String(base), "--http-base-port", String(base + 500)])
        try #require(initResult.status == 0, "\(initResult.stderr)")
        var children: [Process] = []
        defer { for child in children where child.isRunning { kill(child.processIdentifier, SIGKILL) } }
        let logs = (0..<4).map { root.appendingPathComponent("node\($0).log") }
        for index in 0..<4 { children.append(try NodeRestartTests.launch(root, index, log: logs[index])) }
        for chain in ["cbetc", "cbeac"] {
            try #require(NodeRestartTests.wait { logs.allSatisfy { Self.hash(chain, height: 3, log: $0) != nil } },
                         "\(chain): \(NodeNetworkTests.text(logs[0]).suffix(1_500))")
            #expect(Set(logs.compactMap { Self.hash(chain, height: 3, log: $0) }).count == 1)
        }
        #expect(Self.hash("cbetc", height: 3, log: logs[0]) != Self.hash("cbeac", height: 3, log: logs[0]))
        let status = try CLI.run(["status", "--url", "http://127.0.0.1:\(base + 500)", "--chain", "cbeac"])
        #expect(status.status == 0 && status.stdout.contains("national"), "\(status.stdout) \(status.stderr)")
        let dirs = ["cbetc", "cbeac"].map { root.appendingPathComponent("node0/chains/\($0)").path }
        #expect(dirs.allSatisfy { FileManager.default.fileExists(atPath: $0) }, "\(dirs)")
    }

    static func hash(_ chain: String, height: Int, log: URL) -> String? {
        for line in NodeNetworkTests.text(log).split(separator: "\n") where line.contains("chain=\(chain) height=\(height) ") {
            return line.split(separator: " ").first { $0.hasPrefix("hash=") }.map { String($0.dropFirst(5)) }
        }
        return nil
    }
}
