import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// Issue 5 item 3, issue 6 item 4: a proof bundle built
/// from a real chain verifies with only the genesis, in both forms.
@Suite struct LightClientTests {
    @Test func r5_3_3_honestBundleVerifiesInBothForms() throws {
        let chain = try LightClientChain()
        let bundle = try chain.bundle()
        #expect(try ProofBundle(canonicalBytes: bundle.canonicalBytes) == bundle)
        #expect(try ProofBundle(bytes: try bundle.jsonBytes()) == bundle)
        #expect(try ProofBundle(bytes: bundle.canonicalBytes) == bundle)
        let verified = try LightClient.verify(bundle, genesis: chain.genesis)
        #expect(verified.anchor.height.rawValue == 4)
        #expect(verified.entries.map(\.key) == [LightClientChain.presentKey, LightClientChain.absentKey].sorted {
            $0.lexicographicallyPrecedes($1)
        })
        try verified.requireValue(try chain.store.value(forKey: LightClientChain.presentKey), forKey: LightClientChain.presentKey)
        try verified.requireValue(nil, forKey: LightClientChain.absentKey)
        try verified.requireTransactions(at: LightClientChain.positions)
        for transaction in verified.transactions {
            let block = try #require(try chain.store.block(at: transaction.height))
            #expect(block.transactions[Int(transaction.index)] == transaction.transaction)
            #expect(transaction.blockTime == block.header.time)
        }
        #expect(bundle.headers.map(\.header.height.rawValue) == [1, 2, 3, 4])
    }

    @Test func r5_3_3_anchorCertificateFromTheNextStoredBlock() throws {
        let chain = try LightClientChain()
        let builder = ProofBuilder(store: chain.store, genesisHash: try chain.genesis.hash())
        let error = proofError { _ = try builder.build(keys: [], transactions: [], anchorCertificate: nil) }
        #expect(error?.code == .missingHeader)
        let absent = proofError {
            _ = try builder.build(keys: [], transactions: [(2, 5)], anchorCertificate: chain.anchorCertificate)
        }
        #expect(absent?.rule == "no committed transaction at height 2, index 5")
        let next = try BlockStoreTests.nextBlock(chain.store, count: 1, salt: 9)
        try chain.store.storeUnapplied(next)
        // Stored but not applied: block 5 carries block 4's certificate.
        let bundle = try builder.build(keys: [LightClientChain.presentKey], transactions: [], anchorCertificate: nil)
        #expect(bundle.headers.first?.certificate == next.header.lastCommit)
        #expect(try LightClient.verify(bundle, genesis: chain.genesis).entries.count == 1)
    }

    @Test func r6_4_droppedTransactionFailsTheCallersCheck() throws {
        let chain = try LightClientChain()
        let expected = LightClientChain.positions
        let dropped = try chain.bundle(transactions: expected.filter { !($0.height == 3 && $0.index == 2) })
        let error = proofError {
            _ = try LightClient.verify(dropped, genesis: chain.genesis) { verified throws(ProofError) in
                try verified.requireTransactions(at: expected)
            }
        }
        #expect(error?.code == .checkFailed)
        #expect(error?.rule == "the transaction at height 3, index 2 is missing")
        let full = try chain.bundle()
        let extra = proofError {
            _ = try LightClient.verify(full, genesis: chain.genesis) { verified throws(ProofError) in
                try verified.requireTransactions(at: Array(expected.dropFirst()))
            }
        }
        #expect(extra?.field == "transactions[0]")
    }

    @Test func r5_3_3_certificateWithTooLittlePowerIsRefused() throws {
        let chain = try LightClientChain()
        let bundle = try chain.bundle(transactions: [])
        let anchor = bundle.headers[0].header
        let weak = try LightClientChain.certificate(height: 4, hash: anchor.hash(.sha256), signers: BlockTests.validators,
                                                    indexes: [0, 2])
        let error = proofError {
            _ = try LightClient.verify(LightClientChain.replacing(bundle, headers: [CertifiedHeader(header: anchor, certificate: weak)]),
                                       genesis: chain.genesis)
        }
        #expect(error?.code == .insufficientPower)
        #expect(error?.field == "headers[0].certificate")
        #expect(error?.rule == "precommits hold 2 of 4 voting power, not more than 2/3")
    }

    @Test func r5_3_3_certificateOfAnotherValidatorSetIsRefused() throws {
        let chain = try LightClientChain()
        let bundle = try chain.bundle(transactions: [])
        let anchor = bundle.headers[0].header
        let strangers = (1...4).map { fixedSigner(UInt8(40 + $0)) }
        let forged = try LightClientChain.certificate(height: 4, hash: anchor.hash(.sha256), signers: strangers, indexes: [0, 1, 2])
        let error = proofError {
            _ = try LightClient.verify(LightClientChain.replacing(bundle, headers: [CertifiedHeader(header: anchor, certificate: forged)]),
                                       genesis: chain.genesis)
        }
        #expect(error?.code == .invalidSignature)
        #expect(error?.field == "headers[0].certificate.precommits[0].signature")
        // The strangers' own genesis: its hash differs, and so does its validator set.
        let otherGenesis = try LightClientChain.genesis(chain: "c", signers: strangers)
        #expect(proofError { _ = try LightClient.verify(bundle, genesis: otherGenesis) }?.code == .wrongGenesis)
        let relabelled = LightClientChain.replacing(bundle, genesisHash: try otherGenesis.hash())
        let setError = proofError { _ = try LightClient.verify(relabelled, genesis: otherGenesis) }
        #expect(setError?.code == .wrongValidatorSet)
        #expect(setError?.field == "headers[0].header.validatorSetHash")
    }

    @Test func r5_3_3_certificateOfAnotherBlockIsRefused() throws {
        let chain = try LightClientChain()
        let bundle = try chain.bundle(transactions: [(3, 0)])
        let swapped = [CertifiedHeader(header: bundle.headers[0].header, certificate: bundle.headers[1].certificate),
                       bundle.headers[1]]
        let error = proofError { _ = try LightClient.verify(LightClientChain.replacing(bundle, headers: swapped), genesis: chain.genesis) }
        #expect(error?.code == .wrongHeight)
        #expect(error?.field == "headers[0].certificate.height")
    }

    @Test func r5_3_1_headerOfAnotherChainIsRefused() throws {
        let chain = try LightClientChain()
        let bundle = try chain.bundle()
        let otherChain = try LightClientChain.genesis(chain: "d", signers: BlockTests.validators)
        let relabelled = LightClientChain.replacing(bundle, chain: "d", genesisHash: try otherChain.hash())
        let error = proofError { _ = try LightClient.verify(relabelled, genesis: otherChain) }
        #expect(error?.code == .wrongChain)
        #expect(error?.field == "headers[0].header.chain")
        #expect(proofError { _ = try LightClient.verify(bundle, genesis: otherChain) }?.field == "chain")
    }
}
