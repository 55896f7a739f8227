import TraceConsensus
import TraceCrypto

/// A validator's consensus state after a restart (R-5.3.3, issue 5 item 2),
/// shared by the node runtime and the simulator: the WAL of the height being
/// resumed, the signer state file brought up to the WAL's last own message
/// (a crash can fall between the WAL sync and the file write), and a fresh
/// state machine that knows every message already signed, so replaying the
/// WAL's inputs signs nothing new.
public struct ConsensusRecovery {
    public let wal: ConsensusWALRecovery
    public let signerFile: SignerStateFile
    /// The signer state as the file held it before being brought up to the WAL.
    public let storedSignerState: SignerState?
    /// The end offset in the WAL of each own message's record, by its sign bytes.
    public let ownRecordEnd: [[UInt8]: Int]

    /// Reads the WAL of `height` and the signer state from `store`.
    public init(wal log: ConsensusWAL, store: any DurableStore, height: Height,
                signerFileName: String = SignerStateFile.defaultName) throws {
        wal = try log.recover(height: height)
        signerFile = try SignerStateFile(store: store, name: signerFileName)
        storedSignerState = signerFile.last
        var ends: [[UInt8]: Int] = [:]
        for item in wal.entries {
            if case .own(let message) = item.entry { ends[ConsensusWAL.signerState(of: message).signBytes] = item.end }
        }
        ownRecordEnd = ends
    }

    /// Saves the WAL's highest own signer state when the file is behind it.
    public func bringSignerStateUp() throws {
        if let highest = wal.highestOwn, signerFile.last.map({ $0.position < highest.position }) ?? true {
            try signerFile.save(highest)
        }
    }

    /// A state machine guarded by the recovered signer state and own messages.
    public func consensus(config: ConsensusConfig, signer: any Signer,
                          verifier: any SignatureVerifier = DirectVerifier()) throws(ConsensusConfigError) -> Consensus {
        try Consensus(config: config, signer: signer, verifier: verifier, signerState: signerFile.last,
                      recovered: wal.ownSignerStates)
    }

    /// The inputs to replay, in order, with the local time each came with.
    public var inputs: [(event: Event, localTime: Timestamp)] {
        wal.entries.compactMap { item in
            if case .input(let event, let localTime) = item.entry { return (event, localTime) }
            return nil
        }
    }
}
