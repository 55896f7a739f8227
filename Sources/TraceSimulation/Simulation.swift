import TraceConsensus
import TraceCrypto

/// A deterministic cluster: N validators (plus twins) in one process, driven
/// by a seeded event queue in simulated time. The same options give the
/// same run, event for event.
public final class Simulation {
    public static let tickInterval: Int64 = 250
    static let eventsMax = 3_000_000
    static let traceLength = 40

    let options: SimulationOptions
    var rng: SeededGenerator
    var now: Int64 = 0
    var queue = EventQueue()
    var nodes: [SimNode] = []
    let validatorSet: ValidatorSet
    let verifier = CachingVerifier()
    var network = NetworkModel()
    var checker: Checker
    /// Validators that misbehave (hooks, twins); the rest are correct.
    let byzantine: Set<Int>
    var messages = 0
    var faultsInjected = 0
    var healed = false
    /// Faults act before this time; then the network heals and crashed nodes restart.
    var healTime: Int64 = 0
    var heightsAtHeal: [Int: Int] = [:]
    var endTime: Int64 = .max
    var recent: [(Int64, SimEvent)] = []
    var trace: [String] = []
    var nextTransaction: UInt64 = 1

    public init(_ options: SimulationOptions) throws {
        try options.validate()
        self.options = options
        var rng = SeededGenerator(seed: options.seed)
        let signers = try (0..<options.validators).map { index in
            var seedWriter = CanonicalWriter(domain: "crosstrace/sim-key/v1\n")
            seedWriter.writeUInt64(options.seed)
            seedWriter.writeUInt32(UInt32(index))
            return try Ed25519Signer(seed: HashAlgorithm.sha256.hash(seedWriter.bytes))
        }
        let powers = (0..<options.validators).map { _ in options.twins > 0 ? UInt64(1) : 1 + rng.next() % 4 }
        validatorSet = try ValidatorSet(zip(signers, powers).map {
            Validator(publicKey: $0.0.publicKey, power: VotingPower($0.1))
        })
        byzantine = Self.chooseByzantine(options, validatorSet)
        checker = Checker(validators: validatorSet, byzantine: byzantine, verifier: verifier)
        var nodes = signers.indices.map { SimNode(id: $0, validatorIndex: $0, signer: signers[$0]) }
        for (offset, twin) in byzantine.sorted().prefix(options.twins).enumerated() {
            nodes.append(SimNode(id: options.validators + offset, validatorIndex: twin, signer: signers[twin]))
        }
        self.nodes = nodes
        self.rng = rng
        nodes.first?.disk.operationsUntilCrash = options.crashAtWrite
        planFaults()
    }

    /// The Byzantine validators: the weakest ones while they hold less than
    /// 1/3 of the power and number at most f = ⌊(n−1)/3⌋; twins always (two
    /// twins at n = 4 break the bound on purpose: the positive control).
    static func chooseByzantine(_ options: SimulationOptions, _ set: ValidatorSet) -> Set<Int> {
        let wantsHooks = !options.faults.isDisjoint(with: FaultKind.byzantine)
        let order = set.validators.indices.sorted { (set.power(of: $0), $0) < (set.power(of: $1), $1) }
        var chosen: Set<Int> = []
        var power: UInt64 = 0
        for index in order {
            let withinBound = chosen.count < (set.count - 1) / 3 && 3 * (power + set.power(of: index)) < set.totalPower
            guard chosen.count < options.twins || (wantsHooks && withinBound) else { break }
            chosen.insert(index)
            power += set.power(of: index)
        }
        return chosen
    }

    func isCorrect(_ node: SimNode) -> Bool { !byzantine.contains(node.validatorIndex) }

    /// Runs until every correct node has decided `heights` heights, or the
    /// liveness deadline passes.
    public func run() -> SimulationReport {
        for node in nodes { restart(node) }
        var handled = 0
        while let (time, event) = queue.pop(), time <= endTime, handled < Self.eventsMax {
            now = time
            handled += 1
            remember(event)
            handle(event)
            if finished() { break }
        }
        if !finished() && options.twins < 2 {
            let behind = nodes.filter { isCorrect($0) && $0.chain.count < options.heights }.map(\.id)
            checker.fail("liveness: at \(now) ms correct nodes \(behind) had not decided \(options.heights) heights")
        }
        return report()
    }

    private func finished() -> Bool {
        nodes.allSatisfy { !isCorrect($0) || $0.chain.count >= options.heights }
    }

    private func remember(_ event: SimEvent) {
        recent.append((now, event))
        if recent.count > Self.traceLength { recent.removeFirst(recent.count - Self.traceLength) }
        if trace.isEmpty, !checker.violations.isEmpty { trace = recent.map { "\($0.0) ms: \(Self.describe($0.1))" } }
    }

    /// The trace leading to the first violation (the last events before it).
    public var violationTrace: [String] {
        trace.isEmpty && !checker.violations.isEmpty ? recent.map { "\($0.0) ms: \(Self.describe($0.1))" } : trace
    }

    func report() -> SimulationReport {
        let correct = nodes.filter(isCorrect)
        let rounds = correct.flatMap { $0.chain.map { Int($0.certificate.round.rawValue) } }
        return SimulationReport(seed: options.seed, validators: options.validators,
                                heightsDecided: correct.map(\.chain.count).min() ?? 0, roundsMax: rounds.max() ?? 0,
                                messages: messages, faultsInjected: faultsInjected,
                                invariantsChecked: checker.checks, violations: checker.violations)
    }

    static func describe(_ event: SimEvent) -> String {
        switch event {
        case .deliver(let to, let from, let message):
            switch message {
            case .consensus(let signed):
                return "node \(from) -> node \(to): \(signed.kindName) h\(signed.height) r\(signed.round) by validator \(signed.signerIndex)"
            case .requestBlock(let h, let id): return "node \(from) -> node \(to): request block \(id) at h\(h)"
            case .requestDecision(let h): return "node \(from) -> node \(to): request decision h\(h)"
            case .decision(let d): return "node \(from) -> node \(to): decision h\(d.block.height) \(d.block.id)"
            }
        case .timer(let node, _, let t): return "node \(node): timeout \(t.step) h\(t.height) r\(t.round)"
        case .tick(let node, _): return "node \(node): tick"
        case .validated(let node, _, let id, let valid): return "node \(node): block \(id) valid=\(valid)"
        case .crash(let node, _): return "node \(node): crash"
        case .armDiskCrash(let node, let k): return "node \(node): crash at durable write #\(k)"
        case .restart(let node): return "node \(node): restart"
        case .clockJump(let node, let ms): return "node \(node): clock jumps \(ms) ms"
        case .submit(let tx, let node): return "client: transaction \(tx) to \(node.map { "node \($0)" } ?? "all")"
        case .heal: return "network heals"
        case .livenessCheck: return "liveness check"
        }
    }
}
