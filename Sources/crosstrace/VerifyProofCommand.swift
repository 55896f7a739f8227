import ArgumentParser
import Foundation
import TraceLedger

/// `crosstrace verify-proof --genesis FILE BUNDLE` (issue 6 item 4): checks a
/// proof bundle, JSON or binary, with nothing but the chain's genesis file.
/// Exit 0 with a one-line summary, 1 naming the element and rule that failed.
struct VerifyProofCommand: OfflineBundleVerifying {
    static let configuration = CommandConfiguration(
        commandName: "verify-proof",
        abstract: "Verify a proof bundle offline with only the genesis file (exit 0 valid, 1 invalid).")

    @Option(help: "The chain's genesis file.") var genesis: String
    @Argument(help: "The bundle, JSON or binary form; '-' for standard input.") var bundle: String

    func run() throws {
        verifyOffline(genesisPath: genesis, bundle: bundle) { verified in
            "\(verified.entries.count) entries, \(verified.transactions.count) transactions"
        }
    }
}
