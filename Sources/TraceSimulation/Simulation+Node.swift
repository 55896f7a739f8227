import TraceConsensus
import TraceCrypto
import TraceLedger

/// The driver: feeds events to a node's state machine and performs its
/// actions in order, durable writes first.
extension Simulation {
    /// Runs `body` for a live node; a crash injected at a durable write takes the node down.
    func withNode(_ node: SimNode, _ body: () throws -> Void) {
        guard node.isUp else { return }
        do {
            try body()
        } catch is SimulatedCrash {
            faultsInjected += 1
            crash(node, restartAfter: 100 + Int64(rng.next() % 500))
        } catch {
            checker.fail("node \(node.id): storage error \(error)")
        }
    }

    func feed(_ node: SimNode, _ event: Event, localTime: Int64? = nil) throws {
        let local = localTime ?? node.clock.local(now)
        guard let actions = node.core?.step(event, localTime: local), let core = node.core else { return }
        if core.lastEventMatters, !node.replaying {
            try node.wal.append(.input(event, localTime: local))
        }
        checker.checkHeight(node: node.id, core.height)
        try perform(node, actions)
    }

    private func perform(_ node: SimNode, _ actions: [Action]) throws {
        for action in actions {
            guard node.isUp else { return }
            switch action {
            case .persistThenSend(let record, let messages):
                try persist(node, record)
                send(node, messages)
            case .send(let messages):
                send(node, messages)
            case .scheduleTimeout(let timeout, let milliseconds):
                queue.push(now + node.clock.simDuration(milliseconds), .timer(node: node.id, incarnation: node.incarnation, timeout))
            case .validateBlock(let block):
                let valid = SimApplication.isValid(block.payload, committed: node.committed)
                queue.push(now + 1, .validated(node: node.id, incarnation: node.incarnation, block.id, valid))
            case .decide(let block, let certificate):
                try commit(node, StoredDecision(block: block, certificate: certificate))
            case .reportEvidence(let evidence):
                checker.noteEvidence(node: node.id, evidence)
            case .requestBlock(let height, _, let id):
                broadcast(node, .requestBlock(height, id))
            case .requestDecision(let height):
                broadcast(node, .requestDecision(height))
            }
        }
    }

    /// Block store first (synced), then the WAL starts over; the next height
    /// starts once the block is applied (a millisecond later).
    func commit(_ node: SimNode, _ decision: StoredDecision) throws {
        if node.chain.count < Int(decision.block.height.rawValue) {
            try node.blockStore.append(decision.encoded())
            try node.blockStore.sync()
            checker.noteCommitted(node: node.id, correct: isCorrect(node), decision, chain: node.chain,
                                  committed: node.committed)
            node.chain.append(decision)
            let transactions = SimApplication.transactions(decision.block.payload) ?? []
            node.committed.formUnion(transactions)
            node.mempool.subtract(transactions)
        }
        try node.wal.reset()
        node.ownRecordEnd = [:]
        node.replaying = false
        queue.push(now + 1, .startHeight(node: node.id, incarnation: node.incarnation))
    }

    func startHeight(_ node: SimNode) throws {
        let start = HeightStart(height: Height(UInt64(node.chain.count + 1)), validators: validatorSet,
                                previous: node.chain.last.map { PreviousBlock(block: $0.block, certificate: $0.certificate) },
                                genesisTime: SimClock().local(0), payload: node.payload())
        try feed(node, .startHeight(start))
    }

    /// Own messages are checked against the disk before they leave; then the
    /// Byzantine hooks (if any) see them.
    func send(_ node: SimNode, _ messages: [SignedMessage]) {
        for message in messages {
            if message.signerIndex == node.validatorIndex, isCorrect(node) {
                checker.checkDurable(node: node.id, message, recordEnd: node.ownRecordEnd[message.signBytes],
                                     durableSize: node.disk.durableSize(node.wal.name))
            }
            checker.noteSent(node: node.id, validator: node.validatorIndex, message)
            if byzantine.contains(node.validatorIndex), misbehave(node, message) { continue }
            broadcast(node, .consensus(message))
        }
    }

    func broadcast(_ node: SimNode, _ message: NetMessage) {
        for peer in nodes where peer.id != node.id { transmit(from: node.id, to: peer.id, message) }
    }

