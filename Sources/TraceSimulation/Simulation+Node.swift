import TraceConsensus
import TraceCrypto

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
            try node.wal.append(ConsensusWALEntry.input(event, localTime: local).encoded())
        }
        checker.checkHeight(node: node.id, core.height)
        try perform(node, actions)
    }

    private func perform(_ node: SimNode, _ actions: [Action]) throws {
        for action in actions {
            guard node.isUp else { return }
            switch action {
            case .persistThenSend(let record, let messages):
                let end = try node.wal.append(ConsensusWALEntry.own(record.ownMessage).encoded())
                try node.wal.sync()
                try node.disk.writeAtomically("signer-state", record.signerState.encoded())
                node.ownRecordEnd[record.ownMessage.signBytes] = end
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

    /// Block store first (synced), then the WAL starts over for the next height.
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
        try node.disk.truncate("wal", to: 0)
        node.ownRecordEnd = [:]
        node.replaying = false
        try startHeight(node)
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
                                     durableSize: node.disk.durableSize("wal"))
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
            let stateBytes = try node.disk.read("signer-state")
            let signerState = stateBytes.isEmpty ? nil : try SignerState(decoding: stateBytes)
            let entries = try node.wal.readAll().map { (try ConsensusWALEntry(decoding: $0.record), $0.end) }
            let target = Height(UInt64(node.chain.count + 1))
            let startIndex = entries.lastIndex { entry in
                if case .input(.startHeight(let start), _) = entry.0 { return start.height == target }
                return false
            }
            let current = startIndex.map { Array(entries[$0...]) } ?? []
            var recovered: [SignerState] = []
            node.ownRecordEnd = [:]
            for (entry, end) in current {
                if case .own(let message) = entry {
                    recovered.append(message.signerState)
                    node.ownRecordEnd[message.signBytes] = end
                }
            }
            node.core = try Consensus(config: options.consensus, signer: node.signer, verifier: verifier,
                                      signerState: signerState, recovered: recovered)
            scheduleTick(node)
            try replay(node, current.map(\.0), target: target)
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

    private func replay(_ node: SimNode, _ entries: [ConsensusWALEntry], target: Height) throws {
        guard !entries.isEmpty else {
            try node.disk.truncate("wal", to: 0)
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
