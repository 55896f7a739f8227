import Foundation
import Testing
import TraceConsensus
import TraceCrypto
import TraceLedger

/// Issue 6 item 4: `crosstrace verify-proof --genesis FILE BUNDLE` exits 0 on
/// a good bundle (file or stdin, binary or JSON) and 1 on a flipped one.
@Suite struct VerifyProofCommandTests {
    /// The network CA of Tests/TraceLedgerTests/Genesis/GenesisFixture.swift (made once by `crosstrace init`).
    static let caPEM = """
    -----BEGIN CERTIFICATE-----
    MIIBijCCATGgAwIBAgIBATAKBggqhkjOPQQDAjA7MRMwEQYDVQQKDApDcm9zc1Ry
    YWNlMSQwIgYDVQQDDBtjcm9zc3RyYWNlLWxvY2FsIG5ldHdvcmsgQ0EwHhcNMjYx
    MTI3MDI0OTQ0WhcNMzYxMTI0MDM0OTQ0WjA7MRMwEQYDVQQKDApDcm9zc1RyYWNl
    MSQwIgYDVQQDDBtjcm9zc3RyYWNlLWxvY2FsIG5ldHdvcmsgQ0EwWTATBgcqhkjO
    PQIBBggqhkjOPQMBBwNCAAS1Gz9TEV+D5AMjnS3X5iLG+LBViCXdHieoe5B1+y7t
    PXTjuWV9O2A02ItIiNZmd6Ia8ewPv8wknxdHAsmmOx6VoyYwJDASBgNVHRMBAf8E
    CDAGAQH/AgEAMA4GA1UdDwEB/wQEAwIBBjAKBggqhkjOPQQDAgNHADBEAiBsEU3L
    4TywrdkG2mflfs497sl9AEnFPCimH2wst3024QIgIaPlU7g6uzmHi5PnVeJvQRJs
    gpRCTLlnV/xnMVk0M84=
    -----END CERTIFICATE-----
    """

    static func signer(_ byte: UInt8) throws -> Ed25519Signer { try Ed25519Signer(seed: [UInt8](repeating: byte, count: 32)) }

    static func genesis(_ validators: [Ed25519Signer]) throws -> Genesis {
        Genesis(chainId: "cbetc", profile: .standard, genesisTime: 0,
                validators: try validators.enumerated().map { index, signer in
                    GenesisValidator(name: "node\(index)", consensusKey: signer.publicKey, power: 1,
                                     nodeKey: try P256Signer(privateKey: [UInt8](repeating: UInt8(11 + index), count: 32)).publicKey)
                },
                caCertificates: [caPEM])
    }

    static func certificate(_ validators: [Ed25519Signer], height: UInt64, hash: [UInt8]) throws -> CommitCertificate {
        let id = BlockID(hash: hash)
        let votes = try (0..<3).map { index in
            let bytes = Vote.signBytes(type: .precommit, height: Height(height), round: Round(0), blockID: id,
                                       validatorIndex: index, time: 1_000)
            return Vote(type: .precommit, height: Height(height), round: Round(0), blockID: id, validatorIndex: index,
                        time: 1_000, signature: try validators[index].sign(bytes))
        }
        return CommitCertificate(height: Height(height), round: Round(0), blockID: id, precommits: votes)
    }

    /// A two-block kv chain in `directory`; returns its genesis and a bundle of one key and block 2's transactions.
    static func makeBundle(in directory: URL) throws -> (genesis: Genesis, bundle: ProofBundle) {
        let validators = try (1...4).map { try signer(UInt8(30 + $0)) }
        let genesis = try genesis(validators)
        let store = try BlockStore(path: directory.appendingPathComponent("chain.sqlite").path,
                                   executor: Executor(chain: "cbetc", profile: .standard, contracts: [KeyValueContract()]))
        let setHash = try ValidatorSet(validators.map { Validator(publicKey: $0.publicKey, power: VotingPower(1)) }).hash(.sha256)
        var lastCommit: CommitCertificate?
        for height in 1...2 {
            let transactions = try (0..<height).map { index in
                try Transaction.sign(chain: "cbetc", contract: "kv", action: "put",
                                     payload: ["key": .string("k\(index)"), "value": .string("v\(height)")],
                                     nonce: String(repeating: "0", count: 30) + "\(height)\(index)", time: 5, signer: validators[0])
            }
            let block = try store.makeBlock(transactions, time: Int64(height) * 1_000, proposer: validators[0].publicKey,
                                            validatorSetHash: setHash, lastCommit: lastCommit)
            try store.commit(block)
            lastCommit = try certificate(validators, height: UInt64(height), hash: block.header.hash(.sha256))
        }
        let bundle = try ProofBuilder(store: store, genesisHash: try genesis.hash())
            .build(keys: [ContractContext.namespace(of: "kv") + Array("k0".utf8)], transactions: [(2, 0), (2, 1)], anchorCertificate: lastCommit)
        return (genesis, bundle)
    }

    @Test func r6_4_verifyProofExitsZeroOnGoodAndOneOnFlipped() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("verify-proof-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let (genesis, bundle) = try Self.makeBundle(in: directory)
        let genesisPath = directory.appendingPathComponent("genesis.json").path
        let binaryPath = directory.appendingPathComponent("bundle.bin").path
        let jsonPath = directory.appendingPathComponent("bundle.json").path
        let flippedPath = directory.appendingPathComponent("flipped.bin").path
        try Data(try genesis.canonicalBytes()).write(to: URL(fileURLWithPath: genesisPath))
        try Data(bundle.canonicalBytes).write(to: URL(fileURLWithPath: binaryPath))
        try Data(try bundle.jsonBytes()).write(to: URL(fileURLWithPath: jsonPath))
        var flipped = bundle.canonicalBytes
        flipped[flipped.count / 2] ^= 0x01
        try Data(flipped).write(to: URL(fileURLWithPath: flippedPath))

        let good = try CLI.run(["verify-proof", "--genesis", genesisPath, binaryPath])
        #expect(good.status == 0)
        #expect(good.stdout == "valid: chain cbetc, anchor height 2, 1 entries, 2 transactions\n")
        let json = try CLI.run(["verify-proof", "--genesis", genesisPath, "-"], stdin: Data(try bundle.jsonBytes()))
        #expect(json.status == 0)
        #expect(try CLI.run(["verify-proof", "--genesis", genesisPath, jsonPath]).status == 0)
        let bad = try CLI.run(["verify-proof", "--genesis", genesisPath, flippedPath])
        #expect(bad.status == 1)
        #expect(bad.stdout.hasPrefix("invalid: "))
        let missing = try CLI.run(["verify-proof", "--genesis", directory.appendingPathComponent("none.json").path, binaryPath])
        #expect(missing.status == 1)
    }
}
