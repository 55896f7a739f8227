import Foundation
import Testing
import TraceCrypto

/// `crosstrace org init|show` (issue 6 item 5): the organisation's keys in a node home.
@Suite struct OrgCommandTests {
    static func temporaryHome() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("org-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/keys", withIntermediateDirectories: true)
        return path
    }

    static func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test(arguments: [("standard", "p256", "x25519"), ("national", "sm2", "sm2")])
    func issue6_5_orgInitCreatesKeysAndShowPrintsThem(profile: String, alg: String, kind: String) throws {
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let created = try CLI.run(["org", "init", "--home", home, "--profile", profile])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stderr.contains("CROSSTRACE_ORG_PASSPHRASE is unset"))
        let identity = try Self.object(created.stdout)
        let participant = try #require(identity["participant"] as? String)
        #expect(participant.hasPrefix(alg + "-"))
        let encryption = try #require(identity["encryptionKey"] as? [String: Any])
        #expect(encryption["kind"] as? String == kind)

        let keyFile = try KeyFile.parse(Array(try Data(contentsOf: URL(fileURLWithPath: home + "/keys/organisation.key.json"))))
        #expect(participant == keyFile.alg.rawValue + "-" + keyFile.publicKey)
        #expect(try Self.mode(home + "/keys/organisation.key.json") == 0o600)
        #expect(try Self.mode(home + "/keys/organisation-encryption.key.json") == 0o600)

        let shown = try CLI.run(["org", "show", "--home", home])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout == created.stdout)

        let again = try CLI.run(["org", "init", "--home", home])
        #expect(again.status == 1)
        #expect(again.stderr.contains("[organisationExists]"))
        #expect(try CLI.run(["org", "show", "--home", home]).stdout == created.stdout)
    }

    @Test func issue6_5_orgErrorsNameTheFieldAndRule() throws {
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let missing = try CLI.run(["org", "show", "--home", home])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("run 'crosstrace org init'") && missing.stderr.contains("[organisationMissing]"))
        let badProfile = try CLI.run(["org", "init", "--home", home, "--profile", "quantum"])
        #expect(badProfile.status == 1)
        #expect(badProfile.stderr.contains("--profile"))
        let badScheme = try CLI.run(["org", "init", "--home", home, "--profile", "national", "--scheme", "p256"])
        #expect(badScheme.status == 1)
        #expect(badScheme.stderr.contains("[wrongProfile]"))
        #expect(!FileManager.default.fileExists(atPath: home + "/keys/organisation.key.json"))
    }
}
