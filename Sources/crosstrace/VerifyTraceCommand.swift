import ArgumentParser
import Foundation
import TraceAPI
import TraceLedger

/// `crosstrace verify-trace --genesis FILE [--code CODE] BUNDLE` (issue 6 item 4): what
/// `verify-proof` checks, and the trace check — the bundle proves the code's trace index
/// and carries exactly the transactions it lists, so a bundle that drops a record fails.
struct VerifyTraceCommand: OfflineBundleVerifying {
    static let configuration = CommandConfiguration(
        commandName: "verify-trace",
        abstract: "Verify a trace's proof bundle offline: the proof and that no listed record is missing (exit 0 valid, 1 invalid).")

    @Option(help: "The chain's genesis file.") var genesis: String
    @Option(help: "The canonical key of the trace code (default: the bundle's only trace index entry).") var code: String?
    @Argument(help: "The bundle (GET /v1/traces/{code}/proof), JSON or binary form; '-' for standard input.") var bundle: String

    func run() throws {
        verifyOffline(genesisPath: genesis, bundle: bundle, check: TraceProofCheck.check(key: code)) { verified in
            "trace of \(verified.transactions.count) transactions, none missing"
        }
    }
}
