/// Where a record sits on the chain: the block height and the transaction's index in
/// that block. Positions order every record of the trade chain (R-6.3.1.3) and name it:
/// a correction references the record it supersedes by its position (R-5.1-c).
public struct RecordPosition: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let height: UInt64
    public let index: UInt32

    public init(height: UInt64, index: UInt32) {
        self.height = height
        self.index = index
    }

    /// After every position a chain can hold: "now" for queries.
    public static let latest = RecordPosition(height: .max, index: .max)

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.height, lhs.index) < (rhs.height, rhs.index)
    }

    public var description: String { "\(height).\(index)" }

    /// Refuses a position at or before `last`: the logs here are append-only in chain order.
    static func checkIncreasing(_ position: Self, after last: Self?, field: String) throws {
        guard let last, position <= last else { return }
        throw ModelValidationError(.positionNotIncreasing, field: field,
            rule: "position \(position) must come after the last one appended (\(last)); the log is append-only")
    }
}
