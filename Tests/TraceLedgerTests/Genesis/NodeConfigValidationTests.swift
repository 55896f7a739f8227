import Testing
import TraceLedger

/// Every bound `validate()` checks, below and above (issue 5 item 4).
@Suite struct NodeConfigValidationTests {
    struct Bound: CustomTestStringConvertible, Sendable {
        let field: String
        let low: Int64
        let high: Int64
        let path: WritableKeyPath<NodeConfig, Int64> & Sendable
        var testDescription: String { field }
    }

    static let bounds: [Bound] = [
        Bound(field: "limits.transaction_bytes_max", low: 1023, high: (1 << 20) + 1, path: \.limits.transactionBytesMax),
        Bound(field: "limits.block_bytes_max", low: (64 << 10) - 1, high: (64 << 20) + 1, path: \.limits.blockBytesMax),
        Bound(field: "limits.mempool_transactions_max", low: 0, high: 1_000_001, path: \.limits.mempoolTransactionsMax),
        Bound(field: "limits.mempool_bytes_max", low: (1 << 20) - 1, high: (4 << 30) + 1, path: \.limits.mempoolBytesMax),
        Bound(field: "limits.frame_bytes_max", low: (64 << 10) - 1, high: (64 << 20) + 1, path: \.limits.frameBytesMax),
        Bound(field: "limits.http_body_bytes_max", low: 1023, high: (64 << 20) + 1, path: \.limits.httpBodyBytesMax),
        Bound(field: "limits.batch_bytes_max", low: (64 << 10) - 1, high: (256 << 20) + 1, path: \.limits.batchBytesMax),
        Bound(field: "limits.peer_queue_frames_max", low: 15, high: 65_537, path: \.limits.peerQueueFramesMax),
        Bound(field: "node.dial_timeout_ms", low: 99, high: 600_001, path: \.node.dialTimeoutMs),
        Bound(field: "node.handshake_timeout_ms", low: 99, high: 600_001, path: \.node.handshakeTimeoutMs),
        Bound(field: "node.http_request_timeout_ms", low: 99, high: 600_001, path: \.node.httpRequestTimeoutMs),
    ]

    @Test(arguments: bounds) func boundIsEnforced(_ bound: Bound) throws {
        for value in [bound.low, bound.high, -1, Int64.max] {
            var config = NodeConfigFixture.config
            config[keyPath: bound.path] = value
            let error = try #require(throws: ConfigError.self) { try config.validate() }
            #expect(error.code == .outOfBounds && error.field == bound.field, "\(value): \(error)")
            #expect(error.rule.hasPrefix("must be between"))
        }
    }

    struct Rule: CustomTestStringConvertible, Sendable {
        let field: String
        let code: ConfigError.Code
        let change: @Sendable (inout NodeConfig) -> Void
        var testDescription: String { field }
    }

    static let rules: [Rule] = [
        Rule(field: "limits.block_bytes_max", code: .outOfBounds) { $0.limits.transactionBytesMax = 1 << 20; $0.limits.blockBytesMax = 512 << 10 },
        Rule(field: "limits.frame_bytes_max", code: .outOfBounds) { $0.limits.frameBytesMax = $0.limits.blockBytesMax },
        Rule(field: "limits.http_body_bytes_max", code: .outOfBounds) { $0.limits.httpBodyBytesMax = 32 << 10 },
        Rule(field: "limits.batch_bytes_max", code: .outOfBounds) { $0.limits.batchBytesMax = 512 << 10 },
        Rule(field: "node.name", code: .invalidValue) { $0.node.name = "node 0" },
        Rule(field: "node.data_dir", code: .invalidValue) { $0.node.dataDirectory = "" },
        Rule(field: "node.tls_key_file", code: .invalidValue) { $0.node.tlsKeyFile = "a\u{0}b" },
        Rule(field: "node.listen_p2p", code: .invalidValue) { $0.node.listenP2P = "127.0.0.1" },
        Rule(field: "node.listen_p2p", code: .invalidValue) { $0.node.listenP2P = "127.0.0.1:0" },
        Rule(field: "node.listen_http", code: .invalidValue) { $0.node.listenHTTP = "host name:80" },
        Rule(field: "node.listen_http", code: .invalidValue) { $0.node.listenHTTP = $0.node.listenP2P },
        Rule(field: "chains", code: .invalidValue) { $0.chains = [] },
        Rule(field: "chains[1].id", code: .invalidValue) { $0.chains[1].id = "CBEAC" },
        Rule(field: "chains[1].id", code: .duplicateKey) { $0.chains[1].id = "cbetc" },
        Rule(field: "chains[0].consensus_key_file", code: .missingKey) { $0.chains[0].consensusKeyFile = nil },
        Rule(field: "chains[1].data_dir", code: .duplicateKey) { $0.chains[1].dataDirectory = "data/chains/cbetc" },
        Rule(field: "peers[0].name", code: .invalidValue) { $0.peers[0].name = "node0" },
        Rule(field: "peers[1].address", code: .invalidValue) { $0.peers[1].address = "[]:1" },
        Rule(field: "peers[1]", code: .duplicateKey) { $0.peers[1].address = $0.peers[0].address },
        Rule(field: "peers[0].address", code: .invalidValue) { $0.peers[0].address = $0.node.listenP2P },
    ]

    @Test(arguments: rules) func ruleIsEnforced(_ rule: Rule) throws {
        var config = NodeConfigFixture.config
        rule.change(&config)
        let error = try #require(throws: ConfigError.self) { try config.validate() }
        #expect(error.code == rule.code && error.field == rule.field, "\(error)")
    }

    @Test func fixtureIsValid() throws {
        #expect(throws: Never.self) { try NodeConfigFixture.config.validate() }
    }
}
