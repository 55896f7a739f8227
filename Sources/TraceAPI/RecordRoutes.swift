import Foundation
import Hummingbird
import TraceCrypto
import TraceLedger
import TraceModel
import TraceNode

/// The application writes of the trade chain (issue 6 item 5): each route takes one
/// client-signed transaction in its JSON wire form for the contract actions it names,
/// answers 202 with its id and status URL, or with `?wait=true` 201 with the receipt
/// (422 with the contract's code and detail when the contract refused it).
extension TraceAPI {
    /// One write route: path, the contract, the actions it accepts.
    struct WriteRoute: Sendable {
        let path: String
        let contract: String
        let actions: [String]
        /// The path parameter that must equal `payload.participant`, if any.
        let participantParameter: String?
    }

    static let writeRoutes: [WriteRoute] = [
        WriteRoute(path: "/v1/participants/applications", contract: "membership", actions: ["apply"], participantParameter: nil),
        WriteRoute(path: "/v1/participants/:id/verification", contract: "membership",
                   actions: ["verify", "reject", "suspend", "reinstate", "revoke"], participantParameter: "id"),
        WriteRoute(path: "/v1/codes", contract: "trace", actions: ["issue", "license"], participantParameter: nil),
        WriteRoute(path: "/v1/records", contract: "trace", actions: ["record"], participantParameter: nil),
        WriteRoute(path: "/v1/aggregations", contract: "trace", actions: ["aggregate", "disaggregate", "split"], participantParameter: nil),
        WriteRoute(path: "/v1/corrections", contract: "trace", actions: ["correct"], participantParameter: nil),
        WriteRoute(path: "/v1/tracks", contract: "trace", actions: ["track"], participantParameter: nil),
    ]

    /// Polls for the receipt of a `?wait=true` write at most this many times, 50 ms apart (10 s).
    static let waitPolls = 200

    func addWriteRoutes(to router: Router<BasicRequestContext>) {
        let api = self
        for route in Self.writeRoutes {
            router.post(RouterPath(route.path)) { request, context in
                let participant = try route.participantParameter.map { try context.parameters.require($0) }
                return try await api.write(request, route: route, participant: participant)
            }
        }
    }

    func write(_ request: Request, route: WriteRoute, participant: String?) async throws -> Response {
        let chain = Self.traceChain
        let setup = try serviceCall { () throws(NodeServiceError) in try host.setup(of: chain) }
        let wait = try Self.flag(request, "wait")
        let bytes = try await RequestBody.collect(request, limit: bounds.bodyBytesMax, bound: Self.bodyBound)
        guard !bytes.isEmpty else { throw APIError.malformed("transaction", "the body is empty; a signed transaction is required") }
        let principal = try APIAuth.principal(request, home: homePath)
        let transaction: Transaction
        if case .object(let members) = try RequestBody.json(bytes, limit: bounds.bodyBytesMax, field: "transaction"),
           members["signature"] == nil {
            transaction = try nodeSigned(members, route: route, principal: principal, request: request, profile: setup.profile)
        } else {
            do throws(LedgerError) {
                transaction = try Transaction(wireBytes: bytes, limits: bounds.transactionLimits)
            } catch {
                throw APIError(error)
            }
            do throws(AuthError) { try ClientSignedTransaction.checkSigner(transaction, principal: principal) } catch { throw APIError(error) }
        }
        try Self.check(transaction, route: route, participant: participant, chain: chain)
        let results = try await serviceAwait { () async throws(NodeServiceError) in try await host.submit([transaction], chain: chain) }
        metrics.noteSubmitted(results)
        if let rejection = results.first?.rejection { throw APIError(rejection) }
        let id = transaction.id(setup.profile.hash)
        let statusURL = "/v1/chains/\(chain)/transactions/\(id.description)"
        if wait, let committed = try await waitCommitted(chain: chain, id: id) { return try Self.receiptResponse(id, committed, statusURL) }
        var response = JSONResponse.make(.object(["id": .string(id.description), "status": .string("accepted"),
                                                  "statusUrl": .string(statusURL)]), status: .accepted)
        response.headers[.location] = statusURL
        return response
    }

