import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TraceAPI
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel
import TraceNode

/// Issue 6 item 5 (docs/auth.md): the node signs for its organisation's API-key users,
/// checks client-signed transactions against the key's participant, and opens sealed
/// fields in the participant view only for its own organisation.
@Suite(.serialized)
struct TraceAuthTests {
    static func send(_ client: some TestClientProtocol, _ path: String, _ body: [String: CanonicalJSON], key: String?) async throws -> Answer {
        let headers: HTTPFields = key.map { [.authorization: "Bearer \($0)"] } ?? [:]
        return try await client.call(.post, path, body: try CanonicalJSON.object(body).canonicalBytes(), headers: headers).0
    }

    @Test func r7_5_nodeSignsForItsOrganisationAndOpensItsSealedFields() async throws {
        try await withTraceNetwork { network in
            let home = network.root.appendingPathComponent("node0").path
            let organisation = try OrganisationKeys.generate(profile: .standard, algorithm: .ed25519)
            try organisation.save(home: home, passphrase: nil)
            let store = try ApiKeyStore(home: home)
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let writer = try store.create(ApiKeyGrant(participant: organisation.participantId, roles: [.informationProvider],
                                                      nodeKinds: [.manufacturer], label: "line 1"), now: now).key.token
            let reader = try store.create(ApiKeyGrant(participant: organisation.participantId, roles: [.demandSide],
                                                      nodeKinds: [], label: "viewer"), now: now).key.token
            var application = Actors.manufacturer.payload
            application["encryptionKey"] = .object(["kind": .string("x25519"), "key": .string(Hex.encode(organisation.encryptionKey.publicKey.rawBytes))])
            let payload = application
            let app = Application(router: network.api.makeRouter())
            try await app.test(.router) { client in
                let applied = try await Self.send(client, "/v1/participants/applications?wait=true", payload, key: writer)
                #expect(applied.status == .created, "\(applied.json)")
                let verified = try await TraceRoutesTests.post(client, "/v1/participants/\(organisation.participantId)/verification",
                                                               "membership", "verify", ["participant": .string(organisation.participantId)],
                                                               by: Actors.verifier)
                #expect(verified.status == .created, "\(verified.json)")
                let code = Actors.unit("ORG-1")
                let issued = try await Self.send(client, "/v1/codes?wait=true", ["code": .string(code), "mode": .string("manufacturer")], key: writer)
                #expect(issued.status == .created, "\(issued.json)")

                var data = Actors.production
                let secret = "Li Lei +86 138 0000 0000"
                let sealed = try SealedValue.seal(try CanonicalJSON.string(secret).canonicalBytes(),
                                                  for: [organisation.participantId: organisation.encryptionKey.publicKey], scheme: .x25519AESGCM,
                                                  associatedData: SealedFields.associatedData(traceCode: code, item: .productProduction, field: "contact"))
                data["contact"] = SealedFields.envelope(sealed)
                let recorded = try await Self.send(client, "/v1/records?wait=true", Actors.record(.productProduction, key: code, data: data), key: writer)
                #expect(recorded.status == .created, "\(recorded.json)")

                let (participantView, participantBytes) = try await client.call(.get, "/v1/traces/\(code.pathSegment)?view=participant",
                                                                                headers: [.authorization: "Bearer \(reader)"])
                #expect(participantView.status == .ok, "\(participantView.json)")
                #expect(participantView["view"]?.string == "participant")
                #expect(String(decoding: participantBytes, as: UTF8.self).contains(secret))
                let (_, publicBytes) = try await client.call(.get, "/v1/traces/\(code.pathSegment)", headers: [:])
                #expect(!String(decoding: publicBytes, as: UTF8.self).contains(secret))

                let (regulator, _) = try await client.call(.get, "/v1/traces/\(code.pathSegment)?view=regulator",
                                                           headers: [.authorization: "Bearer \(reader)"])
                #expect(regulator.status == .forbidden)
                #expect(regulator.errorCode == "forbidden")
                try await Self.refusals(client, code: code, writer: writer, reader: reader)
            }
        }
    }

