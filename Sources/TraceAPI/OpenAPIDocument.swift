import Hummingbird
import TraceCrypto

/// `GET /v1/openapi.json`: the OpenAPI 3.1 document of every route of the node's API
/// (issue 6 item 5). `OpenAPIDocument.operations` is the one table of routes; the
/// tests check it against the router's registered routes and the errors answered.
public enum OpenAPIDocument {
    /// One operation: method, path in OpenAPI form (`{name}` parameters), query
    /// parameters, and each status with the error codes it answers.
    public struct Operation: Sendable {
        public let method: String
        public let path: String
        public let summary: String
        public let query: [String]
        public let responses: [Int: [String]]
        public let body: Bool
    }

    static let chainErrors: [Int: [String]] = [404: ["unknownChain", "notFound"], 503: ["notRunning"]]
    static let submitErrors: [Int: [String]] = [
        400: ["malformed", "missingField", "invalidField", "unsupportedAlgorithm", "badSignature", "wrongChain",
              "algorithmNotAdmitted", "timeOutsideWindow", "wrongAction"],
        404: ["unknownChain"], 409: ["duplicate", "alreadyCommitted", "nonceReplayed"], 413: ["bodyTooLarge", "tooLarge"],
        422: ["unknownContract", "unknownAction", "invalidPayload", "forbidden", "notFound", "conflict", "tooLarge"],
        429: ["mempoolFull"], 503: ["notRunning"],
    ]
    static let authErrors: [Int: [String]] = [
        401: ["unauthenticated", "missingCredentials", "malformedKey", "unknownKey", "revokedKey"],
        403: ["forbidden", "forbiddenRole", "forbiddenNodeKind", "signerMismatch", "organisationMissing"],
    ]
    static let traceErrors: [Int: [String]] = merge([400: ["invalidCode", "invalidField"], 404: ["notFound", "unknownChain"],
                                                     503: ["notRunning"]], authErrors)

    public static var operations: [Operation] {
        var list: [Operation] = [
            Operation(method: "POST", path: "/v1/chains/{chain}/transactions", summary: "Submit one signed transaction",
                      query: [], responses: merge([202: []], submitErrors.filter { $0.key != 422 }), body: true),
            Operation(method: "POST", path: "/v1/chains/{chain}/transactions/batch", summary: "Submit a batch of transactions",
                      query: [], responses: [200: [], 400: ["malformed", "invalidField", "missingField"],
                                             404: ["unknownChain"], 413: ["bodyTooLarge", "batchTooLarge"]], body: true),
            Operation(method: "GET", path: "/v1/chains/{chain}/transactions/{id}", summary: "A transaction's status and receipt",
                      query: [], responses: merge([200: [], 400: ["invalidField"]], chainErrors), body: false),
            Operation(method: "GET", path: "/v1/chains/{chain}/blocks/{height}", summary: "A committed block",
                      query: ["transactions"], responses: merge([200: [], 400: ["invalidField"]], chainErrors), body: false),
            Operation(method: "GET", path: "/v1/chains/{chain}/status", summary: "Chain status",
                      query: [], responses: merge([200: []], chainErrors), body: false),
            Operation(method: "GET", path: "/v1/health", summary: "Liveness", query: [], responses: [200: [], 503: ["notRunning"]], body: false),
            Operation(method: "GET", path: "/metrics", summary: "Prometheus metrics", query: [], responses: [200: [], 503: ["notRunning"]], body: false),
            Operation(method: "GET", path: "/v1/openapi.json", summary: "This document", query: [], responses: [200: []], body: false),
            Operation(method: "GET", path: "/v1/traces/{code}", summary: "The trace of a unit in one view, optionally with a proof bundle",
                      query: ["view", "proof"], responses: merge([200: []], traceErrors), body: false),
            Operation(method: "GET", path: "/v1/traces/{code}/proof", summary: "The proof bundle of a trace (JSON or binary)",
                      query: [], responses: merge([200: []], traceErrors), body: false),
            Operation(method: "GET", path: "/v1/codes/{code}", summary: "An issued code with its completeness",
                      query: [], responses: merge([200: []], traceErrors), body: false),
            Operation(method: "GET", path: "/v1/participants", summary: "Directory of verified participants",
                      query: ["kind", "country"], responses: [200: [], 400: ["invalidField"], 503: ["notRunning"]], body: false),
            Operation(method: "GET", path: "/v1/participants/{id}", summary: "One participant",
                      query: [], responses: [200: [], 400: ["invalidField"], 404: ["notFound"], 503: ["notRunning"]], body: false),
        ]
        for route in TraceAPI.writeRoutes {
            list.append(Operation(method: "POST", path: openAPIPath(route.path),
                                  summary: "Submit a signed \(route.contract) transaction: \(route.actions.joined(separator: ", "))",
                                  query: ["wait", "action"], responses: merge(merge([201: [], 202: []], submitErrors), authErrors), body: true))
        }
        for path in TraceAPI.resolverPaths {
            list.append(Operation(method: "GET", path: openAPIPath(path), summary: "GS1 Digital Link resolver: the public trace (JSON or HTML)",
                                  query: [], responses: [200: [], 400: ["invalidCode"], 404: ["notFound"]], body: false))
        }
        return list
    }

