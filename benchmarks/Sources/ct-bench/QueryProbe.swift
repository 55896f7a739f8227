import Foundation
import PostgresNIO
import TraceContracts
import TraceCrypto
import TraceLedger

/// One unit's trace read three ways for `ct-bench query` (issue 7 item 4), each
/// checked to hold exactly the unit's events: our answer, PostgreSQL's rows, a
/// verified proof bundle. Any other answer throws with the status and body.
struct QueryProbe: Sendable {
    let url: String
    let gtin: String
    let run: String
    let events: Int
    let codes: Int
    let genesis: Genesis
    let client: JSONClient

    func code(_ unit: Int) -> String { TraceWorkload.event(unit, codes: codes, gtin: gtin, run: run).code }
    func expected(_ unit: Int) -> Int { TraceWorkload.eventCount(unit: unit, events: events, codes: codes) }

    /// The path segment of a code: every byte but RFC 3986 unreserved ones percent-encoded (`/` too).
    static func segment(_ code: String) -> String {
        code.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn:
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? code
    }

    /// `GET /v1/traces/{code}`: the answer as received (the query's clock stops here).
    func trace(_ unit: Int) async throws -> JSONClient.Reply {
        try await client.get(traceURL(unit))
    }

    func traceURL(_ unit: Int) -> String { "\(url)/v1/traces/" + Self.segment(code(unit)) }

    /// The number of production events on the answer's timeline; anything but
    /// exactly the unit's events throws with the status and body.
    func check(_ unit: Int, _ reply: JSONClient.Reply) throws -> Int {
        let path = traceURL(unit)
        guard reply.status == 200 else { throw BenchError("GET \(path) answered \(reply.status): \(reply.text)") }
        guard let answer = reply.json as? [String: Any], let timeline = answer["timeline"] as? [[String: Any]] else {
            throw BenchError("GET \(path): not a trace answer: \(reply.text)")
        }
        let found = timeline.filter { ($0["item"] as? String) == "product.production" }.count
        guard found == expected(unit) else {
            throw BenchError("GET \(path): \(found) production events, expected \(expected(unit)): \(reply.text)")
        }
        return found
    }

    /// PostgreSQL's indexed select of the same unit's rows, as received (the clock stops here).
    func select(_ unit: Int, _ pg: PostgresClient) async throws -> [PostgresRow] {
        let selected = try await pg.query("SELECT id, body FROM events WHERE trace_code = \(code(unit)) ORDER BY id")
        var rows: [PostgresRow] = []
        for try await row in selected { rows.append(row) }
        return rows
    }

    /// The number of rows, which must be exactly the unit's events.
    func check(_ unit: Int, _ selected: [PostgresRow]) throws -> Int {
        let code = self.code(unit), rows = selected.count
        guard rows == expected(unit) else {
            throw BenchError("PostgreSQL: \(rows) rows for \(code), expected \(expected(unit)) (pg-load --rows/--codes/--network as seed?)")
        }
        return rows
    }

    /// `GET /v1/traces/{code}/proof` in the binary form.
    func proof(_ unit: Int) async throws -> [UInt8] {
        let path = "\(url)/v1/traces/" + Self.segment(code(unit)) + "/proof"
        let reply = try await client.get(path, accept: "application/octet-stream")
        guard reply.status == 200 else { throw BenchError("GET \(path) answered \(reply.status): \(reply.text)") }
        return Array(reply.body)
    }

    /// Offline verification against the genesis alone, then: the proven trace index
    /// lists exactly the bundled transactions, and they carry the unit's events.
    func verify(_ unit: Int, _ bytes: [UInt8]) throws {
        let key = code(unit)
        let verified = try LightClient.verify(bytes: bytes, genesis: genesis)
        guard let value = verified.entry(forKey: TraceContract.indexKey(for: key))?.value else {
            throw BenchError("proof of \(key): no trace index entry")
        }
        let index = try TraceIndex(canonicalBytes: value)
        try verified.requireTransactions(at: index.entries.map { (height: $0.height, index: $0.index) })
        var found = 0
        for carried in verified.transactions where carried.transaction.action == "recordBatch" {
            guard case .array(let records)? = carried.transaction.payload["records"] else { continue }
            found += records.filter { record in
                if case .object(let members) = record, case .string(let code)? = members["traceCode"] { return code == key }
                return false
            }.count
        }
        guard found == expected(unit) else {
            throw BenchError("proof of \(key): \(found) events in the proven transactions, expected \(expected(unit))")
        }
    }
}
