import ArgumentParser
import TraceCrypto

/// `crosstrace bench-crypto`: a micro-benchmark, not a test. Prints sign and
/// verify operations per second per scheme on one core, batch verification
/// across all cores, and SHA-256 / SM3 throughput on 1 KiB messages.
struct CryptoBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-crypto", abstract: "Micro-benchmark of signatures and hashes (see scripts/bench-crypto.sh).")

    @Option(help: "Seconds to spend on each measurement.") var seconds: Double = 1

    func run() throws {
        guard seconds > 0, seconds <= 60 else { throw ValidationError("--seconds must be in (0, 60]") }
        let message = [UInt8](repeating: 0x61, count: 1024)
        print("scheme    sign/s     verify/s   batch-verify/s (all cores)")
        for algorithm in SignatureAlgorithm.allCases {
            let key = SigningKey.generate(algorithm)
            let signature = try key.signer.sign(message)
            let signs = rate { _ = try? key.signer.sign(message) }
            let verifies = rate { _ = key.publicKey.isValidSignature(signature, for: message) }
            let batch = try batchRate(key, message)
            print(pad(algorithm.rawValue, 10) + pad(String(Int(signs)), 11) + pad(String(Int(verifies)), 11) + String(Int(batch)))
        }
        print("hash      1 KiB messages/s   MB/s")
        for algorithm in HashAlgorithm.allCases {
            let perSecond = rate { _ = algorithm.hash(message) }
            print(pad(algorithm.rawValue, 10) + pad(String(Int(perSecond)), 19) + String(Int(perSecond * 1024 / 1_000_000)))
        }
    }

    /// Operations per second of `body`, run in rounds until `seconds` have passed.
    private func rate(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        while clock.now - start < .milliseconds(Int(seconds * 1000)) {
            for _ in 0..<16 { body() }
            count += 16
        }
        return Double(count) / seconds(since: start, clock)
    }

    /// Distinct signatures per second through `BatchVerifier` (no cache hits: each message differs).
    private func batchRate(_ key: SigningKey, _ message: [UInt8]) throws -> Double {
        let items = try (0..<2048).map { index -> SignatureCheck in
            let body = message + Array(String(index).utf8)
            return SignatureCheck(message: body, publicKey: key.publicKey, signature: try key.signer.sign(body))
        }
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        while clock.now - start < .milliseconds(Int(seconds * 1000)) {
            let verifier = BatchVerifier(profile: key.algorithm == .sm2 ? .national : .standard)
            count += verifier.verify(items).count
        }
        return Double(count) / seconds(since: start, clock)
    }

    private func seconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - text.count))
    }
}
