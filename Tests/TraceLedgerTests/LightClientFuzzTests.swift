import Testing
import TraceCrypto
@testable import TraceLedger
import TraceTestSupport

/// Issue 5 "done means": the bundle decoders take random and mutated bytes
/// without a crash, and a flipped bit never passes with a false statement.
@Suite struct LightClientFuzzTests {
    /// Decodes and verifies; returns what was verified, or nil when refused.
    static func accepted(_ bytes: [UInt8], _ genesis: Genesis) -> VerifiedBundle? {
        guard let bundle = try? ProofBundle(bytes: bytes) else { return nil }
        return try? LightClient.verify(bundle, genesis: genesis)
    }

    /// Whether every fact `verified` states is true of the chain: the anchor,
    /// each entry's value or absence, each transaction at its position. (A
    /// flipped bit in an absent key can yield another absent key that the
    /// same non-membership proof covers: a different but true statement.)
    static func isTrue(_ verified: VerifiedBundle, of chain: LightClientChain) throws -> Bool {
        guard try chain.store.block(at: verified.anchor.height.rawValue)?.header == verified.anchor else { return false }
        for entry in verified.entries where try chain.store.value(forKey: entry.key) != entry.value { return false }
        for transaction in verified.transactions {
            let block = try chain.store.block(at: transaction.height)
            guard let block, block.transactions.indices.contains(Int(transaction.index)),
                  block.transactions[Int(transaction.index)] == transaction.transaction else { return false }
        }
        return true
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func r5_3_1_flippedBitsNeverPassAsOtherContent(seed: UInt64) throws {
        let chain = try LightClientChain()
        let bundle = try chain.bundle()
        let bytes = bundle.canonicalBytes
        var generator = SeededGenerator(seed: seed)
        var refused = 0
        for _ in 0..<300 {
            let bit = Int.random(in: 0..<(bytes.count * 8), using: &generator)
            if let accepted = Self.accepted(flipping(bytes, bit: bit), chain.genesis) {
                #expect(try Self.isTrue(accepted, of: chain), "seed \(seed), bit \(bit): passed with false content")
                #expect(accepted.entries.map(\.key) != bundle.entries.map(\.key), "seed \(seed), bit \(bit): not an entry key")
            } else {
                refused += 1
            }
        }
        #expect(refused >= 290)
    }

    @Test(arguments: [UInt64(4), 5])
    func r5_3_1_flippedJSONNeverPassesAsOtherContent(seed: UInt64) throws {
        let chain = try LightClientChain()
        let bundle = try chain.bundle()
        let bytes = try bundle.jsonBytes()
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<150 {
            let flipped = flipping(bytes, bit: Int.random(in: 0..<(bytes.count * 8), using: &generator))
            if let accepted = Self.accepted(flipped, chain.genesis) {
                #expect(try Self.isTrue(accepted, of: chain), "seed \(seed): a flipped bit passed with false content")
            }
        }
        #expect(Self.accepted(bytes, chain.genesis) != nil)
    }

    @Test(arguments: [UInt64(6), 7])
    func decodersSurviveRandomAndMutatedBytes(seed: UInt64) throws {
        let chain = try LightClientChain()
        let bundle = try chain.bundle()
        let binary = bundle.canonicalBytes
        let json = try bundle.jsonBytes()
        var generator = SeededGenerator(seed: seed)
        var randomAccepted = 0
        for round in 0..<300 {
            let input: [UInt8]
            switch round % 3 {
            case 0: input = generator.bytes(Int.random(in: 0..<512, using: &generator))
            case 1: input = generator.mutate(binary)
            default: input = generator.mutate(json)
            }
            if let accepted = Self.accepted(input, chain.genesis) {
                #expect(try Self.isTrue(accepted, of: chain), "seed \(seed), round \(round): passed with false content")
                if round % 3 == 0 { randomAccepted += 1 }
            }
        }
        #expect(randomAccepted == 0)
        #expect(Self.accepted(binary, chain.genesis) != nil)
    }
}
