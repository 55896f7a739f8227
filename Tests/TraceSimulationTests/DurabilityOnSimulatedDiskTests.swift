import Testing
import TraceConsensus
import TraceCrypto
import TraceLedger
@testable import TraceSimulation

/// The ledger's own `ConsensusWAL` and `SignerStateFile` on the simulator's
/// faulty disk: unsynced writes lost, tails torn, crashes at random durable
/// writes, 250 seeds (R-5.3.1 crash safety, R-5.3.3 no double-sign across restarts).
@Suite struct DurabilityOnSimulatedDiskTests {
    static let seeds: ClosedRange<UInt64> = 1...250

    @Test func r5_3_3_walAndSignerStateOnFaultyDisk_250Seeds() throws {
        let signer = try Ed25519Signer(seed: [UInt8](repeating: 7, count: 32))
        let set = try ValidatorSet([TraceConsensus.Validator(publicKey: signer.publicKey, power: VotingPower(1))])
        var crashes = 0
        var answeredFromStore = 0
        for seed in Self.seeds {
            var node = try SigningNode(signer: signer, validators: set)
            var rng = SeededGenerator(seed: seed)
            for _ in 0..<40 {
                if rng.next() % 5 == 0 { node.disk.operationsUntilCrash = 1 + Int(rng.next() % 4) }
                do {
                    try node.step(&rng)
                } catch is SimulatedCrash {
                    crashes += 1
                    node.disk.crash(using: &rng)
                    answeredFromStore += try node.restart()
                }
            }
            #expect(node.sent.count > 5, "seed \(seed)")
        }
        #expect(crashes > 250)
        #expect(answeredFromStore > 50)
    }
}

/// A validator's signing path, as the node runs it: inputs appended unsynced,
/// its own vote synced in the WAL, the signer state saved, then the vote sent.
struct SigningNode {
    let signer: Ed25519Signer
    let validators: ValidatorSet
    let disk = SimulatedDisk()
    var signerFile: SignerStateFile
    var height: UInt64 = 1
    var next = SignPosition(height: Height(1), round: Round(0), step: 1)
    /// Every vote that left the node; one position never holds two.
    var sent: [SignPosition: Vote] = [:]

    init(signer: Ed25519Signer, validators: ValidatorSet) throws {
        self.signer = signer
        self.validators = validators
        signerFile = try SignerStateFile(store: disk)
        try startHeight()
    }

    var wal: ConsensusWAL { ConsensusWAL(store: disk) }

    func vote(at position: SignPosition, block: UInt8, signature: Signature?) throws -> Vote {
        let type: VoteType = position.step == 1 ? .prevote : .precommit
        let id = BlockID(hash: [UInt8](repeating: block, count: 32))
        let bytes = Vote.signBytes(type: type, height: position.height, round: position.round, blockID: id, validatorIndex: 0, time: 1)
        return Vote(type: type, height: position.height, round: position.round, blockID: id, validatorIndex: 0, time: 1,
                    signature: try signature ?? signer.sign(bytes))
    }

    /// One seeded action: a new vote, a repeated or conflicting request, or a commit.
    mutating func step(_ rng: inout SeededGenerator) throws {
        switch rng.next() % 8 {
        case 0:
            height += 1
            next = SignPosition(height: Height(height), round: Round(0), step: 1)
            try startHeight()
        case 1, 2:
            let positions = sent.keys.sorted()
            guard !positions.isEmpty else { return }
            try request(positions[Int(rng.next() % UInt64(positions.count))], block: UInt8(rng.next() % 3))
        default:
            try wal.append(.input(.tick, localTime: Int64(rng.next() % 1_000)))
            try request(next, block: UInt8(rng.next() % 3))
            next = next.step == 1 ? SignPosition(height: next.height, round: next.round, step: 2)
                : SignPosition(height: next.height, round: Round(next.round.rawValue + 1), step: 1)
        }
    }

    /// The WAL starts over with the height's start, as the node does after a commit.
    func startHeight() throws {
        try wal.reset()
        try wal.append(.input(.startHeight(HeightStart(height: Height(height), validators: validators, previous: nil,
                                                       genesisTime: 0, payload: [])), localTime: 0))
    }

    /// Asks to sign `block` at `position`: the stored signature if already
    /// signed with these bytes; refused (regression or conflict) otherwise.
    mutating func request(_ position: SignPosition, block: UInt8) throws {
        let unsigned = try vote(at: position, block: block, signature: Signature(algorithm: .ed25519, rawBytes: []))
        let stored: Signature?
        do {
            stored = try signerFile.storedSignature(at: position, for: unsigned.signBytes)
        } catch let error as DurabilityError {
            #expect(error.code == .regression || error.code == .conflict)
            #expect(sent[position].map { $0.signBytes != unsigned.signBytes || position < (signerFile.last?.position ?? position) } ?? true)
            return
        }
        let vote = try self.vote(at: position, block: block, signature: stored)
        try wal.appendOwnAndSync(.vote(vote))
        try signerFile.save(ConsensusWAL.signerState(of: .vote(vote)))
        if let earlier = sent[position] { #expect(earlier == vote, "double sign at \(position.text)") }
        sent[position] = vote
    }

    /// Power back: reload, check the durable state against what was sent,
    /// bring the signer state up to the WAL. Returns how many sent votes the
    /// signer state file answered with their stored signature.
    mutating func restart() throws -> Int {
        signerFile = try SignerStateFile(store: disk)
        let recovery = try wal.recover(height: Height(height))
        let last = signerFile.last
        for (position, vote) in sent.sorted(by: { $0.key < $1.key }) {
            #expect(last.map { position <= $0.position } == true, "sent \(position.text) above the signer state")
            if position.height.rawValue == height {
                #expect(recovery.own.contains(.vote(vote)) == true, "sent \(position.text) not in the WAL")
            }
        }
        if let highest = recovery.highestOwn, last.map({ $0.position < highest.position }) ?? true {
            try signerFile.save(highest)
        }
        if recovery.entries.isEmpty { try startHeight() }
        guard let state = signerFile.last, let vote = sent[state.position] else { return 0 }
        #expect(try signerFile.storedSignature(at: state.position, for: vote.signBytes) == vote.signature)
        return 1
    }
}
