import ArgumentParser
import Foundation
import TraceAPI
import TraceLedger

/// `crosstrace verify-trace --genesis FILE [--code CODE] BUNDLE` (issue 6 item 4): what
/// `verify-proof` checks, and the trace check — the bundle proves the code's trace index
/// and carries exactly the transactions it lists, so a bundle that drops a record fails.
struct VerifyTraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-trace",
        abstract: "Verify a trace's proof bundle offline: the proof and that no listed record is missing (exit 0 valid, 1 invalid).")

    @Option(help: "The chain's genesis file.") var genesis: String
    @Option(help: "The canonical key of the trace code (default: the bundle's only trace index entry).") var code: String?
    @Argument(help: "The bundle (GET /v1/traces/{code}/proof), JSON or binary form; '-' for standard input.") var bundle: String

    func run() throws {
        let genesis: Genesis
        let bytes: [UInt8]
        do {
            genesis = try Genesis.load(self.genesis)
            bytes = try CLIInput.message(bundle == "-" ? nil : bundle)
        } catch {
            fail("\(error)")
        }
        do {
            let verified = try LightClient.verify(bytes: bytes, genesis: genesis, check: TraceProofCheck.check(key: code))
            print("valid: chain \(verified.chain), anchor height \(verified.anchor.height.rawValue), "
                  + "trace of \(verified.transactions.count) transactions, none missing")
        } catch {
            fail(error.description)
        }
    }

    private func fail(_ reason: String) -> Never {
        print("invalid: \(reason)")
        Self.exit(withError: ExitCode(1))
    }
}
