import Foundation
import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// Issue 5 "Done means": every validator stops at once
/// mid-height — after each has voted — and all four reopen from their files
/// later; the network commits again, with the same hashes, and nobody signs
/// twice at one position.
@Suite(.serialized) struct RuntimeWholeRestartTests {
    @Test(arguments: [UInt8(1), 2])
    func r5_3_3_allFourRestartAtOnceAndCommitAgain(votedStep: UInt8) throws {
        let network = try RuntimeNetwork()
        #expect(try network.drive { (0..<4).allSatisfy { network.applied($0) >= 3 } })
        // Stop where every validator has signed `votedStep` at the height being decided.
        var target = Height(0)
        #expect(try network.drive {
            guard let node = network.nodes[0] else { return false }
            target = node.height
            return network.everyoneSigned(height: target, step: votedStep)
        })
        let stoppedAt = (0..<4).map { network.applied($0) }
        try network.restartAll(afterMilliseconds: 7_000)
        #expect((0..<4).map { network.applied($0) } == stoppedAt)
        let goal = target.rawValue + 3
        #expect(try network.drive { (0..<4).allSatisfy { network.applied($0) >= goal } })
        try expectSameHashes(network, through: goal)
        for (position, byValidator) in network.signed {
            for (validator, messages) in byValidator {
                #expect(messages.count == 1, "validator \(validator) signed twice at \(position)")
            }
        }
    }

    @Test func r5_3_3_allFourRestartTwiceInARow() throws {
        let network = try RuntimeNetwork()
        #expect(try network.drive { (0..<4).allSatisfy { network.applied($0) >= 2 } })
        for _ in 0..<2 {
            #expect(try network.drive {
                guard let node = network.nodes[0] else { return false }
                return network.everyoneSigned(height: node.height, step: 1)
            })
            try network.restartAll(afterMilliseconds: 3_000)
        }
        let goal = network.applied(0) + 3
        #expect(try network.drive { (0..<4).allSatisfy { network.applied($0) >= goal } })
        try expectSameHashes(network, through: goal)
    }

    func expectSameHashes(_ network: RuntimeNetwork, through height: UInt64) throws {
        let reference = try #require(network.nodes[0]).store
        for index in 1..<4 {
            let store = try #require(network.nodes[index]).store
            for level in 1...height {
                let mine = try #require(try store.block(at: level)).header.hash(.sha256)
                #expect(mine == (try #require(try reference.block(at: level))).header.hash(.sha256))
            }
        }
    }
}

extension RuntimeNetwork {
    /// Whether every validator has sent a message of `step` (1 prevote, 2 precommit) at `height`.
    func everyoneSigned(height: Height, step: UInt8) -> Bool {
        let validators = Set(signed.filter { $0.key.height == height && $0.key.step == step }.flatMap { $0.value.keys })
        return validators.count == 4
    }

    /// All four crash at once (messages in flight are lost, pending timers
    /// never fire), time moves on, and all four reopen from their files.
    func restartAll(afterMilliseconds milliseconds: Int64) throws {
        for index in 0..<4 { crash(index) }
        (bus, busHead) = ([], 0)
        clock.time += milliseconds
        for index in 0..<4 { try start(index) }
    }
}
