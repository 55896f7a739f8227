import TraceModel

/// Who an authenticated request acts for (issue 6 item 5): one participant,
/// named by its membership signer id `<alg>-<hex>`, with the Table 5 roles
/// and node kinds its API key carries.
public struct ApiPrincipal: Sendable, Hashable, CustomStringConvertible {
    public let keyId: String
    public let participant: String
    /// Sorted in Table 5 order.
    public let roles: [Role]
    /// Sorted in order.
    public let nodeKinds: [NodeKind]

    public init(keyId: String, participant: String, roles: [Role], nodeKinds: [NodeKind]) {
        self.keyId = keyId
        self.participant = participant
        self.roles = Set(roles).sorted()
        self.nodeKinds = NodeKind.allCases.filter(Set(nodeKinds).contains)
    }

    /// Refuses unless the key carries `role` (Table 5, R-7.1).
    public func authorize(role: Role) throws(AuthError) {
        guard roles.contains(role) else {
            throw AuthError(.forbiddenRole, field: "roles", rule: "API key \(keyId) does not carry role '\(role.rawValue)'")
        }
    }

    /// Refuses unless the key may act as `nodeKind`.
    public func authorize(nodeKind: NodeKind) throws(AuthError) {
        guard nodeKinds.contains(nodeKind) else {
            throw AuthError(.forbiddenNodeKind, field: "nodeKinds", rule: "API key \(keyId) may not act as node kind '\(nodeKind.rawValue)'")
        }
    }

    /// Refuses unless the principal is `participant`.
    public func authorize(participant expected: String) throws(AuthError) {
        guard participant == expected else {
            throw AuthError(.forbidden, field: "participant", rule: "API key \(keyId) belongs to another participant")
        }
    }

    public var description: String {
        "principal \(participant) key \(keyId) roles [\(roles.map(\.rawValue).joined(separator: ","))] "
            + "nodeKinds [\(nodeKinds.map(\.rawValue).joined(separator: ","))]"
    }
}