    /// `:name` → `{name}`.
    static func openAPIPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }

    static func merge(_ a: [Int: [String]], _ b: [Int: [String]]) -> [Int: [String]] { a.merging(b) { $0 + $1 } }

    /// The document as canonical JSON.
    public static var json: CanonicalJSON {
        var paths: [String: [String: CanonicalJSON]] = [:]
        for operation in operations { paths[operation.path, default: [:]][operation.method.lowercased()] = render(operation) }
        return .object([
            "openapi": .string("3.1.0"),
            "info": .object(["title": .string("CrossTrace node API"), "version": .string("1")]),
            "paths": .object(paths.mapValues { .object($0) }),
            "components": .object(["schemas": .object(["Error": errorSchema])]),
        ])
    }

    static func render(_ operation: Operation) -> CanonicalJSON {
        let pathParameters = operation.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
        let parameters: [CanonicalJSON] = pathParameters.map { parameter($0, in: "path", required: true) }
            + operation.query.map { parameter($0, in: "query", required: false) }
        var responses: [String: CanonicalJSON] = [:]
        for (status, codes) in operation.responses {
            var response: [String: CanonicalJSON] = ["description": .string(status < 400 ? "success" : "error: " + codes.joined(separator: ", "))]
            if status >= 400 {
                response["content"] = .object(["application/json": .object(["schema": .object(["$ref": .string("#/components/schemas/Error")])])])
                response["x-error-codes"] = .array(codes.sorted().map { .string($0) })
            }
            responses[String(status)] = .object(response)
        }
        var object: [String: CanonicalJSON] = ["summary": .string(operation.summary), "parameters": .array(parameters),
                                               "responses": .object(responses)]
        if operation.body {
            let schema: CanonicalJSON = .object(["schema": .object(["type": .string("object")])])
            object["requestBody"] = .object(["required": .bool(true), "content": .object(["application/json": schema])])
        }
        return .object(object)
    }

    static func parameter(_ name: String, in location: String, required: Bool) -> CanonicalJSON {
        .object(["name": .string(name), "in": .string(location), "required": .bool(required), "schema": .object(["type": .string("string")])])
    }

    static let errorSchema: CanonicalJSON = .object([
        "type": .string("object"), "required": .array([.string("error")]),
        "properties": .object(["error": .object([
            "type": .string("object"), "required": .array(["code", "field", "message"].map { .string($0) }),
            "properties": .object(["code": .object(["type": .string("string")]), "field": .object(["type": .string("string")]),
                                   "message": .object(["type": .string("string")])]),
        ])]),
    ])
}

extension TraceAPI {
    /// Registers this issue's routes: traces, proofs, reads, writes, resolver, OpenAPI document.
    func addApplicationRoutes(to router: Router<BasicRequestContext>) {
        addTraceRoutes(to: router)
        addReadRoutes(to: router)
        addWriteRoutes(to: router)
        addResolverRoutes(to: router)
        router.get("/v1/openapi.json") { _, _ in JSONResponse.make(OpenAPIDocument.json) }
    }
}
