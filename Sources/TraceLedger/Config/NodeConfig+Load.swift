import Foundation
import TraceCrypto

/// Reading `node.toml`: every table and key is known, every value has its
/// type; errors carry the key's line and column. Then `validate()`.
extension NodeConfig {
    /// Reads, parses and validates `<home>/node.toml`.
    /// A relative `home` is taken from the current directory, so resolved paths are absolute.
    public static func load(home: String) throws(ConfigError) -> NodeConfig {
        let home = home.hasPrefix("/") ? home : FileManager.default.currentDirectoryPath + "/" + home
        let path = (home.hasSuffix("/") ? String(home.dropLast()) : home) + "/" + fileName
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ConfigError(.unreadable, field: "file", rule: "cannot open \(path)")
        }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: TOMLParser.sizeMax + 1) else {
            throw ConfigError(.unreadable, field: "file", rule: "cannot read \(path)")
        }
        let config = try parse(Array(data), home: home)
        try config.validate()
        return config
    }

    /// Builds a configuration from TOML text without validating its bounds.
    public static func parse(_ bytes: [UInt8], home: String) throws(ConfigError) -> NodeConfig {
        let document = try TOMLParser.parse(bytes)
        let known = ["", "node", "limits", "chains", "peers"]
        for table in document.tables where !known.contains(table.name) {
            throw ConfigError(.unknownKey, field: table.name, rule: "unknown table", line: table.line, column: 1)
        }
        if let entry = document.tables.first?.entries.first {
            throw ConfigError(.unknownKey, field: entry.key, rule: "keys belong in a table such as [node]", line: entry.line, column: entry.column)
        }
        for name in ["chains", "peers"] where document.table(name) != nil {
            throw ConfigError(.syntax, field: name, rule: "write [[\(name)]], an array of tables", line: document.table(name)?.line ?? 0)
        }
        for name in ["node", "limits"] where !document.arrayTables(name).isEmpty {
            throw ConfigError(.syntax, field: name, rule: "write [\(name)], a single table", line: document.arrayTables(name)[0].line)
        }
        guard let nodeTable = document.table("node") else {
            throw ConfigError(.missingKey, field: "node", rule: "the [node] table is required")
        }
        var reader = TableReader(nodeTable)
        let node = try readNode(&reader)
        let limits = try readLimits(document.table("limits"))
        var chains: [ChainSettings] = []
        for table in document.arrayTables("chains") { chains.append(try readChain(table)) }
        var peers: [PeerSettings] = []
        for table in document.arrayTables("peers") {
            var peer = TableReader(table)
            peers.append(PeerSettings(name: try peer.required("name"), address: try peer.required("address")))
            try peer.finish()
        }
        return NodeConfig(home: home, node: node, limits: limits, chains: chains, peers: peers)
    }

    private static func readNode(_ reader: inout TableReader) throws(ConfigError) -> NodeSettings {
        var node = NodeSettings(name: try reader.required("name"))
        for key in NodeSettings.stringKeys where key.name != "name" {
            if let value = try reader.string(key.name) { node[keyPath: key.path] = value }
        }
        for key in NodeSettings.timeoutKeys {
            if let value = try reader.integer(key.name) { node[keyPath: key.path] = value }
        }
        try reader.finish()
        return node
    }

    private static func readLimits(_ table: TOMLTable?) throws(ConfigError) -> NodeLimits {
        var limits = NodeLimits()
        guard let table else { return limits }
        var reader = TableReader(table)
        for key in NodeLimits.keys {
            if let value = try reader.integer(key.name) { limits[keyPath: key.path] = value }
        }
        try reader.finish()
        return limits
    }

    private static func readChain(_ table: TOMLTable) throws(ConfigError) -> ChainSettings {
        var reader = TableReader(table)
        let id: String = try reader.required("id")
        let roleName = try reader.string("role") ?? NodeRole.validator.rawValue
        guard let role = NodeRole(rawValue: roleName) else {
            let entry = table.entry("role")
            throw ConfigError(.invalidValue, field: "chains.role", rule: "validator or replica", line: entry?.line ?? table.line, column: entry?.column ?? 1)
        }
        let chain = ChainSettings(id: id, role: role, genesisFile: try reader.string("genesis_file") ?? "genesis/\(id).json",
                                  consensusKeyFile: try reader.string("consensus_key_file"), dataDirectory: try reader.string("data_dir"))
        try reader.finish()
        return chain
    }
}

/// Reads one table's keys by name and type, then refuses whatever was not read.
struct TableReader {
    let table: TOMLTable
    private var used: Set<String> = []

    init(_ table: TOMLTable) { self.table = table }

    private func field(_ key: String) -> String { table.name + "." + key }

    private mutating func value(_ key: String) -> TOMLEntry? {
        used.insert(key)
        return table.entry(key)
    }

    mutating func string(_ key: String) throws(ConfigError) -> String? {
        guard let entry = value(key) else { return nil }
        guard case .string(let text) = entry.value else {
            throw ConfigError(.wrongType, field: field(key), rule: "must be a string, not \(entry.value.typeName)", line: entry.line, column: entry.column)
        }
        return text
    }

    mutating func required(_ key: String) throws(ConfigError) -> String {
        guard let text = try string(key) else {
            throw ConfigError(.missingKey, field: field(key), rule: "required", line: table.line, column: 1)
        }
        return text
    }

    mutating func integer(_ key: String) throws(ConfigError) -> Int64? {
        guard let entry = value(key) else { return nil }
        guard case .integer(let number) = entry.value else {
            throw ConfigError(.wrongType, field: field(key), rule: "must be an integer, not \(entry.value.typeName)", line: entry.line, column: entry.column)
        }
        return number
    }

    func finish() throws(ConfigError) {
        for entry in table.entries where !used.contains(entry.key) {
            throw ConfigError(.unknownKey, field: field(entry.key), rule: "unknown key", line: entry.line, column: entry.column)
        }
    }
}
