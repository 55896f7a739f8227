import TraceLedger

enum NodeConfigFixture {
    static let minimalText = """
    [node]
    name = "node0"

    [[chains]]
    id = "cbetc"
    consensus_key_file = "keys/cbetc-consensus.key.json"
    """

    static let fullText = """
    # two chains, two peers
    [node]
    name = "node0"
    data_dir = "data"
    listen_p2p = "127.0.0.1:26656"
    listen_http = "127.0.0.1:8080"
    tls_key_file = "keys/tls.key.json"
    tls_certificate_file = "keys/tls.crt.pem"
    dial_timeout_ms = 2_000

    [limits]
    transaction_bytes_max = 65536
    block_bytes_max = 4194304
    frame_bytes_max = 8388608 # 8 MiB

    [[chains]]
    id = "cbetc"
    role = "validator"
    genesis_file = "genesis/cbetc.json"
    consensus_key_file = "keys/cbetc-consensus.key.json"

    [[chains]]
    id = "cbeac"
    role = "replica"
    genesis_file = "/etc/crosstrace/cbeac.json"
    data_dir = "/var/lib/crosstrace/cbeac"

    [[peers]]
    name = "node1"
    address = "127.0.0.1:26657"

    [[peers]]
    name = "node2"
    address = "[::1]:26658"
    """

    static var config: NodeConfig {
        (try? NodeConfig.parse(Array(fullText.utf8), home: "/srv/node0"))
            ?? NodeConfig(home: "/", node: NodeSettings(name: "unparsed"), chains: [])
    }
}
