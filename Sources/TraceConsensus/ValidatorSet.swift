import TraceCrypto

/// One bookkeeping node of the alliance chain with its voting power.
public struct Validator: Hashable, Sendable {
    public let publicKey: PublicKey
    public let power: VotingPower
    public init(publicKey: PublicKey, power: VotingPower) {
        self.publicKey = publicKey
        self.power = power
    }
}

/// Why a validator set or a consensus configuration was refused. Equality is on `code` only.
public struct ConsensusConfigError: Error, Hashable, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case emptyValidatorSet, tooManyValidators, zeroPower, totalPowerTooLarge, duplicateKey, badTimeout
    }
    public let code: Code
    public let field: String
    public let rule: String
    public init(code: Code, field: String, rule: String) {
        self.code = code
        self.field = field
        self.rule = rule
    }
    public var description: String { "consensus config: \(code.rawValue) in '\(field)': \(rule)" }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}

/// The validators of one height, in index order; all thresholds are in voting
/// power with integer arithmetic.
public struct ValidatorSet: Hashable, Sendable {
    public static let countMax = 1_000
    public static let totalPowerMax: UInt64 = 1 << 40
    public let validators: [Validator]
    public let totalPower: UInt64

    public init(_ validators: [Validator]) throws(ConsensusConfigError) {
        guard !validators.isEmpty else {
            throw ConsensusConfigError(code: .emptyValidatorSet, field: "validators", rule: "at least one validator")
        }
        guard validators.count <= Self.countMax else {
            throw ConsensusConfigError(code: .tooManyValidators, field: "validators", rule: "at most \(Self.countMax)")
        }
        var total: UInt64 = 0
        var keys = Set<PublicKey>()
        for validator in validators {
            guard validator.power.rawValue > 0 else {
                throw ConsensusConfigError(code: .zeroPower, field: "power", rule: "power must be positive")
            }
            guard validator.power.rawValue <= Self.totalPowerMax, total + validator.power.rawValue <= Self.totalPowerMax else {
                throw ConsensusConfigError(code: .totalPowerTooLarge, field: "power", rule: "total at most 2^40")
            }
            guard keys.insert(validator.publicKey).inserted else {
                throw ConsensusConfigError(code: .duplicateKey, field: "publicKey", rule: "keys are unique")
            }
            total += validator.power.rawValue
        }
        self.validators = validators
        self.totalPower = total
    }

    public var count: Int { validators.count }

    /// More than 2/3 of the total voting power: `3·p > 2·total`.
    public func isQuorum(_ power: UInt64) -> Bool { 3 * power > 2 * totalPower }

    /// More than 1/3 of the total voting power (the round skip, line 55): `3·p > total`.
    public func isSkipThreshold(_ power: UInt64) -> Bool { 3 * power > totalPower }

    public func power(of index: Int) -> UInt64 { validators[index].power.rawValue }

    /// The index of the validator holding `key`, if any.
    public func index(of key: PublicKey) -> Int? { validators.firstIndex { $0.publicKey == key } }
}
