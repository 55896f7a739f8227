import Foundation
import TraceCrypto
import TraceModel

/// One API key as the store keeps it (issue 6 item 5): the SHA-256 of its
/// secret, never the secret, and the participant, roles and node kinds it is
/// scoped to. Times are milliseconds since the Unix epoch.
public struct ApiKeyRecord: Codable, Sendable, Hashable {
    public let keyId: String
    /// Lowercase hex SHA-256 of the secret bytes.
    public let secretSHA256: String
    /// The membership signer id `<alg>-<hex>` (docs/contracts.md).
    public let participant: String
    public let roles: [Role]
    public let nodeKinds: [NodeKind]
    public let label: String
    public let created: Int64
    public internal(set) var revoked: Int64?

    public var isRevoked: Bool { revoked != nil }

    var principal: ApiPrincipal { ApiPrincipal(keyId: keyId, participant: participant, roles: roles, nodeKinds: nodeKinds) }
}

/// What a new key is scoped to; `check()` validates it before a key is made.
public struct ApiKeyGrant: Sendable, Hashable {
    public static let labelCountMax = 128
    public var participant: String
    public var roles: [Role]
    public var nodeKinds: [NodeKind]
    public var label: String

    public init(participant: String, roles: [Role], nodeKinds: [NodeKind], label: String = "") {
        self.participant = participant
        self.roles = Set(roles).sorted()
        self.nodeKinds = NodeKind.allCases.filter(Set(nodeKinds).contains)
        self.label = label
    }

    /// A grant names a well-formed participant, at least one role, and a
    /// label of at most 128 characters without control characters.
    public func check() throws(AuthError) {
        guard ParticipantID.isWellFormed(participant) else {
            throw AuthError(.invalidScope, field: "participant", rule: "a participant id is <alg>-<lowercase hex public key> (docs/contracts.md)")
        }
        guard !roles.isEmpty else { throw AuthError(.invalidScope, field: "roles", rule: "a key carries at least one Table 5 role") }
        guard label.count <= Self.labelCountMax, !label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw AuthError(.invalidScope, field: "label", rule: "at most \(Self.labelCountMax) characters, no control characters")
        }
    }

    /// Refuses roles or node kinds beyond what the participant holds.
    public func check(within roles: [Role], nodeKinds: [NodeKind]) throws(AuthError) {
        if let extra = self.roles.first(where: { !roles.contains($0) }) {
            throw AuthError(.invalidScope, field: "roles", rule: "the participant does not hold role '\(extra.rawValue)'")
        }
        if let extra = self.nodeKinds.first(where: { !nodeKinds.contains($0) }) {
            throw AuthError(.invalidScope, field: "nodeKinds", rule: "the participant does not operate node kind '\(extra.rawValue)'")
        }
    }
}

/// Participant ids as the membership contract names them: the signer's
/// algorithm, `-`, and its public key in lowercase hex (`Participant.signerID`).
public enum ParticipantID {
    public static func of(_ key: PublicKey) -> String { key.algorithm.rawValue + "-" + Hex.encode(key.rawBytes) }

    public static func isWellFormed(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count <= 256, let dash = bytes.firstIndex(of: UInt8(ascii: "-")),
              SignatureAlgorithm(rawValue: String(decoding: bytes[..<dash], as: UTF8.self)) != nil else { return false }
        let hex = bytes[(dash + 1)...]
        return !hex.isEmpty && hex.count % 2 == 0 && hex.allSatisfy(ApiKey.isLowerHex)
    }
}

/// The store file: a version and the records sorted by key id.
struct ApiKeyFile: Codable {
    var version: Int
    var keys: [ApiKeyRecord]

    static let bytesMax = 8 << 20

    func encoded() throws(AuthError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else {
            throw AuthError(.storage, field: "api-keys.json", rule: "cannot encode the key store")
        }
        return Array(data) + [0x0a]
    }

    static func decode(_ bytes: [UInt8], path: String) throws(AuthError) -> ApiKeyFile {
        guard let file = try? JSONDecoder().decode(ApiKeyFile.self, from: Data(bytes)), file.version == 1 else {
            throw AuthError(.corruptStore, field: path, rule: "not a version 1 API key store (JSON with 'version' and 'keys')")
        }
        var seen = Set<String>()
        for record in file.keys {
            guard record.keyId.utf8.count == ApiKey.keyIdCount, record.keyId.utf8.allSatisfy(ApiKey.isLowerHex),
                  record.secretSHA256.utf8.count == 64, record.secretSHA256.utf8.allSatisfy(ApiKey.isLowerHex),
                  seen.insert(record.keyId).inserted else {
                throw AuthError(.corruptStore, field: path, rule: "a record has a malformed or repeated keyId or secretSHA256")
            }
        }
        return file
    }
}
