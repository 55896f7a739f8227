import ArgumentParser
import Foundation

/// `crosstrace block get`: a committed block from a node's API (issue 5 item 8, docs/api.md).
struct BlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "block", abstract: "Read committed blocks from a node.", subcommands: [BlockGetCommand.self])
}

struct BlockGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Print the block at HEIGHT (header, transaction ids, transactions) as JSON.")

    @OptionGroup var target: APITarget
    @Argument(help: "Block height, 1 or more.") var height: UInt64

    func run() async throws {
        let (client, chain) = try target.client()
        guard height >= 1 else { throw OptionError("HEIGHT", "must be 1 or more (height 0 is the genesis, not a block)") }
        print(try await client.get("/v1/chains/\(chain)/blocks/\(height)").text)
    }
}