    /// A body without `signature` is the payload; the node signs it with its organisation
    /// key for an authenticated user of the organisation (docs/auth.md). `?action=` picks
    /// the action on routes with several (default: the first); trace writes need the key's
    /// `informationProvider` role (Table 5, R-7.3).
    func nodeSigned(_ payload: [String: CanonicalJSON], route: WriteRoute, principal: ApiPrincipal?, request: Request,
                    profile: CryptoProfile) throws -> Transaction {
        guard let principal else {
            throw APIError(.unauthorized, code: "unauthenticated", field: "Authorization",
                           message: "an unsigned body is signed by the node for an API key of its organisation; send a key or a signed transaction")
        }
        let action = request.uri.queryParameters.get("action") ?? route.actions[0]
        guard route.actions.contains(action) else {
            throw APIError(.badRequest, code: "wrongAction", field: "action",
                           message: "\(route.path) takes \(route.actions.joined(separator: ", ")), not '\(action.prefix(32))'")
        }
        guard let organisation = try APIAuth.organisation(home: homePath) else {
            throw APIError(.forbidden, code: "organisationMissing", field: "Authorization", message: "this node holds no organisation key")
        }
        do {
            if route.contract == "trace" { try principal.authorize(role: .informationProvider) }
            let signer = try OrganisationSigner(chain: Self.traceChain, profile: profile, signingKey: organisation.signingKey)
            return try signer.sign(for: principal, contract: route.contract, action: action, payload: payload,
                                   time: Int64(Date().timeIntervalSince1970 * 1000), nonce: OrganisationSigner.randomNonce())
        } catch let error as AuthError {
            throw APIError(error)
        } catch let error as LedgerError {
            throw APIError(error)
        }
    }

    /// The transaction is for this chain and one of the route's contract actions.
    static func check(_ transaction: Transaction, route: WriteRoute, participant: String?, chain: String) throws(APIError) {
        guard transaction.chain == chain else {
            throw APIError(.badRequest, code: "wrongChain", field: "chain", message: "this route writes '\(chain)', not '\(transaction.chain)'")
        }
        guard transaction.contract == route.contract, route.actions.contains(transaction.action) else {
            throw APIError(.badRequest, code: "wrongAction", field: "action",
                           message: "\(route.path) takes \(route.contract) actions \(route.actions.joined(separator: ", ")), "
                               + "not \(transaction.contract)/\(transaction.action)")
        }
        if let participant, transaction.payload["participant"] != .string(participant) {
            throw APIError.invalid("payload.participant", "must be the participant of the path, '\(participant.prefix(80))'")
        }
    }

    /// The committed status of `id`, polled while it is pending (bounded by `waitPolls`).
    func waitCommitted(chain: String, id: TransactionID) async throws -> (height: UInt64, receipt: Receipt)? {
        for _ in 0..<Self.waitPolls {
            let status = try await serviceAwait { () async throws(NodeServiceError) in try await host.transaction(chain: chain, id: id) }
            if case .committed(let height, let receipt)? = status { return (height, receipt) }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// 201 with the receipt when the contract accepted, 422 with its code and detail otherwise.
    static func receiptResponse(_ id: TransactionID, _ committed: (height: UInt64, receipt: Receipt), _ statusURL: String) throws -> Response {
        let receipt = committed.receipt
        guard receipt.code == .ok else {
            let field = receipt.detail.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            throw APIError(.unprocessableContent, code: receipt.code.name, field: field,
                           message: "\(receipt.detail) (transaction \(id.description), height \(committed.height))")
        }
        var response = JSONResponse.make(APIRendering.transaction(id, .committed(height: committed.height, receipt: receipt)), status: .created)
        response.headers[.location] = statusURL
        return response
    }
}
