import Foundation
import Testing
import TraceCrypto

/// `crosstrace apikey create|list|revoke` (issue 6 item 5): keys stored hashed, shown once.
@Suite struct ApiKeyCommandTests {
    static func organisationHome() throws -> (home: String, participant: String) {
        let home = try OrgCommandTests.temporaryHome()
        let created = try CLI.run(["org", "init", "--home", home])
        #expect(created.status == 0, "\(created.stderr)")
        let participant = try #require(try OrgCommandTests.object(created.stdout)["participant"] as? String)
        return (home, participant)
    }

    static func base64URLDecode(_ text: String) -> [UInt8]? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.count % 4 != 0 { standard.append("=") }
        return Data(base64Encoded: standard).map(Array.init)
    }

    @Test func issue6_5_createListRevoke() throws {
        let (home, participant) = try Self.organisationHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let created = try CLI.run(["apikey", "create", "--home", home, "--roles", "informationProvider,demandSide",
                                   "--node-kinds", "tallyPicking", "--label", "scanner 1"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stderr.contains("shown only now"))
        let object = try OrgCommandTests.object(created.stdout)
        let token = try #require(object["key"] as? String)
        let keyId = try #require(object["keyId"] as? String)
        #expect(object["participant"] as? String == participant)
        #expect(object["roles"] as? [String] == ["demandSide", "informationProvider"])
        #expect(object["nodeKinds"] as? [String] == ["tallyPicking"])
        #expect(token.hasPrefix("ctk_\(keyId)_") && token.count == 60)

        let storePath = home + "/auth/api-keys.json"
        #expect(try OrgCommandTests.mode(storePath) == 0o600)
        let stored = try String(contentsOfFile: storePath, encoding: .utf8)
        let secretText = String(token.suffix(43))
        #expect(!stored.contains(secretText))
        let secret = try #require(Self.base64URLDecode(secretText))
        #expect(stored.contains(Hex.encode(HashAlgorithm.sha256.hash(secret))))

        let listed = try CLI.run(["apikey", "list", "--home", home])
        #expect(listed.status == 0)
        #expect(!listed.stdout.contains(secretText))
        let line = try OrgCommandTests.object(listed.stdout)
        #expect(line["keyId"] as? String == keyId && line["label"] as? String == "scanner 1" && line["revoked"] == nil)

        let revoked = try CLI.run(["apikey", "revoke", "--home", home, keyId])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(try OrgCommandTests.object(revoked.stdout)["revoked"] != nil)
        #expect(try OrgCommandTests.object(try CLI.run(["apikey", "list", "--home", home]).stdout)["revoked"] != nil)
        let twice = try CLI.run(["apikey", "revoke", "--home", home, keyId])
        #expect(twice.status == 1 && twice.stderr.contains("[revokedKey]"))
    }

    @Test func issue6_5_createRefusesBadInput() throws {
        let (home, _) = try Self.organisationHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let badRole = try CLI.run(["apikey", "create", "--home", home, "--roles", "king"])
        #expect(badRole.status == 1)
        #expect(badRole.stderr.contains("--roles") && badRole.stderr.contains("[invalidScope]"))
        let badKind = try CLI.run(["apikey", "create", "--home", home, "--roles", "demandSide", "--node-kinds", "spaceport"])
        #expect(badKind.status == 1 && badKind.stderr.contains("--node-kinds"))
        let noRole = try CLI.run(["apikey", "create", "--home", home, "--roles", ","])
        #expect(noRole.status == 1 && noRole.stderr.contains("roles"))
        let unknown = try CLI.run(["apikey", "revoke", "--home", home, "ffffffffffff"])
        #expect(unknown.status == 1 && unknown.stderr.contains("[unknownKey]"))
        #expect(try CLI.run(["apikey", "list", "--home", home]).stdout.isEmpty)
    }

    @Test func issue6_5_createNeedsAnOrganisation() throws {
        let home = try OrgCommandTests.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = try CLI.run(["apikey", "create", "--home", home, "--roles", "demandSide"])
        #expect(result.status == 1 && result.stderr.contains("[organisationMissing]"))
        #expect(!FileManager.default.fileExists(atPath: home + "/auth/api-keys.json"))
    }

    @Test func issue6_5_corruptStoreExitsOne() throws {
        let (home, _) = try Self.organisationHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home + "/auth", withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: home + "/auth/api-keys.json"))
        let result = try CLI.run(["apikey", "list", "--home", home])
        #expect(result.status == 1 && result.stderr.contains("[corruptStore]"))
    }
}
