import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// Builders shared by the mempool tests (issue 5 item 4).
enum MempoolFixture {
    /// 2026-01-01T00:00:00Z in milliseconds, the time of vector T1 (docs/encoding.md).
    static let t0: Timestamp = 1_767_225_600_000
    static let skew: Int64 = 600_000

    static func nonce(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 32 - digits.count) + digits
    }

    /// A signed kv "put" whose key is `key`.
    static func transaction(nonce value: UInt64, signer: any Signer = fixedSigner(1), time: Timestamp = t0,
                            chain: String = "cbetc", key: String = "sku", valueBytes: Int = 8) throws -> Transaction {
        try Transaction.sign(chain: chain, contract: "kv", action: "put",
                             payload: ["key": .string(key), "value": .string(String(repeating: "v", count: valueBytes))],
                             nonce: nonce(value), time: time, signer: signer)
    }

    /// The same body with the signature of another body: it cannot verify.
    static func forged(_ transaction: Transaction) throws -> Transaction {
        let other = try Self.transaction(nonce: 0xdead, signer: fixedSigner(9))
        return try Transaction(fields: transaction.fields, signature: other.signature)
    }

    static func mempool(_ configure: (inout MempoolConfig) -> Void = { _ in },
                        profile: CryptoProfile = .standard) throws -> Mempool {
        var config = MempoolConfig()
        configure(&config)
        return try Mempool(config: config, profile: profile, chain: "cbetc")
    }

    static func admitOne(_ mempool: inout Mempool, _ transaction: Transaction, now: Timestamp = t0) -> AdmissionResult {
        let results = mempool.admit([transaction], now: now)
        precondition(results.count == 1, "one result per item")
        return results[0]
    }
}