    /// the regulator view is answered to an API key of a verified regulator.
    @Test func r7_1_regulatorViewForAVerifiedRegulator() async throws {
        try await withTraceNetwork { network in
            let home = network.root.appendingPathComponent("node0").path
            let organisation = try OrganisationKeys.generate(profile: .standard, algorithm: .ed25519)
            try organisation.save(home: home, passphrase: nil)
            let key = try ApiKeyStore(home: home).create(ApiKeyGrant(participant: organisation.participantId, roles: [.supervisor],
                                                                     nodeKinds: [], label: "inspector"),
                                                         now: Int64(Date().timeIntervalSince1970 * 1000)).key.token
            var application = Actors.manufacturer.payload
            application["name"] = .string("Shenzhen Customs")
            application["category"] = .string("regulator")
            application["subtype"] = .string("customs")
            application["nodeKinds"] = nil
            application["gs1CompanyPrefixes"] = nil
            application["roles"] = .array([.string("supervisor"), .string("informationUser")])
            application["encryptionKey"] = .object(["kind": .string("x25519"), "key": .string(Hex.encode(organisation.encryptionKey.publicKey.rawBytes))])
            let payload = application
            let app = Application(router: network.api.makeRouter())
            try await app.test(.router) { client in
                try await TraceRoutesTests.register(client, [Actors.manufacturer])
                let applied = try await Self.send(client, "/v1/participants/applications?wait=true", payload, key: key)
                #expect(applied.status == .created, "\(applied.json)")
                let verified = try await TraceRoutesTests.post(client, "/v1/participants/\(organisation.participantId)/verification",
                                                               "membership", "verify", ["participant": .string(organisation.participantId)],
                                                               by: Actors.verifier)
                #expect(verified.status == .created, "\(verified.json)")
                let code = Actors.unit("REG-1")
                let issued = try await TraceRoutesTests.post(client, "/v1/codes", "trace", "issue",
                                                             ["code": .string(code), "mode": .string("manufacturer")], by: Actors.manufacturer.signer)
                #expect(issued.status == .created)
                let (view, _) = try await client.call(.get, "/v1/traces/\(code.pathSegment)?view=regulator", headers: [.authorization: "Bearer \(key)"])
                #expect(view.status == .ok, "\(view.json)")
                #expect(view["view"]?.string == "regulator")
                let issue = try await Self.send(client, "/v1/codes", ["code": .string(Actors.unit("REG-2")), "mode": .string("manufacturer")], key: key)
                #expect(issue.status == .forbidden)
                #expect(issue.errorCode == "forbiddenRole")
            }
        }
    }

    /// Missing, malformed and narrow keys, and a client-signed transaction of another participant.
    static func refusals(_ client: some TestClientProtocol, code: String, writer: String, reader: String) async throws {
        let record = Actors.record(.productProduction, key: code, data: Actors.production)
        let anonymous = try await send(client, "/v1/records", record, key: nil)
        #expect(anonymous.status == .unauthorized)
        #expect(anonymous.errorCode == "unauthenticated")
        let malformed = try await send(client, "/v1/records", record, key: "ctk_nope")
        #expect(malformed.status == .unauthorized)
        #expect(malformed.errorCode == "malformedKey")
        let narrow = try await send(client, "/v1/records", record, key: reader)
        #expect(narrow.status == .forbidden)
        #expect(narrow.errorCode == "forbiddenRole")
        let wrongAction = try await send(client, "/v1/aggregations?action=record", record, key: writer)
        #expect(wrongAction.status == .badRequest)
        #expect(wrongAction.errorCode == "wrongAction")
        let foreign = try Actors.wire("trace", "record", record, by: Actors.manufacturer.signer)
        let (mismatch, _) = try await client.call(.post, "/v1/records", body: foreign, headers: [.authorization: "Bearer \(writer)"])
        #expect(mismatch.status == .forbidden)
        #expect(mismatch.errorCode == "signerMismatch")
        let (unknown, _) = try await client.call(.get, "/v1/traces/\(code.pathSegment)?view=participant",
                                                 headers: [.authorization: "Bearer ctk_000000000000_" + String(repeating: "A", count: 43)])
        #expect(unknown.status == .unauthorized)
        #expect(unknown.errorCode == "unknownKey")
    }
}
