import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// Issue 5 item 3 on a national-profile chain: SM3 block ids and
/// Merkle roots, SM2 precommits; a bundle verifies under its own genesis only.
@Suite struct LightClientNationalTests {
    static let validators: [SM2Signer] = (1...4).compactMap { try? SM2Signer(privateKey: [UInt8](repeating: UInt8(50 + $0), count: 32)) }

    static func genesis(profile: CryptoProfile) -> Genesis {
        Genesis(chainId: "cbeac", profile: profile, genesisTime: 0,
                validators: validators.enumerated().map { index, signer in
                    GenesisValidator(name: "node\(index)", consensusKey: signer.publicKey, power: UInt64(index + 1),
                                     nodeKey: GenesisFixture.p256(UInt8(11 + index)))
                },
                caCertificates: [GenesisFixture.caPEM])
    }

    /// Precommits of validators `indexes` for `hash` at `height`.
    static func certificate(height: UInt64, hash: [UInt8], indexes: [Int]) throws -> CommitCertificate {
        let id = BlockID(hash: hash)
        let votes = try indexes.map { index in
            let bytes = Vote.signBytes(type: .precommit, height: Height(height), round: Round(1), blockID: id,
                                       validatorIndex: index, time: 7_000)
            return Vote(type: .precommit, height: Height(height), round: Round(1), blockID: id, validatorIndex: index,
                        time: 7_000, signature: try validators[index].sign(bytes))
        }
        return CommitCertificate(height: Height(height), round: Round(1), blockID: id, precommits: votes)
    }

    /// Two blocks of kv puts signed with SM2; the bundle proves one key and block 2's transactions.
    static func bundle() throws -> (store: BlockStore, bundle: ProofBundle) {
        let store = try BlockStore(path: try BlockStoreTests.temporaryPath(),
                                   executor: Executor(chain: "cbeac", profile: .national, contracts: [KeyValueContract()]))
        let genesis = genesis(profile: .national)
        let setHash = try genesis.validatorSet().hash(.sm3)
        var lastCommit: CommitCertificate?
        for height in 1...2 {
            let transactions = try (0..<2).map { index in
                try Transaction.sign(chain: "cbeac", contract: "kv", action: "put",
                                     payload: ["key": .string("k\(index)"), "value": .string("v\(height)")],
                                     nonce: String(repeating: "0", count: 30) + "\(height)\(index)", time: 5, signer: validators[0])
            }
            let block = try store.makeBlock(transactions, time: Int64(height) * 1_000, proposer: validators[1].publicKey,
                                            validatorSetHash: setHash, lastCommit: lastCommit)
            try store.commit(block)
            // Validators 1, 2, 3 hold 9 of 10 voting power.
            lastCommit = try certificate(height: UInt64(height), hash: block.header.hash(.sm3), indexes: [1, 2, 3])
        }
        let bundle = try ProofBuilder(store: store, genesisHash: try genesis.hash())
            .build(keys: [ExecutorTests.kvKey("k1")], transactions: [(2, 0), (2, 1)], anchorCertificate: lastCommit)
        return (store, bundle)
    }

    @Test func r5_3_4_nationalBundleVerifiesUnderItsGenesisOnly() throws {
        let (store, bundle) = try Self.bundle()
        let verified = try LightClient.verify(try ProofBundle(jsonBytes: try bundle.jsonBytes()), genesis: Self.genesis(profile: .national))
        let stored = try #require(try store.value(forKey: ExecutorTests.kvKey("k1")))
        try verified.requireValue(stored, forKey: ExecutorTests.kvKey("k1"))
        #expect(verified.transactions.map(\.index) == [0, 1])
        #expect(verified.anchor.height.rawValue == 2)
        // The same keys under the standard profile: another genesis hash, and SHA-256 ids.
        let standard = Self.genesis(profile: .standard)
        #expect(proofError { _ = try LightClient.verify(bundle, genesis: standard) }?.code == .wrongGenesis)
        let relabelled = LightClientChain.replacing(bundle, genesisHash: try standard.hash())
        #expect(proofError { _ = try LightClient.verify(relabelled, genesis: standard) }?.code == .wrongValidatorSet)
    }

    @Test func r5_3_3_weightedPowerDecides() throws {
        let bundle = try Self.bundle().bundle
        let anchor = try #require(bundle.certifiedHeader(at: 2)).header
        // Validators 0, 1, 2 hold 6 of 10: not more than 2/3.
        let weak = try Self.certificate(height: 2, hash: anchor.hash(.sm3), indexes: [0, 1, 2])
        let headers = bundle.headers.map { $0.header.height.rawValue == 2 ? CertifiedHeader(header: anchor, certificate: weak) : $0 }
        let error = proofError {
            _ = try LightClient.verify(LightClientChain.replacing(bundle, headers: headers), genesis: Self.genesis(profile: .national))
        }
        #expect(error?.code == .insufficientPower)
        #expect(error?.rule == "precommits hold 6 of 10 voting power, not more than 2/3")
    }
}
