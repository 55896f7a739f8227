import Foundation
import TraceCrypto
import TraceLedger
import TraceModel

/// A product of the demo, traced end to end (issue 6 item 7).
public struct DemoProduct: Sendable, Hashable {
    /// The canonical key (a Digital Link URI on id.gs1.org).
    public let code: String
    /// The Digital Link path for a resolver, e.g. `/01/06975432000012/21/FS0001`.
    public let digitalLinkPath: String
    public let mode: TraceabilityMode
    public let description: String
    /// What the product shows, with the requirement ids.
    public let shows: String
}

/// The demo: its participants, products, and the transactions to submit in
/// steps; every transaction of a step must be committed before the next step
/// is submitted (a verification takes effect from the next block, R-6.3.1.2).
public struct DemoPlan: Sendable {
    public let chain: String
    public let steps: [[Transaction]]
    public let products: [DemoProduct]
    public let participants: [DemoParticipant]

    /// The participant with `handle` (`manufacturer`, `customs`, …).
    public func participant(_ handle: String) -> DemoParticipant? { participants.first { $0.handle == handle } }

    public var transactionCount: Int { steps.reduce(0) { $0 + $1.count } }
}

/// Why a demo plan could not be built.
public struct DemoPlanError: Error, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable { case missingFile, invalidFile }
    public let code: Code
    public let field: String
    public let rule: String

    public init(_ code: Code, field: String, rule: String) {
        self.code = code
        self.field = field
        self.rule = rule
    }

    public var description: String { "\(code.rawValue): \(field): \(rule)" }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
}

extension DemoPlan {
    /// The trade chain the demo runs on.
    public static let chainId = "cbetc"
    /// The platform operator's verifier key file of a network made by `crosstrace init`.
    public static let verifierKeyPath = "verifiers/cbetc-platform-operator.key.json"

    /// The clear text of every value the demo seals: personal and
    /// commercial data that must never appear in clear on chain, in a
    /// node's files or in its logs.
    public static var sealedPlaintexts: [String] {
        DemoRecords.secrets.keys.sorted().compactMap { key -> String? in
            guard case .string(let text)? = DemoRecords.secrets[key] else { return nil }
            return text
        }
    }

    /// The plan for the network `crosstrace init` wrote at `network`: its cbetc
    /// genesis and the platform operator's verifier key (R-6.3.1.2).
    /// `now` (ms since the epoch) dates the records and transactions.
    public static func load(network: String, seed: UInt64, now: Int64) throws -> DemoPlan {
        let genesisPath = network + "/genesis/\(chainId).json"
        let genesis: Genesis
        do { genesis = try Genesis.load(genesisPath) } catch {
            throw DemoPlanError(.missingFile, field: genesisPath, rule: "\(error)")
        }
        let keyPath = network + "/" + verifierKeyPath
        let key: SigningKey
        guard let data = FileManager.default.contents(atPath: keyPath), data.count <= 64 * 1024 else {
            throw DemoPlanError(.missingFile, field: keyPath, rule: "cannot read the platform operator's verifier key")
        }
        do { key = try KeyFile.parse(Array(data)).signingKey(passphrase: nil) } catch {
            throw DemoPlanError(.invalidFile, field: keyPath, rule: "\(error)")
        }
        guard genesis.verifiers.contains(where: { $0.publicKey == key.publicKey }) else {
            throw DemoPlanError(.invalidFile, field: keyPath, rule: "not a verifier named in \(genesisPath)")
        }
        return try DemoScenario.plan(chain: genesis.chainId, verifier: key, seed: seed, start: now)
    }
}
