import Foundation
import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// A network of one validator (R-5.3.3 with n = 1, what `crosstrace up
/// --validators 1` runs): it decides every height on its own, inside one
/// call. Without a block interval, the next height must still start from a
/// wake-up, or the call never returns and the node's loop (HTTP, signals)
/// never gets a turn.
@Suite struct RuntimeLoneValidatorTests {
    @Test func r5_3_3_loneValidatorYieldsBetweenHeights() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lone-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let signer = fixedSigner(5)
        let validators = try ValidatorSet([Validator(publicKey: signer.publicKey, power: VotingPower(1))])
        let executor = Executor(chain: "c", profile: .standard, contracts: [KeyValueContract()])
        let store = try BlockStore(path: root.appendingPathComponent("chain.sqlite").path, executor: executor)
        let durable = try FileDurableStore(directory: root.appendingPathComponent("consensus").path)
        let clock = HandClock(time: RuntimeNetwork.genesisTime)
        var setup = ChainRuntimeSetup(chain: "c", profile: .standard, validators: validators,
                                      genesisTime: RuntimeNetwork.genesisTime)
        setup.blockIntervalMilliseconds = 0
        let runtime = try ChainRuntime(setup: setup, signer: signer, store: store, durable: durable,
                                       clock: NodeClock(clock, node: 0, incarnation: 1), outbound: { _ in })
        try runtime.start()
        // start() returned: one height decided, the next one waits for its wake-up.
        #expect(store.appliedHeight == 1)
        #expect(runtime.isWaitingForInterval)
        #expect(clock.timers.contains { $0.timeout == nil })
        for expected in 2...5 {
            clock.time += 1
            runtime.wake()
            #expect(store.appliedHeight == UInt64(expected))
            #expect(runtime.isWaitingForInterval)
        }
        #expect(runtime.failure == nil)
    }
}
