import ArgumentParser
import Foundation
import TraceLedger

/// What `verify-proof` and `verify-trace` share (issue 6 item 4): a proof
/// bundle checked offline with nothing but the chain's genesis file.
protocol OfflineBundleVerifying: ParsableCommand {}

extension OfflineBundleVerifying {
    /// Loads the genesis at `genesisPath` and the bundle (a file, or standard
    /// input for '-'), verifies it with the light client and `check`, and
    /// prints `valid: chain …, anchor height …, <summary>`; on any failure
    /// prints `invalid: <reason>` and exits 1.
    func verifyOffline(genesisPath: String, bundle: String,
                       check: (VerifiedBundle) throws(ProofError) -> Void = { _ in },
                       summary: (VerifiedBundle) -> String) {
        let genesis: Genesis
        let bytes: [UInt8]
        do {
            genesis = try Genesis.load(genesisPath)
            bytes = try CLIInput.message(bundle == "-" ? nil : bundle)
        } catch {
            fail("\(error)")
        }
        do {
            let verified = try LightClient.verify(bytes: bytes, genesis: genesis, check: check)
            print("valid: chain \(verified.chain), anchor height \(verified.anchor.height.rawValue), " + summary(verified))
        } catch {
            fail(error.description)
        }
    }

    private func fail(_ reason: String) -> Never {
        print("invalid: \(reason)")
        Self.exit(withError: ExitCode(1))
    }
}
