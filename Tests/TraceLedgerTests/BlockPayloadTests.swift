import Testing
import TraceTestSupport
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// Issue 5 item 1: the consensus block id is the ledger block hash,
/// hashed with the chain profile's hash (SM3 on national chains).
@Suite struct BlockPayloadTests {
    @Test(arguments: CryptoProfile.allCases)
    func r5_3_2_consensusIDIsLedgerHash(profile: CryptoProfile) throws {
        for (height, count) in [(UInt64(1), 0), (2, 3), (5, 1)] {
            let block = try BlockTests.block(height: height, count: count, profile: profile)
            let consensus = block.consensusBlock(profile.hash)
            #expect(consensus.id.hash == block.header.hash(profile.hash))
            #expect(consensus.previousBlockID?.hash == block.header.previousBlockHash)
            #expect(consensus.time == block.header.time && consensus.lastCommit == block.header.lastCommit)
            let decoded = try Block(consensusPayload: consensus.payload)
            #expect(decoded == block)
            #expect(decoded.matches(consensus, profile.hash))
            #expect(!decoded.matches(block.consensusBlock(profile.hash == .sha256 ? .sm3 : .sha256), profile.hash))
        }
    }

    @Test func r5_3_2_identitySurvivesTheWAL() throws {
        let consensus = try BlockTests.block(height: 2, count: 2, profile: .national).consensusBlock(.sm3)
        let start = HeightStart(height: Height(2), validators: try BlockTests.validatorSet(), previous: nil,
                                genesisTime: 5, payload: consensus.payload, identity: .payloadHeader(.sm3))
        for event in [Event.decisionReceived(consensus, try #require(consensus.lastCommit)), .startHeight(start)] {
            let entry = ConsensusWALEntry.input(event, localTime: 9)
            #expect(try ConsensusWALEntry(decoding: entry.encoded()) == entry)
        }
    }

    /// Issue 5 "Done means": mutated payloads are refused, never a crash.
    @Test func mutatedPayloadsAreRefused() throws {
        let payload = try BlockTests.block(height: 2, count: 2).consensusPayload
        var generator = SeededGenerator(seed: 55)
        var refused = 0
        for round in 0..<200 {
            var bytes = payload
            if round % 3 == 0 {
                bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count))))
            } else {
                let index = Int(generator.next() % UInt64(bytes.count))
                bytes[index] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
            }
            if let decoded = try? Block(consensusPayload: bytes) {
                #expect(decoded.consensusPayload == bytes)  // a block has one payload
            } else {
                refused += 1
            }
        }
        #expect(refused >= 100)
        #expect(throws: LedgerError(.malformed, field: "", rule: "")) { try Block(consensusPayload: [0, 0, 0, 9, 1]) }
    }
}
