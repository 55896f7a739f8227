import Foundation
import Testing

/// Issue 5 item 5 (R-6.2.1, R-6.3): one node process hosts several chains,
/// each with its own genesis, validator set, crypto profile and data
/// directory — here cbetc on `standard` and cbeac on `national` (SM2/SM3) in
/// the same four processes; both chains commit identical blocks everywhere.
@Suite(.serialized) struct NodeTwoChainsTests {
    @Test func r6_2_1_oneProcessHostsCbetcAndCbeacWithTheirOwnProfiles() throws {
        let net = try LocalNetwork("two-chains", chains: "cbetc,cbeac", profile: "cbetc=standard,cbeac=national")
        defer { net.shutdown() }
        let node0 = try #require(net.node(0))
        for chain in ["cbetc", "cbeac"] {
            try #require(net.wait { net.nodes.allSatisfy { $0.hash(chain: chain, height: 3) != nil } },
                         "\(chain): \(net.exitedEarly ?? "") \(node0.text.suffix(1_500))")
            #expect(Set(net.nodes.compactMap { $0.hash(chain: chain, height: 3) }).count == 1)
        }
        #expect(node0.hash(chain: "cbetc", height: 3) != node0.hash(chain: "cbeac", height: 3))
        let status = try CLI.run(["status", "--url", net.url(0), "--chain", "cbeac"])
        #expect(status.status == 0 && status.stdout.contains("national"), "\(status.stdout) \(status.stderr)")
        let dirs = ["cbetc", "cbeac"].map { net.nodeHome(0).appendingPathComponent("chains/\($0)").path }
        #expect(dirs.allSatisfy { FileManager.default.fileExists(atPath: $0) }, "\(dirs)")
    }
}
