import TraceConsensus

extension Simulation {
    func handle(_ event: SimEvent) {
        switch event {
        case .deliver(let to, let from, let message):
            let node = nodes[to]
            withNode(node) { try receive(node, from: from, message) }
        case .timer(let id, let incarnation, let timeout):
            let node = nodes[id]
            guard node.incarnation == incarnation else { return }
            withNode(node) { try feed(node, .timeout(timeout)) }
        case .tick(let id, let incarnation):
            let node = nodes[id]
            guard node.incarnation == incarnation else { return }
            withNode(node) {
                try feed(node, .tick)
                if byzantine.contains(node.validatorIndex), options.faults.contains(.flood) { flood(node) }
            }
            if node.isUp { scheduleTick(node) }
        case .validated(let id, let incarnation, let blockID, let valid):
            let node = nodes[id]
            guard node.incarnation == incarnation else { return }
            withNode(node) { try feed(node, .blockValidated(blockID, valid: valid)) }
        case .crash(let id, let delay):
            guard !healed, nodes[id].isUp else { return }
            faultsInjected += 1
            crash(nodes[id], restartAfter: delay)
        case .armDiskCrash(let id, let operations):
            guard !healed, nodes[id].isUp else { return }
            nodes[id].disk.operationsUntilCrash = operations
        case .restart(let id):
            restart(nodes[id])
        case .clockJump(let id, let milliseconds):
            faultsInjected += 1
            nodes[id].clock.offset += milliseconds
        case .submit(let transaction, let target):
            for node in nodes where node.isUp && (target == nil || target == node.id) { node.mempool.insert(transaction) }
        case .heal:
            heal()
        case .livenessCheck(let bound):
            for node in nodes where isCorrect(node) {
                checker.noteLivenessCheck()
                let before = heightsAtHeal[node.id] ?? 0
                if node.chain.count <= before && node.chain.count < options.heights {
                    checker.fail("liveness: node \(node.id) decided no height within \(bound) ms after the heal at \(healTime) ms (docs/consensus.md bound); state \(node.core?.summary ?? "down")")
                }
            }
        }
    }

    private func receive(_ node: SimNode, from: Int, _ message: NetMessage) throws {
        switch message {
        case .consensus(.proposal(let proposal)): try feed(node, .proposal(proposal))
        case .consensus(.vote(let vote)): try feed(node, .vote(vote))
        case .requestBlock(let height, let id):
            if node.core?.height == height, let proposal = node.core?.proposal(for: id) {
                transmit(from: node.id, to: from, .consensus(.proposal(proposal)))
            }
        case .requestDecision(let height):
            let index = Int(height.rawValue) - 1
            if index >= 0, index < node.chain.count { transmit(from: node.id, to: from, .decision(node.chain[index])) }
        case .decision(let decision):
            try feed(node, .decisionReceived(decision.block, decision.certificate))
        }
    }

    /// Faults stop: crashed nodes restart, disks stop crashing, links heal.
    /// Decisions must resume within the liveness bound.
    private func heal() {
        healed = true
        for node in nodes {
            node.disk.operationsUntilCrash = nil
            if !node.isUp { restart(node) }
        }
        let roundAtHeal = nodes.compactMap { isCorrect($0) ? $0.core?.round : nil }.max() ?? Round(0)
        let drift = options.faults.contains(.drift) ? Self.driftMaxPPM : 0
        let bound = LivenessBound.milliseconds(options.consensus, fromRound: roundAtHeal, validators: options.validators,
                                               delta: NetworkModel.healedDelayMax, tick: Self.tickInterval, driftPPM: drift)
        for node in nodes { heightsAtHeal[node.id] = node.chain.count }
        if options.twins < 2 {
            queue.push(now + bound, .livenessCheck(bound: bound))
        }
        endTime = now + bound * Int64(options.heights + 1)
    }
}
