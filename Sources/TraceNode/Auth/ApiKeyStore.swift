import Foundation
import TraceCrypto
import TraceLedger

/// The node's API keys at `<home>/auth/api-keys.json` (issue 6 item 5):
/// hashed secrets scoped to one participant, its roles and node kinds.
/// Every change is written atomically (temp file, fsync, rename, directory
/// fsync, through `FileDurableStore`), mode 0600 in a 0700 directory.
/// Safe to share between request handlers; `reload()` picks up keys another
/// process (the CLI) wrote.
public final class ApiKeyStore: @unchecked Sendable {
    public static let directoryName = "auth"
    public static let fileName = "api-keys.json"
    /// Most keys one store holds.
    public static let keysMax = 10_000

    public let path: String
    private let files: FileDurableStore
    private let lock = NSLock()
    private var records: [String: ApiKeyRecord] = [:]

    /// Opens (or starts empty) the store of the node home `home`.
    public init(home: String) throws(AuthError) {
        let directory = home + "/" + Self.directoryName
        path = directory + "/" + Self.fileName
        do {
            files = try FileDurableStore(directory: directory, readBytesMax: ApiKeyFile.bytesMax)
        } catch {
            throw AuthError(.storage, field: directory, rule: "cannot open the key store directory: \(error)")
        }
        try reload()
    }

    /// Re-reads the file.
    public func reload() throws(AuthError) {
        let bytes: [UInt8]
        do {
            bytes = try files.read(Self.fileName)
        } catch {
            throw AuthError(.corruptStore, field: path, rule: "cannot read (at most \(ApiKeyFile.bytesMax) bytes): \(error)")
        }
        let file = try bytes.isEmpty ? ApiKeyFile(version: 1, keys: []) : ApiKeyFile.decode(bytes, path: path)
        lock.withLock { records = Dictionary(uniqueKeysWithValues: file.keys.map { ($0.keyId, $0) }) }
    }

    /// Every record (no secrets), sorted by key id.
    public func list() -> [ApiKeyRecord] {
        lock.withLock { records.values.sorted { $0.keyId < $1.keyId } }
    }

    /// Makes a key for `grant`, stores its digest and returns the key — the
    /// only time its secret exists outside the client.
    public func create(_ grant: ApiKeyGrant, now: Int64) throws(AuthError) -> (key: ApiKey, record: ApiKeyRecord) {
        try grant.check()
        return try locked { () throws(AuthError) -> (key: ApiKey, record: ApiKeyRecord) in
            guard records.count < Self.keysMax else {
                throw AuthError(.invalidScope, field: "keys", rule: "a store holds at most \(Self.keysMax) keys")
            }
            var key = ApiKey.generate()
            for _ in 0..<8 where records[key.keyId] != nil { key = ApiKey.generate() }
            guard records[key.keyId] == nil else { throw AuthError(.storage, field: "keyId", rule: "no free key id found") }
            let record = ApiKeyRecord(keyId: key.keyId, secretSHA256: ApiKey.hex(key.secretDigest), participant: grant.participant,
                                      roles: grant.roles, nodeKinds: grant.nodeKinds, label: grant.label, created: now, revoked: nil)
            var next = records
            next[key.keyId] = record
            try write(next)
            records = next
            return (key, record)
        }
    }

    /// Revokes `keyId` from `now` on; a revoked key never authenticates again.
    @discardableResult
    public func revoke(keyId: String, now: Int64) throws(AuthError) -> ApiKeyRecord {
        try locked { () throws(AuthError) -> ApiKeyRecord in
            guard var record = records[keyId] else {
                throw AuthError(.unknownKey, field: "keyId", rule: Self.isKeyId(keyId) ? "no key \(keyId) in the store" : "a key id is 12 lowercase hex digits")
            }
            guard record.revoked == nil else { throw AuthError(.revokedKey, field: "keyId", rule: "key \(keyId) is already revoked") }
            record.revoked = now
            var next = records
            next[keyId] = record
            try write(next)
            records = next
            return record
        }
    }

    /// The principal of a request, from its `Authorization` and `X-API-Key` header values.
    public func authenticate(authorization: String?, xApiKey: String?) throws(AuthError) -> ApiPrincipal {
        try authenticate(try ApiCredentials.key(authorization: authorization, xApiKey: xApiKey))
    }

    /// The principal of one raw header line (`Authorization: Bearer ctk_…` or `X-API-Key: ctk_…`).
    public func authenticate(header: String) throws(AuthError) -> ApiPrincipal {
        try authenticate(try ApiCredentials.key(headerLine: header))
    }

    /// The principal of `key`: its digest must match in constant time, and the key must not be revoked.
    public func authenticate(_ key: ApiKey) throws(AuthError) -> ApiPrincipal {
        let record = lock.withLock { records[key.keyId] }
        guard let record, let stored = try? Hex.decode(record.secretSHA256),
              ConstantTime.equal(stored, key.secretDigest) else {
            throw AuthError(.unknownKey, field: "apiKey", rule: "no such key, or a wrong secret")
        }
        guard !record.isRevoked else { throw AuthError(.revokedKey, field: "apiKey", rule: "key \(record.keyId) was revoked") }
        return record.principal
    }

    private func locked<T>(_ body: () throws(AuthError) -> T) throws(AuthError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    static func isKeyId(_ text: String) -> Bool {
        text.utf8.count == ApiKey.keyIdCount && text.utf8.allSatisfy(ApiKey.isLowerHex)
    }

    private func write(_ next: [String: ApiKeyRecord]) throws(AuthError) {
        let file = ApiKeyFile(version: 1, keys: next.values.sorted { $0.keyId < $1.keyId })
        let bytes = try file.encoded()
        do {
            try files.writeAtomically(Self.fileName, bytes)
        } catch {
            throw AuthError(.storage, field: path, rule: "cannot write the key store: \(error)")
        }
    }
}
