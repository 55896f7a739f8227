import Foundation
import Hummingbird
import TraceContracts
import TraceModel
import TraceNode

/// The GS1 Digital Link resolver (issue 6 item 6, R-5.1): a unit's Digital Link path on
/// this node answers its public trace, as JSON or as a plain HTML page by content negotiation.
extension TraceAPI {
    /// The key forms served (GS1 Digital Link 1.2 primary keys with their key qualifiers).
    static let resolverPaths = ["/01/:gtin/10/:lot/21/:serial", "/01/:gtin/21/:serial", "/01/:gtin/10/:lot",
                                "/00/:sscc", "/414/:gln"]

    func addResolverRoutes(to router: Router<BasicRequestContext>) {
        let api = self
        for path in Self.resolverPaths {
            router.get(RouterPath(path)) { request, _ in try await api.resolve(request) }
        }
    }

    /// The public trace of the unit the request path (and its query attributes) names.
    func resolve(_ request: Request) async throws -> Response {
        var link = "https://id.gs1.org" + request.uri.path
        if let query = request.uri.query, !query.isEmpty { link += "?" + query }
        let html = Self.prefersHTML(request.headers[.accept])
        do {
            let key = try Self.traceKey(link)
            let lookup = try await lookupTrace(key: key, proof: false)
            let answer = TraceAnswerBuilder.build(code: key, issued: lookup.issued, entries: lookup.entries, viewer: .consumer,
                                                  hash: try setupProfile().hash)
            if html { return ResolverPage.response(ResolverPage.render(answer, height: lookup.height), status: .ok) }
            return try Self.answerResponse(answer, proof: nil)
        } catch let error as APIError where html {
            return ResolverPage.response(ResolverPage.renderError(error), status: error.status)
        }
    }

    /// HTML when `Accept` names `text/html` before (or without) `application/json`.
    static func prefersHTML(_ accept: String?) -> Bool {
        guard let accept, let html = accept.range(of: "text/html") else { return false }
        guard let json = accept.range(of: "application/json") else { return true }
        return html.lowerBound < json.lowerBound
    }
}

/// The resolver's plain page: product, milestones, verification status; every
/// value escaped, no scripts, no external resources.
enum ResolverPage {
    static func response(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func render(_ answer: TraceAnswer, height: UInt64) -> String {
        var body = "<h1>Product trace</h1>\n<dl>\n"
        body += row("Trace code", answer.key) + row("Traceability mode", answer.mode.rawValue)
        body += row("Complete", answer.completeness.complete ? "yes" : "no, missing: "
                    + answer.completeness.missing.map(\.rawValue).joined(separator: ", "))
        body += "</dl>\n<h2>Milestones</h2>\n<ol>\n"
        for entry in answer.timeline {
            let what = entry.item?.rawValue ?? entry.action
            let state = entry.superseded ? " (superseded)" : ""
            body += "<li><time>\(escape(entry.recordedAt ?? blockTime(entry.time)))</time> \(escape(what))\(escape(state))"
                + " — block \(entry.height), transaction \(entry.index)</li>\n"
        }
        body += "</ol>\n<h2>Exceptions</h2>\n<ul>\n"
        for exception in answer.exceptions {
            body += "<li>\(escape(exception.item.rawValue)): \(escape(exception.kind))</li>\n"
        }
        body += "</ul>\n<h2>Verification</h2>\n<p>Every milestone above is a committed transaction of the chain, "
            + "read at height \(height). A proof bundle for offline verification: "
            + "<a href=\"/v1/traces/\(escape(percentEncode(answer.key)))/proof\">proof</a>.</p>\n"
        return page(title: "Trace of " + answer.key, body: body)
    }

    /// A block time (ms since the epoch) as RFC 3339 in UTC.
    static func blockTime(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    static func renderError(_ error: APIError) -> String {
        page(title: "Not found", body: "<h1>\(escape(error.status == .notFound ? "Unknown product" : "Invalid link"))</h1>\n"
             + "<p>\(escape(error.message))</p>\n")
    }

    static func page(title: String, body: String) -> String {
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(escape(title))</title>\n</head>\n"
            + "<body>\n<main>\n\(body)</main>\n</body>\n</html>\n"
    }

    static func row(_ name: String, _ value: String) -> String { "<dt>\(escape(name))</dt><dd>\(escape(value))</dd>\n" }

    /// HTML text and attribute escaping of `& < > " '`.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986 §2.3), for a path segment.
    static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let unreserved = (0x30...0x39).contains(byte) || (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte)
                || byte == 0x2d || byte == 0x2e || byte == 0x5f || byte == 0x7e
            out += unreserved ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
        }
        return out
    }
}
