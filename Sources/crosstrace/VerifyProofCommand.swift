import ArgumentParser
import Foundation
import TraceLedger

/// `crosstrace verify-proof --genesis FILE BUNDLE` (issue 6 item 4): checks a
/// proof bundle, JSON or binary, with nothing but the chain's genesis file.
/// Exit 0 with a one-line summary, 1 naming the element and rule that failed.
struct VerifyProofCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-proof",
        abstract: "Verify a proof bundle offline with only the genesis file (exit 0 valid, 1 invalid).")

    @Option(help: "The chain's genesis file.") var genesis: String
    @Argument(help: "The bundle, JSON or binary form; '-' for standard input.") var bundle: String

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
            let verified = try LightClient.verify(bytes: bytes, genesis: genesis)
            print("valid: chain \(verified.chain), anchor height \(verified.anchor.height.rawValue), "
                  + "\(verified.entries.count) entries, \(verified.transactions.count) transactions")
        } catch {
            fail(error.description)
        }
    }

    private func fail(_ reason: String) -> Never {
        print("invalid: \(reason)")
        Self.exit(withError: ExitCode(1))
    }
}
