import Foundation
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// A real chain for proof tests: a `BlockStore` with the kv contract, four
/// blocks of puts certified by three of the four `BlockTests.validators`,
/// and the genesis naming those validators.
struct LightClientChain {
    let store: BlockStore
    let genesis: Genesis
    let anchorCertificate: CommitCertificate

    /// Positions present in the four blocks (block h holds h transactions).
    static let positions: [(height: UInt64, index: UInt32)] = [(1, 0), (2, 1), (3, 0), (3, 2), (4, 3)]
    static let presentKey = ExecutorTests.kvKey("k1")
    static let absentKey = ExecutorTests.kvKey("never-written")

    init() throws {
        store = try BlockStore(path: try BlockStoreTests.temporaryPath(), executor: ExecutorTests.executor)
        for salt in 1...4 { try store.commit(try BlockStoreTests.nextBlock(store, count: salt, salt: salt)) }
        genesis = try Self.genesis(chain: "c", signers: BlockTests.validators)
        guard let anchor = try store.block(at: store.appliedHeight) else {
            throw LedgerError(.storage, field: "fixture", rule: "the applied block is stored")
        }
        anchorCertificate = try BlockTests.certificate(height: store.appliedHeight, blockHash: anchor.header.hash(.sha256))
    }

    /// A genesis whose validators are `signers` with power 1 each.
    static func genesis(chain: String, signers: [Ed25519Signer]) throws -> Genesis {
        Genesis(chainId: chain, profile: .standard, genesisTime: 0,
                validators: signers.enumerated().map { index, signer in
                    GenesisValidator(name: "node\(index)", consensusKey: signer.publicKey, power: 1,
                                     nodeKey: GenesisFixture.p256(UInt8(11 + index)))
                },
                caCertificates: [GenesisFixture.caPEM])
    }

    func bundle(keys: [[UInt8]] = [presentKey, absentKey],
                transactions: [(height: UInt64, index: UInt32)] = positions) throws -> ProofBundle {
        try ProofBuilder(store: store, genesisHash: try genesis.hash())
            .build(keys: keys, transactions: transactions, anchorCertificate: anchorCertificate)
    }

    /// `bundle` with some parts replaced.
    static func replacing(_ bundle: ProofBundle, chain: String? = nil, genesisHash: [UInt8]? = nil,
                          headers: [CertifiedHeader]? = nil, entries: [ProvenStateEntry]? = nil,
                          transactions: [ProvenTransaction]? = nil) -> ProofBundle {
        ProofBundle(chain: chain ?? bundle.chain, genesisHash: genesisHash ?? bundle.genesisHash,
                    anchorHeight: bundle.anchorHeight, headers: headers ?? bundle.headers,
                    entries: entries ?? bundle.entries, transactions: transactions ?? bundle.transactions)
    }

    /// A certificate for `hash` at `height` signed by `signers` at indexes `indexes`.
    static func certificate(height: UInt64, hash: [UInt8], signers: [Ed25519Signer], indexes: [Int]) throws -> CommitCertificate {
        let id = BlockID(hash: hash)
        let votes = try indexes.map { index in
            let bytes = Vote.signBytes(type: .precommit, height: Height(height), round: Round(0), blockID: id,
                                       validatorIndex: index, time: 2_000)
            return Vote(type: .precommit, height: Height(height), round: Round(0), blockID: id, validatorIndex: index,
                        time: 2_000, signature: try signers[index].sign(bytes))
        }
        return CommitCertificate(height: Height(height), round: Round(0), blockID: id, precommits: votes)
    }
}

/// The `ProofError` `body` throws; nil when it throws nothing (or another error).
func proofError(_ body: () throws -> Void) -> ProofError? {
    do { try body() } catch let error as ProofError { return error } catch { return nil }
    return nil
}
