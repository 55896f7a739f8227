import ArgumentParser
import TraceCrypto

/// Issue 7 item 1: the chain's signature scheme, verifications per second on
/// one core, in process. The bound for N validators on C cores is C × rate / N
/// (every validator verifies every transaction once).
struct SignatureBound: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sig-bound")

    @Option(help: "standard (P-256) or national (SM2).") var profile: String = "standard"
    @Option(help: "Seconds to measure.") var seconds: Double = 3
    @Option(help: "Cores of this machine.") var cores: Int = 2
    @Option(help: "Validators of the network.") var validators: Int = 4

    func run() throws {
        let algorithm: SignatureAlgorithm = profile == "national" ? .sm2 : .p256
        let key = SigningKey.generate(algorithm)
        let messages = (0..<256).map { Array("crosstrace bench \($0) ".utf8) + [UInt8](repeating: 0x42, count: 380) }
        let signatures = try messages.map { try key.signer.sign($0) }
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        while milliseconds(start, clock.now) < seconds * 1000 {
            for index in messages.indices where key.publicKey.isValidSignature(signatures[index], for: messages[index]) {
                count += 1
            }
        }
        let rate = Double(count) / (milliseconds(start, clock.now) / 1000)
        emit(["profile": profile, "algorithm": algorithm.rawValue, "verify_per_s_core": rate.rounded(),
              "sig_bound_tx_per_s": (Double(cores) * rate / Double(validators)).rounded()])
    }
}
