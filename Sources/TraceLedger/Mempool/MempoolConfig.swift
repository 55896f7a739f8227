/// The mempool's bounds (issue 5 item 4: "mempool 50,000 transactions or
/// 128 MiB", transaction 64 KiB, client time within ±10 minutes). Checked once,
/// up front, by `validate()` (STYLE.md #11); `Mempool.init` calls it.
public struct MempoolConfig: Hashable, Sendable {
    /// Most transactions held at once.
    public var transactionsMax = 50_000
    /// Most bytes held at once, counted as the transactions' canonical wire bytes.
    public var bytesMax = 128 << 20
    /// Largest transaction admitted, in canonical wire bytes.
    public var transactionBytesMax = 64 << 10
    /// How far a client's time may be from `now`, either way (the window is ±clockSkewMax).
    public var clockSkewMax: Duration = .seconds(600)
    /// Most (signer, nonce) pairs remembered for replay checks. When it is
    /// reached, new transactions are refused as `mempoolFull` rather than
    /// forgetting a pair that is still inside its window.
    public var nonceRecordsMax = 1_000_000
    /// What a `mempoolFull` rejection tells the submitter to wait.
    public var retryAfter: Duration = .seconds(1)

    public init() {}

    /// Limits that keep the configuration meaningful; the first broken one is thrown,
    /// naming its field (`mempool.<name>`) and the rule.
    public func validate() throws(LedgerError) {
        try Self.require(transactionsMax, in: 1...1_000_000, field: "transactionsMax")
        try Self.require(transactionBytesMax, in: 256...(16 << 20), field: "transactionBytesMax")
        try Self.require(bytesMax, in: transactionBytesMax...(16 << 30), field: "bytesMax")
        try Self.require(nonceRecordsMax, in: transactionsMax...50_000_000, field: "nonceRecordsMax")
        try Self.require(clockSkewMax, in: .seconds(1)...(.seconds(86_400)), field: "clockSkewMax")
        try Self.require(retryAfter, in: .seconds(1)...(.seconds(3_600)), field: "retryAfter")
    }

    /// `clockSkewMax` in milliseconds, the unit of `Transaction.time`.
    var clockSkewMilliseconds: Int64 { Self.milliseconds(clockSkewMax) }

    /// `retryAfter` in whole seconds, rounded up (HTTP Retry-After takes seconds).
    var retryAfterSeconds: Int { Int((Self.milliseconds(retryAfter) + 999) / 1000) }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    private static func require<T: Comparable>(_ value: T, in range: ClosedRange<T>, field: String) throws(LedgerError) {
        guard range.contains(value) else {
            throw LedgerError(.invalidField, field: "mempool.\(field)",
                              rule: "must be in \(range.lowerBound)...\(range.upperBound), is \(value)")
        }
    }
}
