import ArgumentParser
import Foundation
import TraceCrypto
import TraceModel
import TraceNode

/// `crosstrace apikey …`: API keys of the organisation's users and machine
/// clients, stored hashed in `<home>/auth/api-keys.json` (issue 6 item 5).
struct ApiKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey", abstract: "Create, list and revoke API keys of a node home's organisation.",
        subcommands: [ApiKeyCreateCommand.self, ApiKeyListCommand.self, ApiKeyRevokeCommand.self])

    static var nowMs: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    static func json(_ record: ApiKeyRecord) -> [String: CanonicalJSON] {
        var members: [String: CanonicalJSON] = [
            "keyId": .string(record.keyId),
            "participant": .string(record.participant),
            "roles": .array(record.roles.map { .string($0.rawValue) }),
            "nodeKinds": .array(record.nodeKinds.map { .string($0.rawValue) }),
            "label": .string(record.label),
            "created": .integer(record.created),
        ]
        if let revoked = record.revoked { members["revoked"] = .integer(revoked) }
        return members
    }

    /// A comma-separated list of raw values; an unknown one names the field and the allowed values.
    static func list<T: RawRepresentable & CaseIterable>(_ text: String, field: String, as _: T.Type) throws -> [T] where T.RawValue == String {
        let names = text.split(separator: ",", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
        return try names.map { name in
            guard let value = T(rawValue: name) else {
                throw AuthError(.invalidScope, field: field, rule: "'\(name.prefix(64))' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return value
        }
    }
}

struct ApiKeyCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an API key for the organisation (run 'org init' first); prints the key once.")

    @Option(help: "Node home directory.") var home: String
    @Option(help: "Table 5 roles, comma-separated (demandSide, informationProvider, traceServiceProvider, informationUser, supervisor).")
    var roles: String
    @Option(help: "Node kinds (R-6.2.2) the key may act as, comma-separated; empty for none.") var nodeKinds: String = ""
    @Option(help: "A label for people (at most 128 characters).") var label: String = ""

    func run() throws {
        try OrgCommand.reportingAuthErrors {
            let participant = try OrganisationKeys.publicIdentity(home: home).participantId
            let grant = ApiKeyGrant(participant: participant, roles: try ApiKeyCommand.list(roles, field: "--roles", as: Role.self),
                                    nodeKinds: try ApiKeyCommand.list(nodeKinds, field: "--node-kinds", as: NodeKind.self), label: label)
            let store = try ApiKeyStore(home: home)
            let (key, record) = try store.create(grant, now: ApiKeyCommand.nowMs)
            var members = ApiKeyCommand.json(record)
            members["key"] = .string(key.token)
            try CLIOutput.printJSON(members)
            CLIInput.warn("the key is shown only now; the node keeps only its SHA-256")
        }
    }
}

struct ApiKeyListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List API keys, one JSON object a line, sorted by key id (never the secrets).")

    @Option(help: "Node home directory.") var home: String

    func run() throws {
        try OrgCommand.reportingAuthErrors {
            for record in try ApiKeyStore(home: home).list() { try CLIOutput.printJSON(ApiKeyCommand.json(record)) }
        }
    }
}

struct ApiKeyRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke an API key; it never authenticates again.")

    @Option(help: "Node home directory.") var home: String
    @Argument(help: "The key id (12 hex digits).") var keyId: String

    func run() throws {
        try OrgCommand.reportingAuthErrors {
            let record = try ApiKeyStore(home: home).revoke(keyId: keyId, now: ApiKeyCommand.nowMs)
            try CLIOutput.printJSON(ApiKeyCommand.json(record))
        }
    }
}
