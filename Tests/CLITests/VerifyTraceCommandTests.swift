import Foundation
import Testing
import TraceLedger

/// Issue 6 item 4: `crosstrace verify-trace` checks a trace's proof bundle with only
/// the genesis file; a bundle that drops a record, or has one byte flipped, fails.
@Suite struct VerifyTraceCommandTests {
    static func files(_ bundle: [UInt8]) throws -> (genesis: String, bundle: String, root: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("verify-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let genesis = root.appendingPathComponent("genesis.json"), file = root.appendingPathComponent("bundle")
        try Data(TraceBundleFixture.genesis.utf8).write(to: genesis)
        try Data(bundle).write(to: file)
        return (genesis.path, file.path, root)
    }

    static func run(_ command: String, _ bundle: [UInt8], code: String? = nil) throws -> CLIResult {
        let paths = try files(bundle)
        defer { try? FileManager.default.removeItem(at: paths.root) }
        return try CLI.run([command, "--genesis", paths.genesis] + (code.map { ["--code", $0] } ?? []) + [paths.bundle])
    }

    @Test func r6_3_1_3_verifyTraceAcceptsTheBundleAndRefusesADroppedRecordOrAFlippedByte() throws {
        let bytes = Array(TraceBundleFixture.bundle.utf8)
        let valid = try Self.run("verify-trace", bytes, code: TraceBundleFixture.code)
        #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")
        #expect(valid.stdout.hasPrefix("valid: chain cbetc"))
        #expect(try Self.run("verify-trace", bytes).status == 0)

        let bundle = try ProofBundle(bytes: bytes)
        let kept = Array(bundle.transactions.dropLast())
        let heights = Set(kept.map(\.height)).union([bundle.anchorHeight])
        let dropped = ProofBundle(chain: bundle.chain, genesisHash: bundle.genesisHash, anchorHeight: bundle.anchorHeight,
                                  headers: bundle.headers.filter { heights.contains($0.header.height.rawValue) },
                                  entries: bundle.entries, transactions: kept)
        let droppedBytes = try dropped.jsonBytes()
        #expect(try Self.run("verify-proof", droppedBytes).status == 0, "the bundle alone is still a valid proof")
        let refused = try Self.run("verify-trace", droppedBytes)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("is missing"), "\(refused.stdout)")

        var flipped = bundle.canonicalBytes
        flipped[flipped.count / 2] ^= 0x01
        let corrupt = try Self.run("verify-trace", flipped)
        #expect(corrupt.status == 1)
        #expect(corrupt.stdout.hasPrefix("invalid: "))

        let other = try Self.run("verify-trace", bytes, code: "https://id.gs1.org/01/09521234543213/21/OTHER")
        #expect(other.status == 1)
        #expect(other.stdout.contains("exactly one trace index entry"))
    }
}
