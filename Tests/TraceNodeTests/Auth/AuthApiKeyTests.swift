import Foundation
import Testing
import TraceModel
@testable import TraceNode

/// Issue 6 item 5: API keys stored hashed, scoped to one participant and its roles.
@Suite("API key store")
struct AuthApiKeyTests {
    @Test func issue6_5_createAuthenticateRevokeRoundTrip() throws {
        let home = try AuthTempHome()
        defer { home.remove() }
        let store = try ApiKeyStore(home: home.path)
        let (key, record) = try store.create(AuthFixture.grant(), now: 1_000)
        #expect(key.token.hasPrefix("ctk_" + record.keyId + "_"))
        #expect(key.token.utf8.count == ApiKey.tokenCount)
        #expect(record.roles == [.demandSide, .informationProvider])
        #expect(record.nodeKinds == [.pickupConsolidation, .tallyPicking])

        let principal = try store.authenticate(authorization: "Bearer " + key.token, xApiKey: nil)
        #expect(principal == ApiPrincipal(keyId: record.keyId, participant: AuthFixture.participant,
                                          roles: [.informationProvider, .demandSide], nodeKinds: [.tallyPicking, .pickupConsolidation]))
        #expect(try store.authenticate(authorization: nil, xApiKey: key.token) == principal)
        #expect(try store.authenticate(header: "x-api-key: " + key.token) == principal)
        #expect(try store.authenticate(header: "Authorization:   bearer \(key.token)\t") == principal)

        let revoked = try store.revoke(keyId: record.keyId, now: 2_000)
        #expect(revoked.revoked == 2_000)
        #expect(throws: AuthError(.revokedKey, field: "", rule: "")) { try store.authenticate(key) }
        #expect(throws: AuthError(.revokedKey, field: "", rule: "")) { try store.revoke(keyId: record.keyId, now: 3_000) }
        #expect(throws: AuthError(.unknownKey, field: "", rule: "")) { try store.revoke(keyId: "000000000000", now: 3_000) }
    }

    @Test func issue6_5_wrongSecretAndUnknownKeyAreOneError() throws {
        let home = try AuthTempHome()
        defer { home.remove() }
        let store = try ApiKeyStore(home: home.path)
        let (key, _) = try store.create(AuthFixture.grant(), now: 1)
        var token = Array(key.token.utf8)
        token[30] = token[30] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let wrongSecret = String(decoding: token, as: UTF8.self)
        #expect(throws: AuthError(.unknownKey, field: "", rule: "")) { try store.authenticate(authorization: nil, xApiKey: wrongSecret) }
        let other = ApiKey.generate()
        #expect(throws: AuthError(.unknownKey, field: "", rule: "")) { try store.authenticate(other) }
    }

    @Test func issue6_5_principalAuthorizesOnlyItsRolesAndNodeKinds() throws {
        let principal = ApiPrincipal(keyId: "0123456789ab", participant: AuthFixture.participant,
                                     roles: [.informationUser], nodeKinds: [.portClearance])
        try principal.authorize(role: .informationUser)
        try principal.authorize(nodeKind: .portClearance)
        try principal.authorize(participant: AuthFixture.participant)
        #expect(throws: AuthError(.forbiddenRole, field: "", rule: "")) { try principal.authorize(role: .supervisor) }
        #expect(throws: AuthError(.forbiddenNodeKind, field: "", rule: "")) { try principal.authorize(nodeKind: .manufacturer) }
        #expect(throws: AuthError(.forbidden, field: "", rule: "")) { try principal.authorize(participant: AuthFixture.otherParticipant) }
    }

    @Test func issue6_5_grantsAreChecked() throws {
        let home = try AuthTempHome()
        defer { home.remove() }
        let store = try ApiKeyStore(home: home.path)
        let invalid: [ApiKeyGrant] = [
            ApiKeyGrant(participant: "p256-XYZ", roles: [.demandSide], nodeKinds: []),
            ApiKeyGrant(participant: "rsa-abcd", roles: [.demandSide], nodeKinds: []),
            ApiKeyGrant(participant: AuthFixture.participant, roles: [], nodeKinds: [.manufacturer]),
            ApiKeyGrant(participant: AuthFixture.participant, roles: [.demandSide], nodeKinds: [], label: "a\nb"),
            ApiKeyGrant(participant: AuthFixture.participant, roles: [.demandSide], nodeKinds: [], label: String(repeating: "x", count: 129)),
        ]
        for grant in invalid {
            #expect(throws: AuthError(.invalidScope, field: "", rule: "")) { try store.create(grant, now: 1) }
        }
        #expect(store.list().isEmpty)
        let grant = AuthFixture.grant()
        try grant.check(within: Role.allCases, nodeKinds: NodeKind.allCases)
        #expect(throws: AuthError(.invalidScope, field: "", rule: "")) { try grant.check(within: [.demandSide], nodeKinds: NodeKind.allCases) }
        #expect(throws: AuthError(.invalidScope, field: "", rule: "")) { try grant.check(within: Role.allCases, nodeKinds: [.tallyPicking]) }
    }

    /// The digest comparison takes every byte into account and refuses other lengths.
    @Test func issue6_5_constantTimeEqual() {
        let digest = Array(0..<32).map { UInt8($0) }
        #expect(ConstantTime.equal(digest, digest))
        for index in digest.indices {
            var other = digest
            other[index] ^= 0x01
            #expect(!ConstantTime.equal(digest, other))
        }
        #expect(!ConstantTime.equal(digest, Array(digest.dropLast())))
        #expect(ConstantTime.equal([], []))
    }

    @Test func issue6_5_descriptionsNeverShowTheSecret() throws {
        let home = try AuthTempHome()
        defer { home.remove() }
        let store = try ApiKeyStore(home: home.path)
        let (key, record) = try store.create(AuthFixture.grant(), now: 1)
        let secret = String(key.token.suffix(ApiKey.secretTextCount))
        #expect(!"\(key)".contains(secret))
        #expect(!"\(record)".contains(secret))
        #expect(!"\(try store.authenticate(key))".contains(secret))
        try store.revoke(keyId: record.keyId, now: 2)
        do {
            _ = try store.authenticate(authorization: "Bearer " + key.token, xApiKey: nil)
            Issue.record("a revoked key authenticated")
        } catch {
            #expect(!"\(error)".contains(secret))
        }
    }
}
