import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TraceAPI
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel

/// Writes R-6.2.2 and Table 5 forbid answer 422 with the contract's code; bad input
/// answers a precise 4xx; the resolver answers JSON or escaped HTML (issue 6 items 5–6).
@Suite(.serialized)
struct TraceRefusalTests {
    typealias Routes = TraceRoutesTests

    /// R-6.2.2, R-7.1 (Table 5), R-5.1-c: each refused write is a 422 naming the contract's code.
    @Test func r6_2_2_forbiddenWritesAnswer422() async throws {
        try await withTraceNetwork { network in
            let app = Application(router: network.api.makeRouter())
            try await app.test(.router) { client in
                try await Routes.register(client, [Actors.manufacturer, Actors.logistics])
                let pending = try await Routes.post(client, "/v1/participants/applications", "membership", "apply",
                                                    Actors.outsider.payload, by: Actors.outsider.signer)
                #expect(pending.status == .created)
                let code = Actors.unit("REF-1")
                let issued = try await Routes.post(client, "/v1/codes", "trace", "issue", ["code": .string(code), "mode": .string("manufacturer")],
                                                   by: Actors.manufacturer.signer)
                #expect(issued.status == .created)
                var supervisor = Actors.outsider.payload
                supervisor["roles"] = .array([.string("supervisor")])
                let cases: [(String, String, String, [String: CanonicalJSON], any Signer, String)] = [
                    ("/v1/records", "trace", "record", Actors.record(.productProduction, key: code, data: Actors.production),
                     Actors.logistics.signer, "forbidden"),
                    ("/v1/records", "trace", "record", Actors.record(.productProduction, key: code, data: Actors.production),
                     Actors.outsider.signer, "forbidden"),
                    ("/v1/codes", "trace", "issue", ["code": .string(Actors.unit("REF-2")), "mode": .string("manufacturer")],
                     Actors.logistics.signer, "forbidden"),
                    ("/v1/codes", "trace", "issue", ["code": .string(code), "mode": .string("manufacturer")],
                     Actors.manufacturer.signer, "conflict"),
                    ("/v1/records", "trace", "record", Actors.record(.productProduction, key: Actors.unit("NEVER"), data: Actors.production),
                     Actors.manufacturer.signer, "notFound"),
                    ("/v1/participants/\(Actors.outsider.id)/verification", "membership", "verify",
                     ["participant": .string(Actors.outsider.id)], Actors.manufacturer.signer, "forbidden"),
                    ("/v1/participants/applications", "membership", "apply", supervisor, Actors.key(31), "invalidPayload"),
                ]
                for (path, contract, action, payload, signer, expected) in cases {
                    let answer = try await Routes.post(client, path, contract, action, payload, by: signer)
                    #expect(answer.status == .unprocessableContent, "\(path) \(action): \(answer.json)")
                    #expect(answer.errorCode == expected, "\(path) \(action): \(answer.json)")
                    #expect(answer.errorMessage?.isEmpty == false)
                }
                try await Self.inputErrors(client, code: code)
                try await Self.resolver(client, code: code)
            }
        }
    }

