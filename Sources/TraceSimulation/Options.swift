import TraceConsensus

/// The faults the simulator can inject, by their command-line names.
public enum FaultKind: String, CaseIterable, Sendable, Hashable, Comparable {
    case delay, loss, duplicate, reorder, partition, asymmetric
    case isolateProposer = "isolate-proposer"
    case flap, drift, jump, crash
    case crashWrite = "crash-write"
    case equivocate
    case doubleVote = "double-vote"
    case flood

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public static var byzantine: [FaultKind] { [.equivocate, .doubleVote, .flood] }
}

/// Why simulation options were refused. Equality is on `code` only.
public struct SimulationOptionsError: Error, Hashable, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable { case validators, heights, twins, unknownFault }
    public let code: Code
    public let field: String
    public let rule: String
    public init(code: Code, field: String, rule: String) {
        self.code = code
        self.field = field
        self.rule = rule
    }
    public var description: String { "\(field): \(rule)" }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}

/// One simulated run, fully determined by these values.
public struct SimulationOptions: Hashable, Sendable {
    public static let validatorsMax = 31
    public static let heightsMax = 50
    public var seed: UInt64
    public var validators: Int
    public var heights: Int
    public var faults: Set<FaultKind>
    public var twins: Int
    /// Crash node 0 at its k-th durable-write operation (append, sync,
    /// truncate or atomic write), counted from its first start.
    public var crashAtWrite: Int?
    public var consensus: ConsensusConfig

    public init(seed: UInt64, validators: Int, heights: Int, faults: Set<FaultKind> = [], twins: Int = 0) {
        self.seed = seed
        self.validators = validators
        self.heights = heights
        self.faults = faults
        self.twins = twins
        var config = ConsensusConfig()
        config.timeoutProposeBase = 400
        config.timeoutProposeDelta = 100
        config.timeoutPrevoteBase = 200
        config.timeoutPrevoteDelta = 100
        config.timeoutPrecommitBase = 200
        config.timeoutPrecommitDelta = 100
        self.consensus = config
    }

    /// Parses `--faults`: comma-separated names, `all`, or `none`.
    public static func parseFaults(_ text: String) throws(SimulationOptionsError) -> Set<FaultKind> {
        if text == "all" { return Set(FaultKind.allCases) }
        if text == "none" || text.isEmpty { return [] }
        var faults: Set<FaultKind> = []
        for name in text.split(separator: ",") {
            guard let fault = FaultKind(rawValue: String(name)) else {
                throw SimulationOptionsError(code: .unknownFault, field: "faults",
                                             rule: "unknown fault '\(name)'; known: \(FaultKind.allCases.map(\.rawValue).joined(separator: ","))")
            }
            faults.insert(fault)
        }
        return faults
    }

    public func validate() throws(SimulationOptionsError) {
        guard validators >= 1, validators <= Self.validatorsMax else {
            throw SimulationOptionsError(code: .validators, field: "validators", rule: "1...\(Self.validatorsMax)")
        }
        guard heights >= 1, heights <= Self.heightsMax else {
            throw SimulationOptionsError(code: .heights, field: "heights", rule: "1...\(Self.heightsMax)")
        }
        guard twins >= 0, twins <= validators else {
            throw SimulationOptionsError(code: .twins, field: "twins", rule: "0...validators")
        }
    }
}

/// What a run reports; printed as one JSON object with sorted keys.
public struct SimulationReport: Codable, Hashable, Sendable {
    public var seed: UInt64
    public var validators: Int
    public var heightsDecided: Int
    public var roundsMax: Int
    public var messages: Int
    public var faultsInjected: Int
    public var invariantsChecked: Int
    public var violations: [String]
}
