/// Writing a configuration back as `node.toml` (used by `crosstrace init`).
/// Keys come out in a fixed order; every default is written so the file
/// documents itself.
extension NodeConfig {
    public var tomlText: String {
        var lines = ["# CrossTrace node configuration (docs/operations.md). Paths are relative to this file's directory.", "", "[node]"]
        for key in NodeSettings.stringKeys { lines.append("\(key.name) = \(Self.quoted(node[keyPath: key.path]))") }
        for key in NodeSettings.timeoutKeys { lines.append("\(key.name) = \(node[keyPath: key.path])") }
        lines += ["", "[limits]"]
        for key in NodeLimits.keys {
            lines.append("\(key.name) = \(limits[keyPath: key.path])  # \(key.describe(limits[keyPath: key.path])); \(key.rule)")
        }
        for chain in chains {
            lines += ["", "[[chains]]", "id = \(Self.quoted(chain.id))", "role = \(Self.quoted(chain.role.rawValue))",
                      "genesis_file = \(Self.quoted(chain.genesisFile))"]
            if let keyFile = chain.consensusKeyFile { lines.append("consensus_key_file = \(Self.quoted(keyFile))") }
            if let directory = chain.dataDirectory { lines.append("data_dir = \(Self.quoted(directory))") }
        }
        for peer in peers {
            lines += ["", "[[peers]]", "name = \(Self.quoted(peer.name))", "address = \(Self.quoted(peer.address))"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A TOML basic string: `"` and `\` escaped, control characters as `\uXXXX`.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
