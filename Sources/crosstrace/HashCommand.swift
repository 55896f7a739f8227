import ArgumentParser
import TraceCrypto

/// `crosstrace hash --alg sha256|sm3 [FILE]`: lowercase hex digest.
struct HashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash", abstract: "Print the SHA-256 or SM3 digest of a file or standard input in lowercase hex.")

    @Option(help: "Hash: sha256 or sm3.") var alg: String
    @Argument(help: "File to hash; standard input when omitted.") var file: String?

    func run() throws {
        guard let algorithm = HashAlgorithm(rawValue: alg) else { throw ValidationError("unknown hash '\(alg)': use sha256 or sm3") }
        print(Hex.encode(algorithm.hash(try CLIInput.message(file))))
    }
}
