import Foundation
import Hummingbird
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel
import TraceNode

/// `GET /v1/traces/{code}` and `GET /v1/traces/{code}/proof` (issue 6 item 4, R-6.3.1.3):
/// the trace of one unit on the trade chain, built from committed state.
extension TraceAPI {
    /// The chain the trace routes read (the trade chain).
    static let traceChain = "cbetc"
    static let viewNames = ["public", "participant", "regulator"]

    func addTraceRoutes(to router: Router<BasicRequestContext>) {
        let api = self
        router.get("/v1/traces/:code") { request, context in
            try await api.trace(request, code: context.parameters.require("code"))
        }
        router.get("/v1/traces/:code/proof") { request, context in
            try await api.traceProof(request, code: context.parameters.require("code"))
        }
    }

    /// `?view=public|participant|regulator&proof=true`: the `TraceAnswer` of the view, with `proof`.
    func trace(_ request: Request, code raw: String) async throws -> Response {
        let key = try Self.traceKey(raw)
        let view = request.uri.queryParameters.get("view") ?? "public"
        guard Self.viewNames.contains(view) else {
            throw APIError.invalid("view", "one of public, participant, regulator; got '\(view.prefix(32))'")
        }
        let proof = try Self.flag(request, "proof")
        let viewer = view == "public" ? TraceViewer.consumer : try await self.viewer(view, request: request)
        let lookup = try await lookupTrace(key: key, proof: proof)
        let answer = TraceAnswerBuilder.build(code: key, issued: lookup.issued, entries: lookup.entries, viewer: viewer,
                                              hash: try setupProfile().hash)
        return try Self.answerResponse(answer, proof: lookup.proof)
    }

    /// The proof bundle alone: binary with `Accept: application/octet-stream`, JSON otherwise.
    func traceProof(_ request: Request, code raw: String) async throws -> Response {
        let key = try Self.traceKey(raw)
        let lookup = try await lookupTrace(key: key, proof: true)
        guard let bundle = lookup.proof else { throw APIError(.internalServerError, code: "internal", field: "proof", message: "no bundle") }
        if request.headers[.accept]?.contains("application/octet-stream") == true {
            return Response(status: .ok, headers: [.contentType: "application/octet-stream"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bundle.canonicalBytes)))
        }
        return JSONResponse.make(bundle.json)
    }

    func lookupTrace(key: String, proof: Bool) async throws -> TraceLookup {
        let found = try await serviceAwait { () async throws(NodeServiceError) in
            try await host.traceLookup(chain: Self.traceChain, key: key, proof: proof)
        }
        guard let found else { throw APIError.notFound("code", "\(key) was never issued on \(Self.traceChain)") }
        return found
    }

    func setupProfile() throws -> CryptoProfile {
        try serviceCall { () throws(NodeServiceError) in try host.setup(of: Self.traceChain) }.profile
    }

    /// The canonical key of a path segment in any form `TraceCode.parse` reads (percent-decoded);
    /// 400 `invalidCode` naming the GS1 rule broken.
    static func traceKey(_ raw: String) throws(APIError) -> String {
        guard raw.utf8.count <= 4_096, let text = raw.removingPercentEncodingSafe else {
            throw APIError(.badRequest, code: "invalidCode", field: "code", message: "not a percent-encoded trace code")
        }
        do {
            return try TraceCode.parse(text, referenceDate: .formCheckReference).key
        } catch {
            throw APIError(.badRequest, code: "invalidCode", field: "code",
                           message: "\(error.field): \(error.rule) [\(error.code.rawValue)]")
        }
    }

    /// A boolean query flag: absent or `false` is false, `true` is true, anything else 400.
    static func flag(_ request: Request, _ name: String) throws(APIError) -> Bool {
        switch request.uri.queryParameters.get(name) {
        case nil, "false": return false
        case "true": return true
        case let other?: throw APIError.invalid(name, "true or false, got '\(other.prefix(32))'")
        }
    }

    /// The answer's JSON (sorted keys, slashes unescaped) with `proof` added when there is one,
    /// written by one `JSONEncoder` pass (no `JSONSerialization` round trip: its key sort
    /// compared strings through the locale and took most of a query's time, issue 7);
    /// without a proof by `TraceAnswerJSON`, the same bytes without the generic encoder.
    static func answerResponse(_ answer: TraceAnswer, proof: ProofBundle?) throws -> Response {
        if proof == nil, let bytes = TraceAnswerJSON.bytes(answer) { return jsonResponse(bytes) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return jsonResponse(try encoder.encode(AnswerBody(answer: answer, proof: proof?.json)))
    }

    /// A 200 JSON response of `bytes` and a newline.
    static func jsonResponse(_ bytes: some Collection<UInt8>) -> Response {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(bytes.count + 1)
        buffer.writeBytes(bytes)
        buffer.writeInteger(UInt8(0x0a))
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: buffer))
    }
}

/// A trace answer with its proof bundle as one more member.
struct AnswerBody: Encodable {
    let answer: TraceAnswer
    let proof: CanonicalJSON?

    enum Keys: String, CodingKey { case proof }

    func encode(to encoder: any Encoder) throws {
        try answer.encode(to: encoder)
        guard let proof else { return }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(proof, forKey: .proof)
    }
}
