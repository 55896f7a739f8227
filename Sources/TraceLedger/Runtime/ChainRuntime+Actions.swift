import TraceConsensus
import TraceCrypto

/// The state machine's actions, performed in order.
extension ChainRuntime {
    func perform(_ actions: [Action]) throws {
        for action in actions {
            switch action {
            case .persistThenSend(let record, let messages):
                try persist(record)
                for message in messages { outbound(.consensus(message)) }
            case .send(let messages):
                for message in messages { outbound(.consensus(message)) }
            case .scheduleTimeout(let timeout, let milliseconds):
                clock.schedule(timeout, afterMilliseconds: milliseconds)
            case .validateBlock(let block):
                validate(block)
            case .decide(let block, let certificate):
                try decide(block, certificate)
            case .reportEvidence:
                continue
            case .requestBlock(let height, let round, let id):
                outbound(.requestBlock(height, round, id))
            case .requestDecision(let height):
                outbound(.requestDecisions(height, count: RuntimeMessage.decisionsMax))
            }
        }
    }

    /// The verdict follows at once — except during a WAL replay, where the
    /// verdict logged with its original local time is the one to replay: a
    /// vote derived from a fresh verdict would carry today's time, differ
    /// from the vote already signed, and be refused by the signer guard,
    /// leaving the node without its own vote (every validator at once when
    /// the whole network restarts). Verdicts the WAL lacks follow the replay.
    func validate(_ block: ConsensusBlock) {
        if replaying {
            replayValidations.append(block)
        } else {
            pending.append((.blockValidated(block.id, valid: isValid(block)), nil))
        }
    }

    /// The own message is durable before it leaves: WAL record appended and
    /// synced, then the signer state file. A message the WAL already holds
    /// (signed again during a replay) is durable already.
    func persist(_ record: PersistRecord) throws {
        let key = record.signerState.signBytes
        guard ownRecordEnd[key] == nil else { return }
        guard let signerFile else {
            throw DurabilityError(.io, file: SignerStateFile.defaultName, operation: "save", rule: "not loaded")
        }
        let end = try wal.appendOwnAndSync(record.ownMessage)
        try signerFile.save(record.signerState)
        ownRecordEnd[key] = end
    }

    /// valid(v): the payload is a ledger block of this chain that is exactly
    /// the consensus block, well formed, signed for by this height's
    /// validators after the applied block, and whose re-execution on the
    /// applied state gives its state root.
    func isValid(_ block: ConsensusBlock) -> Bool {
        guard let ledger = try? ledgerBlock(block), ledger.header.chain == setup.chain,
              ledger.transactions.count <= setup.blockTransactionsMax,
              (try? ledger.header.checkSigners(validators: setup.validators, previousValidators: setup.validators,
                                               previousBlockHash: appliedBlockHash, profile: setup.profile,
                                               verifier: verifier)) != nil,
              let preview = try? store.preview(ledger.transactions, time: ledger.header.time) else { return false }
        return preview.stateRoot == ledger.header.stateRoot
    }

    /// The ledger block a consensus block carries, checked against it.
    /// The last block read is kept: a height reads the same block to validate
    /// it and to commit it (the proposer: to build it and to commit it).
    func ledgerBlock(_ block: ConsensusBlock) throws(LedgerError) -> Block {
        if let decoded = lastDecoded, decoded.consensus == block { return decoded.ledger }
        let ledger = try Block(consensusPayload: block.payload, known: { self.mempool.transaction(wire: $0) })
        try ledger.checkStructure(hasher: setup.profile.merkleHasher)
        guard ledger.matches(block, setup.profile.hash) else {
            throw LedgerError(.invalidField, field: "block", rule: "the consensus block's fields and id are the ledger block's")
        }
        lastDecoded = (block, ledger)
        return ledger
    }

    /// The hash of the applied block (`nil` before height 1).
    var appliedBlockHash: [UInt8]? { previous?.block.id.hash }

    /// The decision is durable first (so a crash before the commit finds it),
    /// then the block commits with its state, the mempool forgets its
    /// transactions, the WAL starts over and the next height begins (after
    /// the minimum block interval, `beginNextHeight`).
    func decide(_ block: ConsensusBlock, _ certificate: CommitCertificate) throws {
        guard block.height.rawValue == store.appliedHeight + 1 else { return }
        let ledger = try ledgerBlock(block)
        let decision = PreviousBlock(block: block, certificate: certificate)
        try decisionFile.save(decision)
        try store.commit(ledger)
        previous = decision
        mempool.remove(committed: ledger.transactions, now: clock.now())
        try wal.reset()
        ownRecordEnd = [:]
        try beginNextHeight()
    }

    /// The next height, BFT time from the previous certificate. This
    /// node's block from the mempool is built now only if it proposes
    /// round 0; otherwise it starts with an empty block and builds its real
    /// one when a timeout shows a round failing (`fillPayloadBeforeTimeout`).
    func heightStart() throws(LedgerError) -> HeightStart {
        let height = Height(store.appliedHeight + 1)
        payloadIsFull = proposes(height: height, round: Round(0))
        let consensus = try ownBlock(payloadIsFull ? reap() : [])
        return HeightStart(height: height, validators: setup.validators, previous: previous,
                           genesisTime: setup.genesisTime, payload: consensus.payload, identity: identity)
    }

    /// Before a timeout of the current height reaches consensus, a node
    /// that started with an empty block gives consensus its real one, so it
    /// has it should it propose a later round.
    func fillPayloadBeforeTimeout(_ timeout: Timeout) {
        guard !payloadIsFull, nextHeightAt == nil, let core, timeout.height == core.height else { return }
        payloadIsFull = true
        do {
            let consensus = try ownBlock(reap())
            pending.append((.updatePayload(core.height, consensus.payload), nil))
        } catch {
            failure = error
        }
    }

    /// Whether this node proposes (`height`, `round`).
    func proposes(height: Height, round: Round) -> Bool {
        var rotation = ProposerRotation(setup.validators)
        return setup.validators.index(of: signer.publicKey) == rotation.proposer(height: height, round: round)
    }

    private func reap() -> [Transaction] {
        mempool.reap(maxBytes: setup.reapBytesMax, maxCount: setup.blockTransactionsMax)
    }

    /// This node's block of `transactions` at the next height, kept as the
    /// last decoded block (the proposer commits it without decoding it).
    private func ownBlock(_ transactions: [Transaction]) throws(LedgerError) -> ConsensusBlock {
        let validators = setup.validators
        let time = previous.map { $0.certificate.medianTime(validators) } ?? setup.genesisTime
        let block = try store.makeBlock(transactions, time: time, proposer: signer.publicKey,
                                        validatorSetHash: validators.hash(setup.profile.hash),
                                        lastCommit: previous?.certificate)
        let consensus = block.consensusBlock(setup.profile.hash)
        lastDecoded = (consensus, block)
        return consensus
    }
}
