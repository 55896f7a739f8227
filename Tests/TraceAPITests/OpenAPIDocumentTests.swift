import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TraceAPI
import TraceCrypto

/// Issue 6 item 5: `/v1/openapi.json` documents exactly the routes the router serves,
/// and the errors the routes answer are the ones it documents.
@Suite(.serialized)
struct OpenAPIDocumentTests {
    @Test func r5_3_1_openAPIMatchesTheRouter() async throws {
        try await withNetwork { network in
            let router = network.api.makeRouter()
            let registered = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
            let app = Application(router: router)
            try await app.test(.router) { client in
                let document = try await client.call(.get, "/v1/openapi.json")
                #expect(document.status == .ok)
                #expect(document["openapi"]?.string == "3.1.0")
                guard case .object(let paths)? = document["paths"] else {
                    Issue.record("no paths")
                    return
                }
                var documented: Set<String> = []
                for (path, item) in paths {
                    guard case .object(let operations) = item else { continue }
                    for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
                }
                #expect(registered.subtracting(documented).sorted() == [], "routes missing from the document")
                #expect(documented.subtracting(registered).sorted() == [], "documented paths the router does not serve")
                #expect(documented.count >= 20)

                let samples: [(HTTPRequest.Method, String, String, [UInt8]?)] = [
                    (.get, "/v1/traces/{code}", "/v1/traces/0952", nil),
                    (.get, "/v1/traces/{code}", "/v1/traces/\("https://id.gs1.org/01/09521234543213/21/A".pathSegment)", nil),
                    (.get, "/v1/traces/{code}/proof", "/v1/traces/%ZZ/proof", nil),
                    (.get, "/v1/codes/{code}", "/v1/codes/\("https://id.gs1.org/01/09521234543213/21/A".pathSegment)", nil),
                    (.post, "/v1/records", "/v1/records", Array("[".utf8)),
                    (.post, "/v1/codes", "/v1/codes", []),
                    (.get, "/v1/participants", "/v1/participants?kind=x", nil),
                    (.get, "/v1/chains/{chain}/status", "/v1/chains/nochain/status", nil),
                    (.get, "/v1/chains/{chain}/blocks/{height}", "/v1/chains/cbetc/blocks/0", nil),
                    (.get, "/01/{gtin}/21/{serial}", "/01/09521234543210/21/A", nil),
                ]
                for (method, template, uri, body) in samples {
                    let answer = try await client.call(method, uri, body: body)
                    let status = String(answer.status.code)
                    let codes = document["paths"]?[template]?[method.rawValue.lowercased()]?["responses"]?[status]?["x-error-codes"]?.array
                    #expect(codes?.contains(.string(answer.errorCode ?? "")) == true,
                            "\(method) \(uri) answered \(status) \(answer.errorCode ?? "-"), not documented for \(template)")
                }
            }
        }
    }
}
