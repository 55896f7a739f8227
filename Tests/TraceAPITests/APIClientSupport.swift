import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TraceCrypto
import TraceLedger

/// One answer of the API under test: status, headers and the body parsed as JSON.
struct Answer {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let json: CanonicalJSON

    subscript(_ member: String) -> CanonicalJSON? {
        guard case .object(let members) = json else { return nil }
        return members[member]
    }

    /// `error.code` of an error answer.
    var errorCode: String? { errorMember("code") }
    var errorField: String? { errorMember("field") }
    var errorMessage: String? { errorMember("message") }

    private func errorMember(_ name: String) -> String? {
        guard case .object(let error)? = self["error"], case .string(let value)? = error[name] else { return nil }
        return value
    }
}

extension TestClientProtocol {
    func call(_ method: HTTPRequest.Method, _ uri: String, body: [UInt8]? = nil) async throws -> Answer {
        let response = try await executeRequest(uri: uri, method: method, headers: [:], body: body.map { ByteBuffer(bytes: $0) })
        let bytes = Array(response.body.readableBytesView)
        let json = (try? CanonicalJSONParser.parse(bytes, sizeMax: 64 << 20)) ?? .string(String(decoding: bytes, as: UTF8.self))
        return Answer(status: response.status, headers: response.headers, json: json)
    }

    /// Polls a transaction until it is committed (bounded: 600 polls of 50 ms).
    func waitCommitted(chain: String, id: String) async throws -> Answer {
        for _ in 0..<600 {
            let answer = try await call(.get, "/v1/chains/\(chain)/transactions/\(id)")
            if case .string("committed")? = answer["status"] { return answer }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("transaction \(id) not committed")
        return try await call(.get, "/v1/chains/\(chain)/transactions/\(id)")
    }
}

extension CanonicalJSON {
    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var integer: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    var array: [CanonicalJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    subscript(_ member: String) -> CanonicalJSON? {
        guard case .object(let members) = self else { return nil }
        return members[member]
    }
}

extension Transaction {
    /// The wire JSON with one hex digit of the signature changed.
    var wireWithBadSignature: [UInt8] {
        guard case .object(var members) = wireJSON, case .object(var signature)? = members["signature"],
              case .string(let value)? = signature["value"] else { return [] }
        let flipped = (value.first == "0" ? "1" : "0") + value.dropFirst()
        signature["value"] = .string(flipped)
        members["signature"] = .object(signature)
        return (try? CanonicalJSON.object(members).canonicalBytes()) ?? []
    }
}
