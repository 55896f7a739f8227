import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// Issue 5 item 3: state proofs and inclusion proofs that do not
/// match the certified headers are refused, naming the element and the rule.
@Suite struct LightClientTamperTests {
    @Test func r5_3_1_stateProofForAnotherRootIsRefused() throws {
        let chain = try LightClientChain()
        let bundle = try chain.bundle(transactions: [])
        let index = try #require(bundle.entries.firstIndex { $0.key == LightClientChain.presentKey })
        var other = StateTree(hasher: MerkleHasher(.sha256))
        other.set(key: LightClientChain.presentKey, value: Array("forged".utf8))
        var entries = bundle.entries
        entries[index] = ProvenStateEntry(key: LightClientChain.presentKey, value: Array("forged".utf8),
                                          proof: other.proof(key: LightClientChain.presentKey))
        let error = proofError { _ = try LightClient.verify(LightClientChain.replacing(bundle, entries: entries), genesis: chain.genesis) }
        #expect(error?.code == .invalidStateProof)
        #expect(error?.field == "entries[\(index)].proof")
        #expect(error?.rule == "does not lead to the anchor's state root")
    }

    @Test func r5_3_1_absenceClaimedForAPresentKeyIsRefused() throws {
        let chain = try LightClientChain()
        let bundle = try chain.bundle(transactions: [])
        let index = try #require(bundle.entries.firstIndex { $0.key == LightClientChain.presentKey })
        var entries = bundle.entries
        // The real (membership) proof with the value dropped.
        entries[index] = ProvenStateEntry(key: LightClientChain.presentKey, value: nil, proof: bundle.entries[index].proof)
        let claimed = proofError { _ = try LightClient.verify(LightClientChain.replacing(bundle, entries: entries), genesis: chain.genesis) }
        #expect(claimed?.rule == "proves the key present, the entry says absent")
        // A non-membership proof from a tree without the key.
        entries[index] = ProvenStateEntry(key: LightClientChain.presentKey, value: nil,
                                          proof: StateTree(hasher: MerkleHasher(.sha256)).proof(key: LightClientChain.presentKey))
        let forged = proofError { _ = try LightClient.verify(LightClientChain.replacing(bundle, entries: entries), genesis: chain.genesis) }
        #expect(forged?.code == .invalidStateProof)
        #expect(forged?.field == "entries[\(index)].proof")
        // A value claimed for an absent key.
        let absent = try #require(bundle.entries.firstIndex { $0.key == LightClientChain.absentKey })
        entries = bundle.entries
        entries[absent] = ProvenStateEntry(key: LightClientChain.absentKey, value: [1], proof: bundle.entries[absent].proof)
        let invented = proofError { _ = try LightClient.verify(LightClientChain.replacing(bundle, entries: entries), genesis: chain.genesis) }
        #expect(invented?.rule == "proves the key absent, the entry gives a value")
    }

    @Test func r5_3_1_wrongValueIsRefused() throws {
        let chain = try LightClientChain()
        let bundle = try chain.bundle(transactions: [])
        let index = try #require(bundle.entries.firstIndex { $0.key == LightClientChain.presentKey })
        var entries = bundle.entries
        entries[index] = ProvenStateEntry(key: LightClientChain.presentKey, value: Array("other".utf8), proof: bundle.entries[index].proof)
        let error = proofError { _ = try LightClient.verify(LightClientChain.replacing(bundle, entries: entries), genesis: chain.genesis) }
        #expect(error?.code == .wrongValue)
        #expect(error?.field == "entries[\(index)].value")
        let verified = try LightClient.verify(bundle, genesis: chain.genesis)
        #expect(proofError { try verified.requireValue(Array("other".utf8), forKey: LightClientChain.presentKey) }?.code == .wrongValue)
    }

    @Test func r5_3_2_inclusionProofOfAnotherLeafIsRefused() throws {
        let chain = try LightClientChain()
        let bundle = try chain.bundle()
        var transactions = bundle.transactions
        // transactions[2] and [3] are (3, 0) and (3, 2): swap their proofs.
        transactions[2] = ProvenTransaction(height: 3, index: 0, wireBytes: transactions[2].wireBytes, proof: bundle.transactions[3].proof)
        let index = proofError { _ = try LightClient.verify(LightClientChain.replacing(bundle, transactions: transactions), genesis: chain.genesis) }
        #expect(index?.code == .invalidInclusionProof)
        #expect(index?.rule == "proves leaf 2, not index 0")
        transactions = bundle.transactions
        transactions[3] = ProvenTransaction(height: 3, index: 2, wireBytes: bundle.transactions[2].wireBytes, proof: bundle.transactions[3].proof)
        let root = proofError { _ = try LightClient.verify(LightClientChain.replacing(bundle, transactions: transactions), genesis: chain.genesis) }
        #expect(root?.field == "transactions[3].proof")
        #expect(root?.rule == "does not lead to the block's transaction root")
    }

    @Test func r5_3_2_orderAndHeadersAreCanonical() throws {
        let chain = try LightClientChain()
        let bundle = try chain.bundle()
        let reversed = LightClientChain.replacing(bundle, transactions: bundle.transactions.reversed())
        #expect(proofError { _ = try LightClient.verify(reversed, genesis: chain.genesis) }?.code == .notInOrder)
        let unused = LightClientChain.replacing(bundle, transactions: [])
        let error = proofError { _ = try LightClient.verify(unused, genesis: chain.genesis) }
        #expect(error?.code == .unusedHeader)
        #expect(error?.field == "headers[0]")
        let noAnchor = LightClientChain.replacing(bundle, headers: Array(bundle.headers.dropLast()))
        #expect(proofError { _ = try LightClient.verify(noAnchor, genesis: chain.genesis) }?.code == .missingHeader)
    }

    @Test func r5_3_1_foreignTransactionIsRefused() throws {
        let chain = try LightClientChain()
        let bundle = try chain.bundle(transactions: [(1, 0)])
        let foreign = ExecutorTests.tx("put", ["key": .string("x"), "value": .string("y")], chain: "d", nonce: 77)
        let transactions = [ProvenTransaction(height: 1, index: 0, wireBytes: foreign.wireBytes, proof: bundle.transactions[0].proof)]
        let error = proofError { _ = try LightClient.verify(LightClientChain.replacing(bundle, transactions: transactions), genesis: chain.genesis) }
        #expect(error?.code == .wrongChain)
        #expect(error?.field == "transactions[0].transaction.chain")
    }
}
