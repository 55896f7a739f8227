import TraceConsensus

/// The seeded fault plan: every allowed fault is drawn with probability 1/2,
/// with its window and strength; windows open in the first quarter of the
/// time before the heal so that they overlap the run.
extension Simulation {
    static let driftMaxPPM: Int64 = 10_000

    func planFaults() {
        healTime = 300 + Int64(rng.next() % 2_000)
        network.healTime = healTime
        queue.push(healTime, .heal)
        planTransactions()
        if options.twins >= 2 { planTwinSides() }
        for fault in FaultKind.allCases.sorted() where options.faults.contains(fault) && rng.next() % 2 == 0 {
            plan(fault, healTime: healTime)
        }
    }

    private func planTransactions() {
        for node in nodes { node.mempool.insert(1_000_000 + UInt64(node.id)) }
        for index in 0..<(options.heights * 3) {
            queue.push(Int64(index) * 100 + Int64(rng.next() % 100), .submit(transaction: UInt64(index + 1), node: nil))
        }
    }

    /// Two twins at n = 4: each side holds one copy of each twin and half of
    /// the correct validators, so each side holds a quorum.
    private func planTwinSides() {
        var sides: [Set<Int>] = [[], []]
        var flip = 0
        for node in nodes {
            if byzantine.contains(node.validatorIndex) {
                sides[node.id < options.validators ? 0 : 1].insert(node.id)
            } else {
                sides[flip].insert(node.id)
                flip = 1 - flip
            }
        }
        network.permanentSides = sides
        faultsInjected += 1
    }

    private func window(_ healTime: Int64) -> Window {
        let start = Int64(rng.next() % UInt64(healTime / 4))
        return Window(start: start, end: start + Int64(rng.next() % UInt64(healTime - start + 1)))
    }

    private func randomSide() -> Set<Int> {
        var side = Set(nodes.map(\.id).filter { _ in rng.next() % 2 == 0 })
        if side.isEmpty { side.insert(0) }
        return side
    }

    private func plan(_ fault: FaultKind, healTime: Int64) {
        faultsInjected += 1
        switch fault {
        case .delay: network.slow.append((window(healTime), 50 + Int64(rng.next() % 250)))
        case .loss: network.lossy.append((window(healTime), 5 + rng.next() % 30))
        case .duplicate: network.duplicating.append((window(healTime), 5 + rng.next() % 20))
        case .reorder: network.jitter.append((window(healTime), 20 + Int64(rng.next() % 150)))
        case .partition: network.partitions.append((window(healTime), randomSide(), true))
        case .asymmetric: network.partitions.append((window(healTime), randomSide(), false))
        case .isolateProposer: network.isolateProposer.append(window(healTime))
        case .flap:
            let a = Int(rng.next() % UInt64(nodes.count)), b = (a + 1) % nodes.count
            network.flapping.append((window(healTime), a, b, 30 + Int64(rng.next() % 200)))
        case .drift:
            for node in nodes {
                node.clock.driftPPM = Int64(rng.next() % UInt64(2 * Self.driftMaxPPM + 1)) - Self.driftMaxPPM
            }
        case .jump:
            let node = Int(rng.next() % UInt64(nodes.count))
            queue.push(Int64(rng.next() % UInt64(healTime / 2)), .clockJump(node: node, milliseconds: Int64(rng.next() % 6_000) - 3_000))
        case .crash:
            let node = Int(rng.next() % UInt64(nodes.count))
            let at = Int64(rng.next() % UInt64(healTime / 2))
            queue.push(at, .crash(node: node, restartAfter: 50 + Int64(rng.next() % 800)))
        case .crashWrite:
            let node = Int(rng.next() % UInt64(nodes.count))
            queue.push(Int64(rng.next() % UInt64(healTime / 4)), .armDiskCrash(node: node, operations: 1 + Int(rng.next() % 40)))
        case .equivocate, .doubleVote, .flood:
            if byzantine.isEmpty { faultsInjected -= 1 }
        }
    }
}
