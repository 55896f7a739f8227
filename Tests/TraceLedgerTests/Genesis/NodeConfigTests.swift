import Foundation
import Testing
import TraceCrypto
import TraceLedger

/// node.toml: defaults, reading, rendering, and one `validate()` for every
/// bound (issue 5 items 4–5; STYLE.md #11).
@Suite struct NodeConfigTests {
    @Test func defaultsAreTheIssueBounds() throws {
        let config = try NodeConfig.parse(Array(NodeConfigFixture.minimalText.utf8), home: "/srv/n")
        try config.validate()
        #expect(config.limits.transactionBytesMax == 64 * 1024)
        #expect(config.limits.blockBytesMax == 4 * 1024 * 1024)
        #expect(config.limits.mempoolTransactionsMax == 50_000)
        #expect(config.limits.mempoolBytesMax == 128 * 1024 * 1024)
        #expect(config.limits.frameBytesMax == 8 * 1024 * 1024)
        #expect(config.limits.httpBodyBytesMax == 1024 * 1024)
        #expect(config.limits.batchBytesMax == 16 * 1024 * 1024)
        #expect(config.node.listenP2P == "127.0.0.1:26656" && config.node.listenHTTP == "127.0.0.1:8080")
        #expect(config.chains == [ChainSettings(id: "cbetc", role: .validator, genesisFile: "genesis/cbetc.json",
                                                consensusKeyFile: "keys/cbetc-consensus.key.json")])
        #expect(config.dataDirectory(of: config.chains[0]) == "/srv/n/chains/cbetc")
        #expect(config.resolve(config.node.tlsKeyFile) == "/srv/n/keys/tls.key.json")
    }

    @Test func r5_3_1_fullFileReadsEveryKey() throws {
        let config = NodeConfigFixture.config
        try config.validate()
        #expect(config.node.dialTimeoutMs == 2_000)
        #expect(config.chains.map(\.id) == ["cbetc", "cbeac"])
        #expect(config.chains[1].role == .replica && config.chains[1].consensusKeyFile == nil)
        #expect(config.dataDirectory(of: config.chains[0]) == "/srv/node0/data/chains/cbetc")
        #expect(config.dataDirectory(of: config.chains[1]) == "/var/lib/crosstrace/cbeac")
        #expect(config.resolve(config.chains[1].genesisFile) == "/etc/crosstrace/cbeac.json")
        #expect(config.peers == [PeerSettings(name: "node1", address: "127.0.0.1:26657"),
                                 PeerSettings(name: "node2", address: "[::1]:26658")])
    }

    @Test func renderedTextReadsBackEqual() throws {
        var config = NodeConfigFixture.config
        config.node.name = "odd\"name\\"
        let text = config.tomlText
        #expect(try NodeConfig.parse(Array(text.utf8), home: config.home) == config)
    }

    @Test func loadReadsHomeNodeToml() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("nodecfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try Data(NodeConfigFixture.fullText.utf8).write(to: home.appendingPathComponent("node.toml"))
        var expected = NodeConfigFixture.config
        expected.home = home.path
        #expect(try NodeConfig.load(home: home.path) == expected)
        let missing = try #require(throws: ConfigError.self) { try NodeConfig.load(home: home.path + "/none") }
        #expect(missing.code == .unreadable)
    }

    /// Structural errors carry the line and column of the offending key or value.
    @Test(arguments: [
        ("[node]\nname = \"n\"\n[limits]\nframe_size = 1\n", ConfigError.Code.unknownKey, "limits.frame_size", 4, 14),
        ("[node]\nname = 5\n", .wrongType, "node.name", 2, 8),
        ("[node]\nname = \"n\"\n[limits]\nframe_bytes_max = \"8 MiB\"\n", .wrongType, "limits.frame_bytes_max", 4, 19),
        ("[node]\nname = \"n\"\n[mempool]\n", .unknownKey, "mempool", 3, 1),
        ("name = \"n\"\n[node]\n", .unknownKey, "name", 1, 8),
        ("[limits]\n", .missingKey, "node", 0, 0),
        ("[node]\ndata_dir = \"d\"\n", .missingKey, "node.name", 1, 1),
        ("[node]\nname = \"n\"\n[chains]\nid = \"x\"\n", .syntax, "chains", 3, 0),
        ("[node]\nname = \"n\"\n[[chains]]\nid = \"x\"\nrole = \"leader\"\n", .invalidValue, "chains.role", 5, 8),
    ]) func structuralErrors(_ text: String, _ code: ConfigError.Code, _ field: String, _ line: Int, _ column: Int) throws {
        let error = try #require(throws: ConfigError.self) { try NodeConfig.parse(Array(text.utf8), home: "/h") }
        #expect(error.code == code && error.field == field, "\(error)")
        #expect(error.line == line && error.column == column, "\(error)")
    }

    @Test func frameBoundMessageNamesKeyAndRule() throws {
        var config = NodeConfigFixture.config
        config.limits.frameBytesMax = 1 << 30
        let error = try #require(throws: ConfigError.self) { try config.validate() }
        #expect(error.description.contains("limits.frame_bytes_max: must be between 64 KiB and 64 MiB"))
    }
}
