import TraceCrypto

/// Every bound of a node's configuration, checked once at start (STYLE.md #11);
/// the first broken rule is thrown, naming the key.
extension NodeConfig {
    public func validate() throws(ConfigError) {
        try validateNode()
        try validateLimits()
        try validateChains()
        try validatePeers()
    }

    private func validateNode() throws(ConfigError) {
        guard Genesis.isValidName(node.name) else {
            throw ConfigError(.invalidValue, field: "node.name", rule: "1-64 of [A-Za-z0-9._-]")
        }
        for key in NodeSettings.stringKeys where key.name != "name" {
            try Self.checkPath(node[keyPath: key.path], field: "node." + key.name)
        }
        for key in NodeSettings.timeoutKeys where !key.range.contains(node[keyPath: key.path]) {
            throw ConfigError(.outOfBounds, field: "node." + key.name, rule: key.rule)
        }
        try Self.checkAddress(node.listenP2P, field: "node.listen_p2p")
        try Self.checkAddress(node.listenHTTP, field: "node.listen_http")
        guard node.listenP2P != node.listenHTTP else {
            throw ConfigError(.invalidValue, field: "node.listen_http", rule: "must differ from node.listen_p2p")
        }
    }

    private func validateLimits() throws(ConfigError) {
        for key in NodeLimits.keys where !key.range.contains(limits[keyPath: key.path]) {
            throw ConfigError(.outOfBounds, field: "limits." + key.name, rule: key.rule)
        }
        let orders: [(String, Bool, String)] = [
            ("limits.block_bytes_max", limits.blockBytesMax >= limits.transactionBytesMax, "must be at least limits.transaction_bytes_max"),
            ("limits.frame_bytes_max", limits.frameBytesMax > limits.blockBytesMax, "must exceed limits.block_bytes_max (a block travels in one frame)"),
            ("limits.mempool_bytes_max", limits.mempoolBytesMax >= limits.transactionBytesMax, "must be at least limits.transaction_bytes_max"),
            ("limits.http_body_bytes_max", limits.httpBodyBytesMax >= limits.transactionBytesMax, "must be at least limits.transaction_bytes_max"),
            ("limits.batch_bytes_max", limits.batchBytesMax >= limits.httpBodyBytesMax, "must be at least limits.http_body_bytes_max"),
        ]
        for (field, holds, rule) in orders where !holds {
            throw ConfigError(.outOfBounds, field: field, rule: rule)
        }
    }

    private func validateChains() throws(ConfigError) {
        guard (1...Self.chainsMax).contains(chains.count) else {
            throw ConfigError(.invalidValue, field: "chains", rule: "1...\(Self.chainsMax) [[chains]] tables")
        }
        var ids = Set<String>()
        var directories = Set<String>()
        for (index, chain) in chains.enumerated() {
            let field = "chains[\(index)]"
            guard Genesis.isValidChainId(chain.id) else { throw ConfigError(.invalidValue, field: field + ".id", rule: "1-32 of [a-z0-9-]") }
            guard ids.insert(chain.id).inserted else { throw ConfigError(.duplicateKey, field: field + ".id", rule: "chain ids are unique") }
            try Self.checkPath(chain.genesisFile, field: field + ".genesis_file")
            if chain.role == .validator, chain.consensusKeyFile == nil {
                throw ConfigError(.missingKey, field: field + ".consensus_key_file", rule: "required for a validator")
            }
            if let keyFile = chain.consensusKeyFile { try Self.checkPath(keyFile, field: field + ".consensus_key_file") }
            if let directory = chain.dataDirectory { try Self.checkPath(directory, field: field + ".data_dir") }
            guard directories.insert(dataDirectory(of: chain)).inserted else {
                throw ConfigError(.duplicateKey, field: field + ".data_dir", rule: "each chain has its own data directory")
            }
        }
    }

    private func validatePeers() throws(ConfigError) {
        guard peers.count <= Self.peersMax else {
            throw ConfigError(.invalidValue, field: "peers", rule: "at most \(Self.peersMax) [[peers]] tables")
        }
        var names = Set<String>()
        var addresses = Set<String>()
        for (index, peer) in peers.enumerated() {
            let field = "peers[\(index)]"
            guard Genesis.isValidName(peer.name), peer.name != node.name else {
                throw ConfigError(.invalidValue, field: field + ".name", rule: "1-64 of [A-Za-z0-9._-], not this node's name")
            }
            try Self.checkAddress(peer.address, field: field + ".address")
            guard names.insert(peer.name).inserted, addresses.insert(peer.address).inserted else {
                throw ConfigError(.duplicateKey, field: field, rule: "peer names and addresses are unique")
            }
            guard peer.address != node.listenP2P else {
                throw ConfigError(.invalidValue, field: field + ".address", rule: "must not be this node's own listen_p2p")
            }
        }
    }

    /// A non-empty path of at most 4096 bytes without NUL.
    static func checkPath(_ path: String, field: String) throws(ConfigError) {
        guard (1...4096).contains(path.utf8.count), !path.utf8.contains(0) else {
            throw ConfigError(.invalidValue, field: field, rule: "a path of 1-4096 bytes without NUL")
        }
    }

    /// `host:port`: an IPv4 address, a DNS name, or `[IPv6]`; port 1...65535.
    static func checkAddress(_ address: String, field: String) throws(ConfigError) {
        let rule = "host:port with an IPv4 address, a host name or [IPv6], port 1-65535"
        guard address.utf8.count <= 300, let colon = address.lastIndex(of: ":"),
              let port = Int(address[address.index(after: colon)...]), (1...65_535).contains(port) else {
            throw ConfigError(.invalidValue, field: field, rule: rule)
        }
        let host = address[..<colon]
        let isIPv6 = host.hasPrefix("[") && host.hasSuffix("]") && host.count > 2
            && host.dropFirst().dropLast().allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        let isName = !host.isEmpty && host.count <= 253 && host.first != "-" && host.first != "."
            && host.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "." }
        guard isIPv6 || isName else { throw ConfigError(.invalidValue, field: field, rule: rule) }
    }
}
