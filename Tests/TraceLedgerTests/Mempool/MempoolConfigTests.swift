import Testing
import TraceCrypto
@testable import TraceLedger

/// Issue 5 item 4 bounds: defaults and one `validate()` that names the field.
@Suite struct MempoolConfigTests {
    @Test func issue5_4_defaults() throws {
        let config = MempoolConfig()
        #expect(config.transactionsMax == 50_000)
        #expect(config.bytesMax == 128 * 1024 * 1024)
        #expect(config.transactionBytesMax == 64 * 1024)
        #expect(config.clockSkewMax == .seconds(600))
        #expect(config.clockSkewMilliseconds == 600_000)
        try config.validate()
    }

    /// A configuration with `field` out of range.
    static func broken(_ field: String) -> MempoolConfig {
        var config = MempoolConfig()
        switch field {
        case "mempool.transactionsMax": config.transactionsMax = 0
        case "mempool.transactionBytesMax": config.transactionBytesMax = 100
        case "mempool.bytesMax": config.bytesMax = 1_000
        case "mempool.nonceRecordsMax": config.nonceRecordsMax = 10
        case "mempool.clockSkewMax": config.clockSkewMax = .zero
        default: config.retryAfter = .seconds(7_200)
        }
        return config
    }

    @Test(arguments: ["mempool.transactionsMax", "mempool.transactionBytesMax", "mempool.bytesMax",
                      "mempool.nonceRecordsMax", "mempool.clockSkewMax", "mempool.retryAfter"])
    func issue5_4_validateNamesTheField(field: String) {
        let config = Self.broken(field)
        do {
            try config.validate()
            Issue.record("expected \(field) to be refused")
        } catch {
            #expect(error.field == field)
            #expect(error.rule.contains("must be in"))
        }
        #expect(throws: LedgerError(.invalidField, field: "", rule: "")) {
            try Mempool(config: config, profile: .standard, chain: "cbetc")
        }
    }
}
