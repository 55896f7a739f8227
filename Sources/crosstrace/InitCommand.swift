import ArgumentParser
import Foundation
import TraceCrypto
import TraceLedger

/// `crosstrace init`: a local network — CA, node keys and certificates,
/// genesis files, one `node.toml` per node (issue 5 item 8; docs/operations.md).
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a local network: CA, node keys and certificates, genesis files, one node.toml per node.")

    @Option(help: "Number of validators (1-64).") var validators: Int
    @Option(help: "Comma-separated chain ids, e.g. cbetc,cbeac.") var chains: String
    @Option(help: "Directory to create (must not exist).") var out: String
    @Option(help: "Crypto profile: standard or national for all chains, or per chain: cbetc=standard,cbeac=national.")
    var profile: String = "standard"
    @Option(help: "First peer-to-peer port; node K listens on base + K.") var basePort: Int = 26656
    @Option(help: "First HTTP port; node K serves on base + K.") var httpBasePort: Int = 8080

    func run() throws {
        let plan = try InitPlan(validators: validators, chains: chains, profile: profile, basePort: basePort,
                                httpBasePort: httpBasePort, out: out)
        guard !FileManager.default.fileExists(atPath: out) else {
            throw ValidationError("\(out) already exists; refusing to overwrite a network")
        }
        CLIInput.warn("writing UNENCRYPTED private keys (mode 0600) for a local development network; do not use them in production")
        let network = try InitNetwork(plan: plan, now: Date())
        try network.write()
        for (chain, hash) in network.genesisHashes { print("genesis \(chain) \(Hex.encode(hash))") }
        for index in 0..<plan.validators {
            print("node\(index) home=\(plan.out)/node\(index) p2p=127.0.0.1:\(plan.basePort + index) http=http://127.0.0.1:\(plan.httpBasePort + index)")
        }
    }
}

/// The checked arguments of `crosstrace init`.
struct InitPlan {
    static let validatorsMax = 64
    let validators: Int
    let chains: [(id: String, profile: CryptoProfile)]
    let basePort: Int
    let httpBasePort: Int
    let out: String

    init(validators: Int, chains: String, profile: String, basePort: Int, httpBasePort: Int, out: String) throws {
        guard (1...Self.validatorsMax).contains(validators) else {
            throw ValidationError("--validators must be between 1 and \(Self.validatorsMax)")
        }
        let ids = chains.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard !ids.isEmpty, ids.count <= NodeConfig.chainsMax, Set(ids).count == ids.count,
              ids.allSatisfy(Genesis.isValidChainId) else {
            throw ValidationError("--chains must list 1-\(NodeConfig.chainsMax) distinct ids of [a-z0-9-]{1,32}")
        }
        let profiles = try Self.profiles(profile, chains: ids)
        for (name, base) in [("--base-port", basePort), ("--http-base-port", httpBasePort)]
            where base < 1024 || base + validators - 1 > 65_535 {
            throw ValidationError("\(name) must leave ports 1024-65535 for \(validators) nodes")
        }
        let p2p = basePort..<(basePort + validators), http = httpBasePort..<(httpBasePort + validators)
        guard !p2p.overlaps(http) else { throw ValidationError("--base-port and --http-base-port ranges overlap") }
        guard !out.isEmpty else { throw ValidationError("--out must name a directory") }
        self.validators = validators
        self.chains = ids.map { (id: $0, profile: profiles[$0] ?? .standard) }
        self.basePort = basePort
        self.httpBasePort = httpBasePort
        self.out = out.hasSuffix("/") && out.count > 1 ? String(out.dropLast()) : out
    }

    /// `standard`, `national`, or `chain=profile,…` naming every chain.
    private static func profiles(_ text: String, chains: [String]) throws -> [String: CryptoProfile] {
        if let single = CryptoProfile(rawValue: text) { return Dictionary(uniqueKeysWithValues: chains.map { ($0, single) }) }
        var result: [String: CryptoProfile] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2, chains.contains(String(parts[0])), let profile = CryptoProfile(rawValue: String(parts[1])),
                  result.updateValue(profile, forKey: String(parts[0])) == nil else {
                throw ValidationError("--profile must be standard, national, or chain=profile for each chain")
            }
        }
        guard result.count == chains.count else { throw ValidationError("--profile must name a profile for every chain") }
        return result
    }
}
