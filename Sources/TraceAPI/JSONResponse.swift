import Hummingbird
import TraceCrypto

/// JSON bodies in and out. Responses are written canonically (RFC 8785,
/// members sorted), so no dictionary order ever reaches the wire.
enum JSONResponse {
    static func make(_ json: CanonicalJSON, status: HTTPResponse.Status = .ok) -> Response {
        let bytes = (try? json.canonicalBytes()) ?? Array(#"{"error":{"code":"internal","field":"","message":"unencodable"}}"#.utf8)
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes + [0x0a])))
    }
}

/// Reading a request body under a byte bound (node.toml `[limits]`).
enum RequestBody {
    /// The whole body, or `bodyTooLarge` (413) naming `bound` as soon as it exceeds `limit`.
    static func collect(_ request: Request, limit: Int, bound: String) async throws -> [UInt8] {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw APIError.tooLarge("body", bound: bound, limit: limit)
        }
        var bytes: [UInt8] = []
        for try await buffer in request.body {
            guard buffer.readableBytes <= limit - bytes.count else {
                throw APIError.tooLarge("body", bound: bound, limit: limit)
            }
            bytes.append(contentsOf: buffer.readableBytesView)
        }
        return bytes
    }

    /// The body parsed as JSON; a syntax error is `malformed` (400) with its byte offset.
    static func json(_ bytes: [UInt8], limit: Int, field: String) throws -> CanonicalJSON {
        guard !bytes.isEmpty else { throw APIError.malformed(field, "the body is empty; a JSON object is required") }
        do {
            return try CanonicalJSONParser.parse(bytes, sizeMax: limit)
        } catch {
            throw APIError.malformed(field, "not valid JSON: \(error)")
        }
    }
}

/// Turns every error into the JSON error body: an `APIError` as it is,
/// Hummingbird's own (unknown route, wrong method) with its status, anything
/// else as 500 `internal`.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response()
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "notFound" : "http\(error.status.code)"
            let message = error.status == .notFound ? "no route \(request.method) \(request.uri.path)" : (error.body ?? error.status.reasonPhrase)
            return APIError(error.status, code: code, field: "path", message: message).response()
        } catch {
            return APIError(.internalServerError, code: "internal", field: "", message: "\(error)").response()
        }
    }
}