    func transmit(from: Int, to: Int, _ message: NetMessage) {
        messages += 1
        var proposerLink = false
        if case .consensus(let signed) = message, !network.isolateProposer.isEmpty {
            var rotation = ProposerRotation(validatorSet)
            let proposer = rotation.proposer(height: signed.height, round: signed.round)
            proposerLink = nodes[from].validatorIndex == proposer || nodes[to].validatorIndex == proposer
        }
        for delay in network.fate(from: from, to: to, at: now, isProposerLink: proposerLink, rng: &rng) {
            queue.push(now + delay, .deliver(to: to, from: from, message))
        }
    }

    func crash(_ node: SimNode, restartAfter delay: Int64) {
        guard node.isUp else { return }
        node.core = nil
        node.incarnation += 1
        node.mempool = []
        node.signerFile = nil
        node.disk.operationsUntilCrash = nil
        node.disk.crash(using: &rng)
        node.crashedAt = now
        queue.push(now + delay, .restart(node: node.id))
    }

    /// Recovery: the block store, the signer state, then the WAL of the
    /// current height replayed through a fresh state machine.
    func restart(_ node: SimNode) {
        guard !node.isUp else { return }
        node.incarnation += 1
        node.crashedAt = nil
        do {
            node.chain = try node.blockStore.readAll().map { try StoredDecision(decoding: $0.record) }
            checker.checkRecovered(node: node.id, chain: node.chain)
            node.committed = Set(node.chain.flatMap { SimApplication.transactions($0.block.payload) ?? [] })
            let target = Height(UInt64(node.chain.count + 1))
            let recovery = try ConsensusRecovery(wal: node.wal, store: node.disk, height: target)
            try recoverSignerState(node, recovery)
            node.ownRecordEnd = recovery.ownRecordEnd
            node.core = try recovery.consensus(config: options.consensus, signer: node.signer, verifier: verifier)
            scheduleTick(node)
            try replay(node, recovery.wal.entries.map(\.entry), target: target)
        } catch is SimulatedCrash {
            faultsInjected += 1
            if node.isUp {
                crash(node, restartAfter: 200)
            } else {
                node.disk.crash(using: &rng)
                queue.push(now + 200, .restart(node: node.id))
            }
        } catch {
            checker.fail("node \(node.id): recovery failed: \(error)")
        }
    }

    /// The node's own message and its signer state are durable before it
    /// leaves: WAL record synced, then the signer state file. A message the WAL
    /// already holds (asked again during replay) is durable already.
    private func persist(_ node: SimNode, _ record: PersistRecord) throws {
        guard node.ownRecordEnd[record.ownMessage.signBytes] == nil else { return }
        guard let signerFile = node.signerFile else {
            checker.fail("node \(node.id): signing without a loaded signer state")
            return
        }
        let end = try node.wal.appendOwnAndSync(record.ownMessage)
        try signerFile.save(record.signerState)
        node.ownRecordEnd[record.ownMessage.signBytes] = end
    }

    /// Loads the signer state, checks it and the WAL against every message
    /// the node sent before, and brings the file up to the WAL's last own
    /// message (a crash can fall between the WAL sync and the file write).
    private func recoverSignerState(_ node: SimNode, _ recovery: ConsensusRecovery) throws {
        if isCorrect(node) {
            checker.checkRecoveredSigner(node: node.id, height: recovery.wal.height, signerState: recovery.storedSignerState,
                                         walOwn: recovery.wal.ownSignerStates)
        }
        try recovery.bringSignerStateUp()
        node.signerFile = recovery.signerFile
    }

    private func replay(_ node: SimNode, _ entries: [ConsensusWALEntry], target: Height) throws {
        guard !entries.isEmpty else {
            try node.wal.reset()
            try startHeight(node)
            return
        }
        node.replaying = true
        defer { node.replaying = false }
        for entry in entries {
            guard node.replaying, node.isUp, node.core?.height ?? target <= target else { break }
            if case .input(let event, let localTime) = entry { try feed(node, event, localTime: localTime) }
        }
    }

    func scheduleTick(_ node: SimNode) {
        queue.push(now + node.clock.simDuration(Self.tickInterval), .tick(node: node.id, incarnation: node.incarnation))
    }
}
