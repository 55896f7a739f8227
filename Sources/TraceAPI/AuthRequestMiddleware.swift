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
/// `<home>/keys/`, each opened once per node home and reused.
enum APIAuth {
    static let apiKeyHeader = HTTPField.Name("X-API-Key")
    static let stores = Mutex<[String: ApiKeyStore]>([:])
    static let organisations = Mutex<[String: OrganisationKeys]>([:])

    /// The key store of `home`, reloaded so keys the CLI added since are seen.
    static func store(home: String) throws(APIError) -> ApiKeyStore {
        do throws(AuthError) {
            if let cached = stores.withLock({ $0[home] }) {
                try cached.reload()
                return cached
            }
            let store = try ApiKeyStore(home: home)
            stores.withLock { $0[home] = store }
            return store
        } catch {
            throw APIError(error)
        }
    }

    /// The organisation keys of `home` (under `$CROSSTRACE_ORG_PASSPHRASE`), nil when the node has none.
    static func organisation(home: String) throws(APIError) -> OrganisationKeys? {
        if let cached = organisations.withLock({ $0[home] }) { return cached }
        guard OrganisationKeys.exists(home: home) else { return nil }
        let passphrase = ProcessInfo.processInfo.environment["CROSSTRACE_ORG_PASSPHRASE"].flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        do throws(AuthError) {
            let keys = try OrganisationKeys.load(home: home, passphrase: passphrase)
            organisations.withLock { $0[home] = keys }
            return keys
        } catch {
            throw APIError(error)
        }
    }

    /// The principal of the request's API key; nil without `Authorization`/`X-API-Key`.
    static func principal(_ request: Request, home: String) throws(APIError) -> ApiPrincipal? {
        let authorization = request.headers[.authorization], apiKey = apiKeyHeader.flatMap { request.headers[$0] }
        guard authorization != nil || apiKey != nil else { return nil }
        let store = try store(home: home)
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
        // Sealed fields stay closed when the organisation key cannot be opened.
        let organisation = try? APIAuth.organisation(home: homePath)
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
