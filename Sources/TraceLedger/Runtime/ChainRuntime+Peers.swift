import TraceConsensus
import TraceCrypto

/// What comes in from clients and peers.
extension ChainRuntime {
    /// Admits client transactions into the mempool; one result per transaction, in order.
    public func submit(_ transactions: [Transaction]) -> [AdmissionResult] {
        mempool.admit(transactions, now: clock.now())
    }

    /// Takes a peer's message; returns the replies for that peer.
    @discardableResult
    public func receive(_ message: RuntimeMessage) -> [RuntimeMessage] {
        switch message {
        case .consensus(.proposal(let proposal)):
            enqueue(.proposal(proposal), localTime: nil)
        case .consensus(.vote(let vote)):
            enqueue(.vote(vote), localTime: nil)
        case .decision(let block, let certificate):
            // A payload that is not this ledger block is dropped here: once
            // decided, a block that cannot be committed would stop the runtime.
            if block.height == height, (try? ledgerBlock(block)) != nil {
                enqueue(.decisionReceived(block, certificate), localTime: nil)
            }
        case .requestBlock(let requested, _, let id):
            guard let core, core.height == requested, let proposal = core.proposal(for: id) else { return [] }
            return [.consensus(.proposal(proposal))]
        case .requestDecision(let requested):
            guard let decision = try? decision(at: requested.rawValue) else { return [] }
            return [.decision(decision.block, decision.certificate)]
        }
        return []
    }

    /// The decided block of `height` with its certificate: the kept decision
    /// for the applied height, otherwise the stored block and the certificate
    /// the next block carries.
    public func decision(at height: UInt64) throws(LedgerError) -> PreviousBlock? {
        if let previous, previous.block.height.rawValue == height { return previous }
        guard height < store.appliedHeight, let block = try store.block(at: height),
              let certificate = try store.block(at: height + 1)?.header.lastCommit else { return nil }
        return PreviousBlock(block: block.consensusBlock(setup.profile.hash), certificate: certificate)
    }

    /// The signer state last saved (for checks across restarts).
    public var signerState: SignerState? { signerFile?.last }
}