    /// Malformed JSON, empty and oversize bodies, bad signatures, the wrong action or participant, bad codes and flags.
    static func inputErrors(_ client: some TestClientProtocol, code: String) async throws {
        let good = try Actors.transaction("trace", "record", Actors.record(.productProduction, key: code, data: Actors.production),
                                          by: Actors.manufacturer.signer)
        let kv = try Actors.wire("kv", "put", ["key": .string("k"), "value": .string("v")], by: Actors.manufacturer.signer)
        let verifyOther = try Actors.wire("membership", "verify", ["participant": .string(Actors.logistics.id)], by: Actors.verifier)
        let checks: [(HTTPRequest.Method, String, [UInt8]?, HTTPResponse.Status, String, String)] = [
            (.post, "/v1/records", Array("{\"chain\":".utf8), .badRequest, "malformed", "transaction"),
            (.post, "/v1/records", [], .badRequest, "malformed", "transaction"),
            (.post, "/v1/records", [UInt8](repeating: 0x20, count: (1 << 20) + 1), .contentTooLarge, "bodyTooLarge", "body"),
            (.post, "/v1/records", good.wireWithBadSignature, .badRequest, "badSignature", "signature"),
            (.post, "/v1/records", kv, .badRequest, "wrongAction", "action"),
            (.post, "/v1/participants/\(Actors.outsider.id)/verification", verifyOther, .badRequest, "invalidField", "payload.participant"),
            (.post, "/v1/records?wait=maybe", good.wireBytes, .badRequest, "invalidField", "wait"),
            (.get, "/v1/traces/0952123454321", nil, .badRequest, "invalidCode", "code"),
            (.get, "/v1/traces/\(Actors.unit("NOPE").pathSegment)", nil, .notFound, "notFound", "code"),
            (.get, "/v1/traces/\(code.pathSegment)?view=admin", nil, .badRequest, "invalidField", "view"),
            (.get, "/v1/participants?kind=astronaut", nil, .badRequest, "invalidField", "kind"),
            (.get, "/v1/participants?country=XX", nil, .badRequest, "invalidField", "country"),
            (.get, "/v1/participants/ed25519-00", nil, .notFound, "notFound", "id"),
        ]
        for (method, path, body, status, code, field) in checks {
            let answer = try await client.call(method, path, body: body)
            #expect(answer.status == status, "\(path): \(answer.json)")
            #expect(answer.errorCode == code, "\(path): \(answer.json)")
            #expect(answer.errorField == field, "\(path): \(answer.json)")
        }
    }

    /// GS1 Digital Link paths answer the public trace as JSON or as a plain HTML page.
    static func resolver(_ client: some TestClientProtocol, code: String) async throws {
        let path = "/01/\(Actors.gtin)/21/REF-1"
        let (json, _) = try await client.call(.get, path, headers: [.accept: "application/json"])
        #expect(json.status == .ok)
        #expect(json["key"]?.string == code)
        #expect(json["view"]?.string == "public")
        let (page, bytes) = try await client.call(.get, path + "?17=270101", headers: [.accept: "text/html,application/xhtml+xml"])
        let html = String(decoding: bytes, as: UTF8.self)
        #expect(page.status == .ok)
        #expect(page.headers[.contentType] == "text/html; charset=utf-8")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("issue"))
        #expect(!html.contains("<script"))
        let (missing, missingBytes) = try await client.call(.get, "/01/\(Actors.gtin)/21/NOPE", headers: [.accept: "text/html"])
        #expect(missing.status == .notFound)
        #expect(String(decoding: missingBytes, as: UTF8.self).contains("Unknown product"))
        let (bad, _) = try await client.call(.get, "/01/09521234543210/21/X", headers: [.accept: "application/json"])
        #expect(bad.status == .badRequest)
        #expect(bad.errorCode == "invalidCode")
    }

    /// Issue 6 item 6: every value on the resolver's page is escaped.
    @Test func r5_1_resolverPageEscapesHostileText() {
        let hostile = "<script>alert('x')</script> & \"q\""
        let page = ResolverPage.renderError(APIError(.notFound, code: "notFound", field: "code", message: hostile))
        #expect(!page.contains("<script"))
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"))
        #expect(ResolverPage.escape("a<b>&'\"") == "a&lt;b&gt;&amp;&#39;&quot;")
        #expect(ResolverPage.blockTime(1_796_012_345_678) == "2026-11-30T04:19:05.678Z")
        #expect(TraceAPI.prefersHTML("text/html;q=0.9, application/json"))
        #expect(!TraceAPI.prefersHTML("application/json, text/html"))
        #expect(!TraceAPI.prefersHTML(nil))
    }
}
