import TraceConsensus
import TraceCrypto

/// What comes in from clients and peers.
extension ChainRuntime {
    /// Admits client transactions into the mempool; one result per
    /// transaction, in order. The admitted ones are gossiped to peers.
    public func submit(_ transactions: [Transaction]) -> [AdmissionResult] {
        let results = mempool.admit(transactions, now: clock.now())
        var admitted: [Transaction] = []
        for (transaction, result) in zip(transactions, results) where result.rejection == nil {
            admitted.append(transaction)
        }
        gossip(admitted)
        if transactionsWait { startWaitingHeight() }
        return results
    }

    /// Takes a peer's message; returns the replies for that peer.
    @discardableResult
    public func receive(_ message: RuntimeMessage) -> [RuntimeMessage] {
        switch message {
        case .consensus(let signed):
            if holdIfWaiting(signed) { return [] }
            switch signed {
            case .proposal(let proposal): enqueue(.proposal(proposal), localTime: nil)
            case .vote(let vote): enqueue(.vote(vote), localTime: nil)
            }
        case .decision(let block, let certificate):
            acceptDecisions([PreviousBlock(block: block, certificate: certificate)])
        case .decisions(let decisions):
            acceptDecisions(decisions)
        case .transactions(let transactions):
            admitGossiped(transactions)
        case .requestBlock(let requested, _, let id):
            guard let core, core.height == requested, let proposal = core.proposal(for: id) else { return [] }
            return [.consensus(.proposal(proposal))]
        case .requestDecision(let requested):
            guard let decision = try? decision(at: requested.rawValue) else { return [] }
            return [.decision(decision.block, decision.certificate)]
        case .requestDecisions(let from, let count):
            let decisions = self.decisions(from: from.rawValue, count: count)
            return decisions.isEmpty ? [] : [.decisions(decisions)]
        }
        return []
    }

    /// Transaction gossip: the admitted transactions in batches of at most
    /// `RuntimeMessage.transactionsMax` and about `setup.gossipBytesMax` bytes.
    func gossip(_ transactions: [Transaction]) {
        var batch: [Transaction] = []
        var bytes = 0
        for transaction in transactions {
            let size = transaction.wireBytes.count
            if !batch.isEmpty, batch.count == RuntimeMessage.transactionsMax || bytes + size > setup.gossipBytesMax {
                outbound(.transactions(batch))
                (batch, bytes) = ([], 0)
            }
            batch.append(transaction)
            bytes += size
        }
        if !batch.isEmpty { outbound(.transactions(batch)) }
    }

    /// A peer's gossip: admitted like a client's (every check, signatures
    /// included); refusals — duplicates above all — are silent, and nothing
    /// is passed on (every validator gossips only what its clients gave it).
    func admitGossiped(_ transactions: [Transaction]) {
        guard !transactions.isEmpty, transactions.count <= RuntimeMessage.transactionsMax else { return }
        let results = mempool.admit(transactions, now: clock.now())
        gossipedAdmitted += results.filter { $0.rejection == nil }.count
        if transactionsWait { startWaitingHeight() }
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
