import Hummingbird
import TraceCrypto
import TraceLedger
import TraceNode

/// `POST /v1/chains/{chain}/transactions[/batch]` and `GET …/transactions/{id}` (issue 5 item 7).
extension TraceAPI {
    static let bodyBound = "limits.http_body_bytes_max"
    static let batchBound = "limits.batch_bytes_max"

    /// One transaction in its JSON wire form: 202 `accepted`, or the mempool's rejection.
    func submitOne(_ request: Request, chain: String) async throws -> Response {
        _ = try serviceCall { () throws(NodeServiceError) in try host.setup(of: chain) }
        let bytes = try await RequestBody.collect(request, limit: bounds.bodyBytesMax, bound: Self.bodyBound)
        guard !bytes.isEmpty else { throw APIError.malformed("transaction", "the body is empty; a transaction object is required") }
        let transaction: Transaction
        do throws(LedgerError) {
            transaction = try Transaction(wireBytes: bytes, limits: bounds.transactionLimits)
        } catch {
            throw APIError(error)
        }
        let results = try await serviceAwait { () async throws(NodeServiceError) in try await host.submit([transaction], chain: chain) }
        metrics.noteSubmitted(results)
        guard let result = results.first else { throw APIError(.internalServerError, code: "internal", field: "", message: "no admission result") }
        if let rejection = result.rejection { throw APIError(rejection) }
        return JSONResponse.make(.object(APIRendering.admission(result)), status: .accepted)
    }

    /// `{"transactions":[…]}`: one result per item, in order; a malformed item rejects that item only.
    func submitBatch(_ request: Request, chain: String) async throws -> Response {
        _ = try serviceCall { () throws(NodeServiceError) in try host.setup(of: chain) }
        let bytes = try await RequestBody.collect(request, limit: bounds.batchBytesMax, bound: Self.batchBound)
        guard case .object(let members) = try RequestBody.json(bytes, limit: bounds.batchBytesMax, field: "transactions") else {
            throw APIError.malformed("body", "a JSON object {\"transactions\": [...]}")
        }
        if let unknown = members.keys.sorted().first(where: { $0 != "transactions" }) {
            throw APIError.invalid(unknown, "not a batch member; the only member is 'transactions'")
        }
        guard case .array(let items) = members["transactions"] else {
            throw APIError(.badRequest, code: "missingField", field: "transactions", message: "required: an array of transactions")
        }
        guard items.count <= bounds.batchItemsMax else {
            throw APIError(.contentTooLarge, code: "batchTooLarge", field: "transactions",
                           message: "at most \(bounds.batchItemsMax) transactions per batch, got \(items.count)")
        }
        var results = [[String: CanonicalJSON]?](repeating: nil, count: items.count)
        var parsed: [(index: Int, transaction: Transaction)] = []
        for (index, item) in items.enumerated() {
            do throws(LedgerError) {
                parsed.append((index, try Self.transaction(item, limits: bounds.transactionLimits)))
            } catch {
                results[index] = ["status": .string("rejected"), "code": .string(error.code.rawValue),
                                  "field": .string(error.field), "message": .string(error.rule)]
            }
        }
        let transactions = parsed.map(\.transaction)
        let admitted = try await serviceAwait { () async throws(NodeServiceError) in try await host.submit(transactions, chain: chain) }
        metrics.noteSubmitted(admitted)
        for (entry, result) in zip(parsed, admitted) { results[entry.index] = APIRendering.admission(result) }
        let rendered: [CanonicalJSON] = results.enumerated().map { index, result in
            var object = result ?? ["status": .string("rejected"), "code": .string("internal")]
            object["index"] = .integer(Int64(index))
            return .object(object)
        }
        return JSONResponse.make(.object(["results": .array(rendered)]))
    }

    /// One batch item: re-read from its canonical bytes, so it gets exactly the single-submit checks.
    static func transaction(_ item: CanonicalJSON, limits: TransactionLimits) throws(LedgerError) -> Transaction {
        guard case .object = item else { throw LedgerError(.malformed, field: "transaction", rule: "a JSON object") }
        let bytes: [UInt8]
        do {
            bytes = try item.canonicalBytes()
        } catch {
            throw LedgerError(.malformed, field: "transaction", rule: "\(error)")
        }
        return try Transaction(wireBytes: bytes, limits: limits)
    }

    /// Where transaction `id` is: pending or committed with its receipt; 404 unknown.
    func transaction(chain: String, id text: String) async throws -> Response {
        let setup = try serviceCall { () throws(NodeServiceError) in try host.setup(of: chain) }
        let length = setup.profile.hash.digestCount * 2
        guard text.utf8.count == length, text.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }),
              let bytes = try? Hex.decode(text) else {
            throw APIError.invalid("id", "a transaction id is \(length) lowercase hex digits")
        }
        let id = TransactionID(bytes: bytes)
        guard let status = try await serviceAwait({ () async throws(NodeServiceError) in try await host.transaction(chain: chain, id: id) }) else {
            throw APIError.notFound("id", "no transaction \(text) is pending or committed on '\(chain)'")
        }
        return JSONResponse.make(APIRendering.transaction(id, status))
    }

    /// A node call with its error turned into an `APIError`.
    func serviceCall<T>(_ body: () throws(NodeServiceError) -> T) throws(APIError) -> T {
        do throws(NodeServiceError) {
            return try body()
        } catch {
            throw APIError(error)
        }
    }

    func serviceAwait<T>(_ body: () async throws(NodeServiceError) -> T) async throws(APIError) -> T {
        do throws(NodeServiceError) {
            return try await body()
        } catch {
            throw APIError(error)
        }
    }
}
