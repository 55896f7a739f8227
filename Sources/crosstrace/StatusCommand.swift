import ArgumentParser
import Foundation
import TraceCrypto

/// `crosstrace status`: a node's health, or one chain's status (issue 5 item 8, docs/api.md).
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print a chain's status (height, last block, validators, mempool) as JSON; without --chain, the node's health.")

    @Option(help: "The node's HTTP API, e.g. http://127.0.0.1:8080.") var url: String
    @Option(help: "The chain id, e.g. cbetc.") var chain: String?

    func run() async throws {
        let client = try APIClient(url: url)
        guard let chain else {
            print(try await client.get("/v1/health").text)
            return
        }
        let id = try APIClient.segment(chain, option: "--chain")
        print(try await client.get("/v1/chains/\(id)/status").text)
    }
}
