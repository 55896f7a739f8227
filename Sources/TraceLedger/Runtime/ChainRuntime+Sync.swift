import TraceConsensus
import TraceCrypto

/// Block sync (issue 5 item 4): a node behind asks for a range of decisions
/// (`requestDecisions`, at most `RuntimeMessage.decisionsMax`); each one is
/// checked here before it reaches consensus — the certificate is of that
/// height and block and holds precommits of more than 2/3 of the validators'
/// power with valid signatures, the payload is the ledger block of this
/// chain, and its previous hash is the applied block's — then committed in
/// order. A reply that fails a check is dropped from there on and counted.
extension ChainRuntime {
    /// Decisions of consecutive heights from `height` on: at most `count`
    /// (bounded by `decisionsMax`) and about `setup.syncBytesMax` payload bytes.
    func decisions(from height: UInt64, count: Int) -> [PreviousBlock] {
        var decisions: [PreviousBlock] = []
        var bytes = 0
        var next = height
        while decisions.count < min(max(count, 0), RuntimeMessage.decisionsMax), let decision = try? decision(at: next) {
            guard decisions.isEmpty || bytes + decision.block.payload.count <= setup.syncBytesMax else { break }
            decisions.append(decision)
            bytes += decision.block.payload.count
            next += 1
        }
        return decisions
    }

    /// Commits the checked decisions that extend the applied chain, in order.
    func acceptDecisions(_ decisions: [PreviousBlock]) {
        guard decisions.count <= RuntimeMessage.decisionsMax else {
            refusedDecisions += 1
            return
        }
        catchingUp = true
        defer { catchingUp = false }
        for decision in decisions {
            let level = decision.block.height.rawValue
            guard level > store.appliedHeight else { continue }
            guard level == store.appliedHeight + 1 else { return }
            guard isAcceptable(decision) else {
                refusedDecisions += 1
                return
            }
            startWaitingHeight()
            enqueue(.decisionReceived(decision.block, decision.certificate), localTime: nil)
            guard store.appliedHeight == level, failure == nil else { return }
        }
    }

    /// A synced decision's checks against this chain and the applied block.
    func isAcceptable(_ decision: PreviousBlock) -> Bool {
        let block = decision.block
        let certificate = decision.certificate
        guard certificate.height == block.height, certificate.blockID == block.id,
              certificate.verify(setup.validators, verifier: verifier),
              let ledger = try? ledgerBlock(block), ledger.header.chain == setup.chain,
              ledger.header.height == block.height else { return false }
        return ledger.header.previousBlockHash == appliedBlockHash
    }
}
