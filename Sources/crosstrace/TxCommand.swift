import ArgumentParser
import Foundation
import TraceCrypto
import TraceLedger

/// `crosstrace tx …`: transactions against a node's API (issue 5 item 8, docs/api.md).
struct TxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tx", abstract: "Submit transactions to a node and look them up.",
        subcommands: [TxSubmitCommand.self, TxGetCommand.self])
}

/// Options naming the node and chain.
struct APITarget: ParsableArguments {
    @Option(help: "The node's HTTP API, e.g. http://127.0.0.1:8080.") var url: String
    @Option(help: "The chain id, e.g. cbetc.") var chain: String

    func client() throws -> (APIClient, String) {
        (try APIClient(url: url), try APIClient.segment(chain, option: "--chain"))
    }
}

struct TxSubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Build, sign (with a key file of `crosstrace keys new`) and submit one transaction; print its id.")

    /// Longest `--wait` accepted.
    static let waitSecondsMax = 3_600

    @OptionGroup var target: APITarget
    @Option(help: "Signing key file.") var key: String
    @OptionGroup var passphrase: PassphraseOptions
    @Option(help: "Contract name, e.g. kv.") var contract: String
    @Option(help: "Contract action, e.g. put.") var action: String
    @Option(help: "The payload: a JSON object, e.g. '{\"key\":\"a\",\"value\":\"1\"}'.") var payload: String
    @Flag(help: "Poll until the transaction is committed; print its height, index and receipt.") var wait = false
    @Option(help: "Seconds --wait polls before giving up.") var timeout: Int = 60

    func run() async throws {
        let (client, chain) = try target.client()
        guard (1...Self.waitSecondsMax).contains(timeout) else {
            throw OptionError("--timeout", "must be in 1...\(Self.waitSecondsMax) seconds, is \(timeout)")
        }
        guard payload.utf8.count <= 1 << 20, case .object(let members)? = try? CanonicalJSONParser.parse(Array(payload.utf8)) else {
            throw OptionError("--payload", "must be a JSON object (integers only, at most 1 MiB)")
        }
        let signer = try CLIInput.loadKey(key, passphrase: passphrase).signer
        let nonce = Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255) })
        let time = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        let transaction: Transaction
        do {
            transaction = try Transaction.sign(chain: chain, contract: contract, action: action, payload: members,
                                               nonce: nonce, time: time, signer: signer)
        } catch let error as LedgerError {
            throw OptionError("--\(Self.option(for: error.field))", "\(error.rule) (field '\(error.field)')")
        }
        let answer = try await client.post("/v1/chains/\(chain)/transactions", transaction.wireJSON)
        guard case .string(let id)? = answer[member: "id"] else { throw APIClientError(status: 202, json: answer) }
        print("id=\(id) status=accepted")
        guard wait else { return }
        try await Self.waitCommitted(client, chain: chain, id: id, seconds: timeout)
    }

    /// The option a transaction field comes from.
    static func option(for field: String) -> String {
        ["chain", "contract", "action", "payload"].first { field.hasPrefix($0) } ?? "payload"
    }

    /// Polls `GET …/transactions/{id}` every 200 ms until committed or `seconds` passed.
    static func waitCommitted(_ client: APIClient, chain: String, id: String, seconds: Int) async throws {
        let deadline = Date().addingTimeInterval(TimeInterval(seconds))
        while Date() < deadline {
            let status = try await client.get("/v1/chains/\(chain)/transactions/\(id)")
            if case .string("committed")? = status[member: "status"] {
                let receipt = status[member: "receipt"]
                print("committed height=\(status[member: "height"]?.text ?? "") index=\(status[member: "index"]?.text ?? "")"
                      + " receipt=\(receipt?[member: "name"].map(Self.plain) ?? "") detail=\(receipt?[member: "detail"]?.text ?? "\"\"")")
                return
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw APIClientError(status: 0, code: "timeout", field: "--timeout",
                             message: "transaction \(id) not committed within \(seconds) s")
    }

    static func plain(_ json: CanonicalJSON) -> String {
        if case .string(let text) = json { return text }
        return json.text
    }
}

struct TxGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Print a transaction's status, height, index and receipt as JSON.")

    @OptionGroup var target: APITarget
    @Argument(help: "The transaction id (lowercase hex).") var id: String

    func run() async throws {
        let (client, chain) = try target.client()
        let id = try APIClient.segment(id, option: "ID")
        print(try await client.get("/v1/chains/\(chain)/transactions/\(id)").text)
    }
}
