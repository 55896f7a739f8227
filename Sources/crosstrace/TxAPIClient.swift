import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TraceCrypto

/// A client of a node's HTTP API (docs/api.md) for `tx`, `block` and `status`.
struct APIClient {
    /// Largest response read (a block is at most 4 MiB of transactions, in JSON a little more).
    static let responseBytesMax = 32 << 20
    let base: String

    /// `--url` checked: `http://` or `https://`, a host, no query.
    init(url: String) throws {
        guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme),
              parsed.host != nil, parsed.query == nil else {
            throw OptionError("--url", "must be an http(s) URL such as http://127.0.0.1:8080, got '\(url)'")
        }
        base = url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    /// A path segment: chain ids and ids are `[a-z0-9-]`, checked before any request.
    static func segment(_ value: String, option: String) throws -> String {
        guard !value.isEmpty, value.utf8.count <= 128,
              value.utf8.allSatisfy({ (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2d }) else {
            throw OptionError(option, "lowercase letters, digits and '-' only, got '\(value)'")
        }
        return value
    }

    func get(_ path: String) async throws -> CanonicalJSON {
        try await send(path, method: "GET", body: nil)
    }

    func post(_ path: String, _ body: CanonicalJSON) async throws -> CanonicalJSON {
        try await send(path, method: "POST", body: try body.canonicalBytes())
    }

    /// The response JSON of a 2xx answer; any other answer throws the server's code and message.
    func send(_ path: String, method: String, body: [UInt8]?) async throws -> CanonicalJSON {
        guard let url = URL(string: base + path) else { throw OptionError("--url", "cannot form a URL with '\(path)'") }
        var request = URLRequest(url: url, timeoutInterval: 30)
        request.httpMethod = method
        if let body {
            request.httpBody = Data(body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw APIClientError(status: 0, code: "unreachable", field: "--url", message: "\(base): \(error.localizedDescription)")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard data.count <= Self.responseBytesMax,
              let json = try? CanonicalJSONParser.parse(Array(data), sizeMax: Self.responseBytesMax) else {
            throw APIClientError(status: status, code: "badResponse", field: "body", message: "the server's answer is not JSON")
        }
        guard (200..<300).contains(status) else { throw APIClientError(status: status, json: json) }
        return json
    }
}

/// A failed call: the server's error code and message (exit status 1).
struct APIClientError: Error, CustomStringConvertible {
    let status: Int
    let code: String
    let field: String
    let message: String

    init(status: Int, code: String, field: String, message: String) {
        self.status = status
        self.code = code
        self.field = field
        self.message = message
    }

    /// From `{"error":{"code","field","message"}}`.
    init(status: Int, json: CanonicalJSON) {
        guard case .object(let root) = json, case .object(let error)? = root["error"] else {
            self.init(status: status, code: "http\(status)", field: "", message: "no error object in the answer")
            return
        }
        func text(_ key: String) -> String {
            if case .string(let value)? = error[key] { return value }
            return ""
        }
        self.init(status: status, code: text("code"), field: text("field"), message: text("message"))
    }

    var description: String {
        let where_ = field.isEmpty ? "" : " in '\(field)'"
        return status == 0 ? "\(code)\(where_): \(message)" : "server answered \(status) \(code)\(where_): \(message)"
    }
}

extension CanonicalJSON {
    /// A member of an object, if this is one.
    subscript(member member: String) -> CanonicalJSON? {
        guard case .object(let members) = self else { return nil }
        return members[member]
    }

    /// Canonical text, for printing.
    var text: String { (try? canonicalBytes()).map { String(decoding: $0, as: UTF8.self) } ?? "" }
}

/// A bad option of `tx`, `block` or `status`: names the option and the rule (exit status 1).
struct OptionError: Error, CustomStringConvertible {
    let option: String
    let rule: String
    init(_ option: String, _ rule: String) {
        self.option = option
        self.rule = rule
    }
    var description: String { "\(option): \(rule)" }
}
