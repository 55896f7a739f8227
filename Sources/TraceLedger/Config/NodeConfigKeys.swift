/// The integer keys of `node.toml` with their bounds, in one table so that
/// loading, rendering, validation and the docs agree.
struct IntegerKey<Root> {
    let name: String
    let path: WritableKeyPath<Root, Int64>
    let range: ClosedRange<Int64>
    let unit: Unit

    enum Unit { case bytes, count, milliseconds }

    func describe(_ value: Int64) -> String {
        switch unit {
        case .bytes:
            if value >= 1 << 30, value % (1 << 30) == 0 { return "\(value >> 30) GiB" }
            if value >= 1 << 20, value % (1 << 20) == 0 { return "\(value >> 20) MiB" }
            if value >= 1 << 10, value % (1 << 10) == 0 { return "\(value >> 10) KiB" }
            return "\(value) bytes"
        case .count: return "\(value)"
        case .milliseconds: return "\(value) ms"
        }
    }

    var rule: String { "must be between \(describe(range.lowerBound)) and \(describe(range.upperBound))" }
}

extension NodeLimits {
    static var keys: [IntegerKey<NodeLimits>] { [
        IntegerKey(name: "transaction_bytes_max", path: \.transactionBytesMax, range: (1 << 10)...(1 << 20), unit: .bytes),
        IntegerKey(name: "block_bytes_max", path: \.blockBytesMax, range: (64 << 10)...(64 << 20), unit: .bytes),
        IntegerKey(name: "mempool_transactions_max", path: \.mempoolTransactionsMax, range: 1...1_000_000, unit: .count),
        IntegerKey(name: "mempool_bytes_max", path: \.mempoolBytesMax, range: (1 << 20)...(4 << 30), unit: .bytes),
        IntegerKey(name: "frame_bytes_max", path: \.frameBytesMax, range: (64 << 10)...(64 << 20), unit: .bytes),
        IntegerKey(name: "http_body_bytes_max", path: \.httpBodyBytesMax, range: (1 << 10)...(64 << 20), unit: .bytes),
        IntegerKey(name: "batch_bytes_max", path: \.batchBytesMax, range: (64 << 10)...(256 << 20), unit: .bytes),
        IntegerKey(name: "peer_queue_frames_max", path: \.peerQueueFramesMax, range: 16...65_536, unit: .count),
    ] }
}

extension NodeSettings {
    static var timeoutKeys: [IntegerKey<NodeSettings>] { [
        IntegerKey(name: "dial_timeout_ms", path: \.dialTimeoutMs, range: 100...600_000, unit: .milliseconds),
        IntegerKey(name: "handshake_timeout_ms", path: \.handshakeTimeoutMs, range: 100...600_000, unit: .milliseconds),
        IntegerKey(name: "http_request_timeout_ms", path: \.httpRequestTimeoutMs, range: 100...600_000, unit: .milliseconds),
        IntegerKey(name: "block_interval_ms", path: \.blockIntervalMs, range: 0...60_000, unit: .milliseconds),
    ] }

    static var stringKeys: [(name: String, path: WritableKeyPath<NodeSettings, String>)] { [
        ("name", \.name), ("data_dir", \.dataDirectory), ("listen_p2p", \.listenP2P), ("listen_http", \.listenHTTP),
        ("tls_key_file", \.tlsKeyFile), ("tls_certificate_file", \.tlsCertificateFile),
    ] }
}
