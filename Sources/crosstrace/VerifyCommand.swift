import ArgumentParser
import TraceCrypto

/// `crosstrace verify`: exit 0 when the signature is valid, 1 when it is not.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Verify a signature over a file or standard input (exit 0 valid, 1 invalid).")

    @Option(help: "Signature scheme: p256, ed25519 or sm2.") var alg: String
    @Option(help: "Public key in hex (65-byte SEC1 point for p256/sm2, 32 bytes for ed25519).") var publicKey: String
    @Option(help: "Signature in hex (64-byte r‖s or Ed25519).") var signature: String
    @Argument(help: "Signed file; standard input when omitted.") var file: String?

    func run() throws {
        let algorithm = try CLIInput.algorithm(alg)
        let message = try CLIInput.message(file)
        guard let keyBytes = try? Hex.decode(publicKey, field: "public-key"),
              let signatureBytes = try? Hex.decode(signature, field: "signature") else {
            CLIInput.warn("public key or signature is not hex")
            print("invalid")
            throw ExitCode(1)
        }
        let key = PublicKey(algorithm: algorithm, rawBytes: keyBytes)
        guard key.isValidSignature(Signature(algorithm: algorithm, rawBytes: signatureBytes), for: message) else {
            print("invalid")
            throw ExitCode(1)
        }
        print("valid")
    }
}
