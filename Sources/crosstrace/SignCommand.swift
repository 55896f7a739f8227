import ArgumentParser
import TraceCrypto

/// `crosstrace sign --key FILE [FILE]`: signs the file or standard input.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign", abstract: "Sign a file or standard input; print {\"alg\",\"publicKey\",\"signature\"} in hex.")

    @Option(help: "Key file (from `crosstrace keys new`).") var key: String
    @OptionGroup var passphrase: PassphraseOptions
    @Argument(help: "File to sign; standard input when omitted.") var file: String?

    func run() throws {
        let signingKey = try CLIInput.loadKey(key, passphrase: passphrase)
        let signature = try signingKey.signer.sign(try CLIInput.message(file))
        try CLIOutput.printJSON([
            "alg": .string(signature.algorithm.rawValue),
            "publicKey": .string(Hex.encode(signingKey.publicKey.rawBytes)),
            "signature": .string(Hex.encode(signature.rawBytes)),
        ])
    }
}
