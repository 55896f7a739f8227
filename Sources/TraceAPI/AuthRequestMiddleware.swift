import Foundation
import HTTPTypes
import Hummingbird
import Synchronization
import TraceContracts
import TraceCrypto
import TraceModel
import TraceNode

/// API-key authentication of requests and the node's organisation keys (issue 6 item 5,
/// docs/auth.md): the key store under `<home>/auth/` and the organisation keys under
/// `<home>/keys/`, opened once per node home and reused.
enum APIAuth {
    struct Opened: Sendable {
        let store: ApiKeyStore
        let organisation: OrganisationKeys?
    }

    static let apiKeyHeader = HTTPField.Name("X-API-Key")
    static let opened = Mutex<[String: Opened]>([:])

    /// The store (reloaded, so keys the CLI added since are seen) and the organisation keys, if any.
    static func open(home: String) throws(APIError) -> Opened {
        if let cached = opened.withLock({ $0[home] }) {
            do throws(AuthError) { try cached.store.reload() } catch { throw APIError(error) }
            if cached.organisation != nil || !OrganisationKeys.exists(home: home) { return cached }
        }
        let store: ApiKeyStore
        do throws(AuthError) { store = try ApiKeyStore(home: home) } catch { throw APIError(error) }
        var organisation: OrganisationKeys?
        if OrganisationKeys.exists(home: home) {
            let passphrase = ProcessInfo.processInfo.environment["CROSSTRACE_ORG_PASSPHRASE"].flatMap { $0.isEmpty ? nil : Array($0.utf8) }
            do throws(AuthError) { organisation = try OrganisationKeys.load(home: home, passphrase: passphrase) } catch { throw APIError(error) }
        }
        let result = Opened(store: store, organisation: organisation)
        opened.withLock { $0[home] = result }
        return result
    }

    /// The principal of the request's API key; nil without `Authorization`/`X-API-Key`.
    static func principal(_ request: Request, home: String) throws(APIError) -> ApiPrincipal? {
        let authorization = request.headers[.authorization], apiKey = apiKeyHeader.flatMap { request.headers[$0] }
        guard authorization != nil || apiKey != nil else { return nil }
        let store = try open(home: home).store
        do throws(AuthError) {
            return try store.authenticate(authorization: authorization, xApiKey: apiKey)
        } catch {
            throw APIError(error)
        }
    }
}

extension TraceAPI {
    var homePath: String { host.home.config.home }

    /// The viewer of a `participant` or `regulator` view: the API key's participant,
    /// verified (a regulator for the regulator view); sealed fields open only for the
    /// node's own organisation, whose encryption key the node holds.
    func viewer(_ view: String, request: Request) async throws -> TraceViewer {
        guard let principal = try APIAuth.principal(request, home: homePath) else {
            throw APIError(.unauthorized, code: "unauthenticated", field: "Authorization",
                           message: "the \(view) view needs an API key of the viewing participant (docs/auth.md)")
        }
        let found = try await serviceAwait { () async throws(NodeServiceError) in
            try await host.participant(chain: Self.traceChain, id: principal.participant)
        }
        guard let participant = found, participant.status == .verified else {
            throw APIError(.forbidden, code: "forbidden", field: "participant",
                           message: "the API key's participant is not a verified participant of \(Self.traceChain)")
        }
        let organisation = try APIAuth.open(home: homePath).organisation
        let key = organisation?.participantId == principal.participant ? organisation?.encryptionKey : nil
        guard view == "regulator" else { return .participant(participant, decryptionKey: key) }
        guard participant.type.category == .regulator else {
            throw APIError(.forbidden, code: "forbidden", field: "view", message: "the regulator view is for verified regulators (R-7.1)")
        }
        return .regulator(participant, decryptionKey: key)
    }
}

extension APIError {
    /// 401 for missing, malformed, unknown or revoked keys; 403 for a key that may not do this; 503 otherwise.
    init(_ error: AuthError) {
        let status: HTTPResponse.Status = switch error.code {
        case .missingCredentials, .malformedKey, .unknownKey, .revokedKey: .unauthorized
        case .forbiddenRole, .forbiddenNodeKind, .forbidden, .signerMismatch: .forbidden
        case .organisationMissing: .forbidden
        default: .serviceUnavailable
        }
        self.init(status, code: error.code.rawValue, field: error.field, message: error.rule)
    }
}
