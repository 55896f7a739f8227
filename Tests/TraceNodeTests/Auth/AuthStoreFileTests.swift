import Foundation
import Testing
import TraceNode

/// Issue 6 item 5: the key store file — 0600, no secrets, durable, and clear errors when damaged.
@Suite("API key store file")
struct AuthStoreFileTests {
    @Test func issue6_5_fileIs0600AndHoldsNoSecret() throws {
        let home = try AuthTempHome()
        defer { home.remove() }
        let store = try ApiKeyStore(home: home.path)
        var tokens: [String] = []
        for index in 0..<5 {
            var grant = AuthFixture.grant()
            grant.label = "client \(index)"
            tokens.append(try store.create(grant, now: Int64(index)).key.token)
        }
        #expect(try home.permissions(home.storePath) == 0o600)
        #expect(try home.permissions(home.path + "/auth") == 0o700)
        let text = try String(contentsOfFile: home.storePath, encoding: .utf8)
        for token in tokens {
            let secret = String(token.suffix(ApiKey.secretTextCount))
            #expect(!text.contains(secret))
            #expect(!text.contains(token))
            let digest = try ApiKey.parse(token).secretDigest.map { String(format: "%02x", $0) }.joined()
            #expect(text.contains(digest))
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: home.path + "/auth")
        #expect(leftovers == ["api-keys.json"])
    }

    @Test func issue6_5_storeSurvivesReopen() throws {
        let home = try AuthTempHome()
        defer { home.remove() }
        let first = try ApiKeyStore(home: home.path)
        let (kept, keptRecord) = try first.create(AuthFixture.grant(), now: 10)
        let (gone, goneRecord) = try first.create(AuthFixture.grant(AuthFixture.otherParticipant), now: 11)
        try first.revoke(keyId: goneRecord.keyId, now: 12)

        let reopened = try ApiKeyStore(home: home.path)
        #expect(reopened.list() == first.list())
        #expect(reopened.list().map(\.keyId) == [keptRecord.keyId, goneRecord.keyId].sorted())
        #expect(try reopened.authenticate(kept).participant == AuthFixture.participant)
        #expect(throws: AuthError(.revokedKey, field: "", rule: "")) { try reopened.authenticate(gone) }
    }

    @Test func issue6_5_reloadSeesAnotherWriter() throws {
        let home = try AuthTempHome()
        defer { home.remove() }
        let node = try ApiKeyStore(home: home.path)
        let (key, _) = try ApiKeyStore(home: home.path).create(AuthFixture.grant(), now: 1)
        #expect(throws: AuthError(.unknownKey, field: "", rule: "")) { try node.authenticate(key) }
        try node.reload()
        #expect(try node.authenticate(key).participant == AuthFixture.participant)
    }

    @Test(arguments: [
        "", "{", "not json", "[]", "{\"version\":2,\"keys\":[]}", "{\"version\":1}",
        "{\"version\":1,\"keys\":[{\"keyId\":\"zz\"}]}",
        "{\"version\":1,\"keys\":[{\"keyId\":\"0123456789ab\",\"secretSHA256\":\"00\",\"participant\":\"x\",\"roles\":[],\"nodeKinds\":[],\"label\":\"\",\"created\":1}]}",
        "{\"version\":1,\"keys\":[{\"keyId\":\"0123456789ab\",\"secretSHA256\":\"\(String(repeating: "0", count: 64))\",\"participant\":\"x\",\"roles\":[\"king\"],\"nodeKinds\":[],\"label\":\"\",\"created\":1}]}",
    ])
    func issue6_5_corruptStoreIsAClearError(content: String) throws {
        let home = try AuthTempHome()
        defer { home.remove() }
        try FileManager.default.createDirectory(atPath: home.path + "/auth", withIntermediateDirectories: true)
        // An empty file would read as a new store; write a lone space instead.
        try Data((content.isEmpty ? " " : content).utf8).write(to: URL(fileURLWithPath: home.storePath))
        do {
            _ = try ApiKeyStore(home: home.path)
            Issue.record("a corrupt store opened")
        } catch {
            #expect(error.code == .corruptStore)
            #expect(error.description.contains("api-keys.json"))
        }
    }

    @Test func issue6_5_duplicateKeyIdsAreCorrupt() throws {
        let home = try AuthTempHome()
        defer { home.remove() }
        let store = try ApiKeyStore(home: home.path)
        _ = try store.create(AuthFixture.grant(), now: 1)
        var text = try String(contentsOfFile: home.storePath, encoding: .utf8)
        let object = try #require(text.range(of: "\"keys\" : [")).upperBound
        let record = text[object...].prefix(while: { $0 != "}" }) + "},"
        text.insert(contentsOf: record, at: object)
        try Data(text.utf8).write(to: URL(fileURLWithPath: home.storePath))
        #expect(throws: AuthError(.corruptStore, field: "", rule: "")) { try store.reload() }
        #expect(store.list().count == 1)
    }
}
