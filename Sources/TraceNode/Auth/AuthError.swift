/// Why a request's credentials, an API key operation or an organisation key
/// operation was refused (issue 6 item 5). Equality is on `code` only
/// (STYLE.md #8). No description ever contains an API key's secret.
public struct AuthError: Error, Hashable, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable, CaseIterable {
        /// No `Authorization` or `X-API-Key` header.
        case missingCredentials
        /// A header or key that is not `Bearer ctk_<keyId>_<secret>` in the exact format.
        case malformedKey
        /// No such key, or a secret that does not match it (the two are not told apart).
        case unknownKey
        /// The key was revoked.
        case revokedKey
        /// The key does not carry the role the request needs.
        case forbiddenRole
        /// The key may not act as the node kind the request needs.
        case forbiddenNodeKind
        /// The principal belongs to another participant.
        case forbidden
        /// A client-signed transaction's signer is not the principal's participant.
        case signerMismatch
        /// A key request outside what may be granted (roles, node kinds, label, participant id).
        case invalidScope
        /// The key store or a key file could not be parsed.
        case corruptStore
        /// A file could not be read or written.
        case storage
        /// The organisation has no keys yet (`crosstrace org init`).
        case organisationMissing
        /// The organisation's keys already exist.
        case organisationExists
        /// The organisation key's algorithm is not one the chain profile admits.
        case wrongProfile
        /// The organisation key file is encrypted and the passphrase is missing or wrong.
        case wrongPassphrase
    }

    public let code: Code
    /// The header, field or file concerned.
    public let field: String
    /// The rule that was broken, in words.
    public let rule: String

    public init(_ code: Code, field: String, rule: String) {
        self.code = code
        self.field = field
        self.rule = rule
    }

    public var description: String { "auth: \(code.rawValue) in '\(field)': \(rule)" }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
