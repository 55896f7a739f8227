import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A small JSON-over-HTTP client on AsyncHTTPClient (pooled keep-alive connections).
struct JSONClient: Sendable {
    let client: HTTPClient

    struct Reply: Sendable {
        let status: Int
        let body: Data
        let retryAfter: Int?
        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
        /// The body as text (at most 2 KB), for a loud failure.
        var text: String { String(decoding: body.prefix(2048), as: UTF8.self) }
    }

    func get(_ url: String, accept: String? = nil) async throws -> Reply { try await send(url, method: .GET, body: nil, accept: accept) }

    func post(_ url: String, body: [UInt8]) async throws -> Reply { try await send(url, method: .POST, body: body) }

    private func send(_ url: String, method: HTTPMethod, body: [UInt8]?, accept: String? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let accept { request.headers.add(name: "Accept", value: accept) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), body: Data(buffer.readableBytesView),
                     retryAfter: response.headers.first(name: "Retry-After").flatMap { Int($0) })
    }
}
