import Hummingbird
import TraceCrypto
import TraceLedger
import TraceNode

/// Every failure of the HTTP API, answered as
/// `{"error":{"code":…,"message":…,"field":…}}` (issue 5 item 7; docs/api.md).
/// `==` compares the code only (STYLE.md #8).
public struct APIError: Error, HTTPResponseError, CustomStringConvertible, Sendable {
    public let status: HTTPResponse.Status
    /// Stable and machine-readable: a MempoolRejection code, or one of the API's own codes.
    public let code: String
    public let field: String
    public let message: String
    /// Seconds for the `Retry-After` header (429 only).
    public let retryAfterSeconds: Int?

    public init(_ status: HTTPResponse.Status, code: String, field: String, message: String, retryAfterSeconds: Int? = nil) {
        self.status = status
        self.code = code
        self.field = field
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { "\(status.code) \(code) in '\(field)': \(message)" }

    /// The `error` object of the response body.
    public var json: CanonicalJSON {
        .object(["error": .object(["code": .string(code), "field": .string(field), "message": .string(message)])])
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    public func response() -> Response {
        var response = JSONResponse.make(json, status: status)
        if let retryAfterSeconds { response.headers[.retryAfter] = String(retryAfterSeconds) }
        return response
    }
}

extension APIError: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
}

/// The API's own codes (the mempool's are `MempoolRejection.Code` raw values).
extension APIError {
    static func malformed(_ field: String, _ message: String) -> APIError {
        APIError(.badRequest, code: "malformed", field: field, message: message)
    }

    static func invalid(_ field: String, _ message: String) -> APIError {
        APIError(.badRequest, code: "invalidField", field: field, message: message)
    }

    static func tooLarge(_ field: String, bound: String, limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "bodyTooLarge", field: field, message: "the body exceeds \(bound) = \(limit) bytes")
    }

    static func notFound(_ field: String, _ message: String) -> APIError {
        APIError(.notFound, code: "notFound", field: field, message: message)
    }

    /// HTTP status of a mempool rejection: 409 for conflicts with what is known,
    /// 413 for size, 429 for a full mempool, 400 otherwise.
    init(_ rejection: MempoolRejection) {
        let status: HTTPResponse.Status = switch rejection.code {
        case .duplicate, .alreadyCommitted, .nonceReplayed: .conflict
        case .tooLarge: .contentTooLarge
        case .mempoolFull: .tooManyRequests
        case .badSignature, .wrongChain, .algorithmNotAdmitted, .timeOutsideWindow: .badRequest
        }
        self.init(status, code: rejection.code.rawValue, field: rejection.field, message: rejection.message,
                  retryAfterSeconds: rejection.code == .mempoolFull ? (rejection.retryAfterSeconds ?? 1) : nil)
    }

    init(_ error: NodeServiceError) {
        let status: HTTPResponse.Status = switch error.code {
        case .unknownChain: .notFound
        case .notRunning: .serviceUnavailable
        case .storage: .internalServerError
        }
        self.init(status, code: error.code.rawValue, field: error.field, message: error.rule)
    }

    /// A transaction that does not parse: its LedgerError code and field.
    init(_ error: LedgerError) {
        let status: HTTPResponse.Status = error.code == .tooLarge ? .contentTooLarge : .badRequest
        self.init(status, code: error.code.rawValue, field: error.field, message: error.rule)
    }
}
