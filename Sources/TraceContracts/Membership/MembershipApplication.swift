import TraceConsensus
import TraceCrypto
import TraceModel

/// Reads and checks an `apply` payload (R-6.3.1.2): category and sub-type
/// node kinds, roles (Table 5, R-7.1), registration
/// identifier, GS1 company prefixes, qualification document digests and a
/// separate encryption key. The first broken rule is the refusal.
enum MembershipApplication {
    static let members: Set<String> = ["name", "category", "subtype", "country", "nodeKinds", "roles", "registration",
                                       "gs1CompanyPrefixes", "documentHashes", "encryptionKey"]
    static let nameBytesMax = 200
    static let prefixesMax = 16
    static let documentsMax = 32

    static func participant(signer: PublicKey, payload: [String: CanonicalJSON],
                            height: Height) throws(MembershipRefusal) -> Participant {
        let fields = PayloadFields(members: payload)
        try fields.onlyMembers(members)
        let name = try fields.string("name", maxBytes: nameBytesMax)
        let type = try participantType(fields)
        let country = try model("country") { () throws -> CountryCode in try CountryCode(try fields.string("country", maxBytes: 8)) }
        let kinds = try nodeKinds(fields, type: type)
        let roles = try self.roles(fields, category: type.category, kinds: kinds)
        let registration = try RegistrationCheck.identifier(try fields.object("registration"), country: country)
        let prefixes = try gs1Prefixes(fields)
        let documents = try documentHashes(fields)
        let key = try encryptionKey(try fields.object("encryptionKey"), signer: signer)
        return Participant(signer: signer, name: name, type: type, country: country, nodeKinds: kinds, roles: roles,
                           registration: registration, gs1CompanyPrefixes: prefixes, documentHashes: documents,
                           encryptionKey: key, status: .pending, priorStatus: .pending,
                           effectiveHeight: Height(height.rawValue &+ 1), reason: "", certificateFingerprint: nil,
                           decidedBy: nil)
    }

    /// Runs a TraceModel check, turning its error into a refusal.
    static func model<T>(_ field: String, _ body: () throws -> T) throws(MembershipRefusal) -> T {
        do { return try body() } catch let refusal as MembershipRefusal {
            throw refusal
        } catch let error as ModelValidationError {
            throw MembershipRefusal(error, field: field)
        } catch {
            throw MembershipRefusal(.invalidPayload, field: field, rule: "\(error)")
        }
    }

    static func participantType(_ fields: PayloadFields) throws(MembershipRefusal) -> ParticipantType {
        let categoryText = try fields.string("category", maxBytes: 64)
        guard let category = ParticipantCategory(rawValue: categoryText) else {
            throw MembershipRefusal(.invalidPayload, field: "category", rule: "must be one of: "
                + ParticipantCategory.allCases.map(\.rawValue).joined(separator: ", ") + " (R-6.1)")
        }
        let subtypeText = try fields.string("subtype", maxBytes: 64)
        guard let subtype = ParticipantSubtype(rawValue: subtypeText) else {
            throw MembershipRefusal(.invalidPayload, field: "subtype", rule: "must be one of the sub-types of '\(category.rawValue)': "
                + category.subtypes.map(\.rawValue).joined(separator: ", ") + " (R-6.1)")
        }
        return try model("subtype") { try ParticipantType(category: category, subtype: subtype) }
    }

    static func nodeKinds(_ fields: PayloadFields, type: ParticipantType) throws(MembershipRefusal) -> [NodeKind] {
        let texts = try fields.strings("nodeKinds", maxCount: NodeKind.allCases.count, maxBytes: 64) ?? []
        var kinds: [NodeKind] = []
        for (index, text) in texts.enumerated() {
            guard let kind = NodeKind(rawValue: text) else {
                throw MembershipRefusal(.invalidPayload, field: "nodeKinds[\(index)]",
                                        rule: "'\(text)' is not a node kind of R-6.2.2")
            }
            try model("nodeKinds") { try kind.checkOperator(type) }
            kinds.append(kind)
        }
        return NodeKind.allCases.filter { kinds.contains($0) }
    }

    /// Table 5 roles; writing node kinds need the information-provider role.
    static func roles(_ fields: PayloadFields, category: ParticipantCategory,
                      kinds: [NodeKind]) throws(MembershipRefusal) -> [Role] {
        guard let texts = try fields.strings("roles", maxCount: Role.allCases.count, maxBytes: 64), !texts.isEmpty else {
            throw MembershipRefusal(.invalidPayload, field: "roles", rule: "at least one Table 5 role is required (R-7.1)")
        }
        var roles: [Role] = []
        for (index, text) in texts.enumerated() {
            guard let role = Role(rawValue: text) else {
                throw MembershipRefusal(.invalidPayload, field: "roles[\(index)]", rule: "'\(text)' is not a role of Table 5 (R-7.1)")
            }
            roles.append(role)
        }
        try model("roles") { try Role.check(roles, for: category) }
        if !kinds.isEmpty, !roles.contains(.informationProvider) {
            throw MembershipRefusal(.invalidPayload, field: "roles",
                                    rule: "requesting node kinds needs role 'informationProvider' (R-7.3, R-6.2.2)")
        }
        return roles.sorted()
    }

    static func gs1Prefixes(_ fields: PayloadFields) throws(MembershipRefusal) -> [String] {
        let prefixes = try fields.strings("gs1CompanyPrefixes", maxCount: prefixesMax, maxBytes: 12) ?? []
        for (index, prefix) in prefixes.enumerated()
        where !(6...12).contains(prefix.utf8.count) || !prefix.utf8.allSatisfy({ (48...57).contains($0) }) {
            throw MembershipRefusal(.invalidPayload, field: "gs1CompanyPrefixes[\(index)]",
                                    rule: "a GS1 company prefix is 6 to 12 digits (GS1 General Specifications)")
        }
        return prefixes.sorted()
    }

    static func documentHashes(_ fields: PayloadFields) throws(MembershipRefusal) -> [String] {
        guard let texts = try fields.strings("documentHashes", maxCount: documentsMax, maxBytes: 64), !texts.isEmpty else {
            throw MembershipRefusal(.invalidPayload, field: "documentHashes",
                                    rule: "at least one qualification document digest is required (R-6.3.1.2)")
        }
        var digests: [String] = []
        for (index, text) in texts.enumerated() {
            let digest = try PayloadFields.digest(text, field: "documentHashes[\(index)]")
            guard !digests.contains(digest) else {
                throw MembershipRefusal(.invalidPayload, field: "documentHashes[\(index)]", rule: "duplicate digest")
            }
            digests.append(digest)
        }
        return digests.sorted()
    }

    /// `{"kind": "x25519"|"sm2", "key": hex}`: 32 bytes for X25519, a 65-byte
    /// uncompressed point for SM2, never the signing key's bytes.
    static func encryptionKey(_ fields: PayloadFields, signer: PublicKey) throws(MembershipRefusal) -> EncryptionPublicKey {
        try fields.onlyMembers(["kind", "key"])
        let kindText = try fields.string("kind", maxBytes: 16)
        guard let kind = EncryptionKeyKind(rawValue: kindText) else {
            throw MembershipRefusal(.invalidPayload, field: "encryptionKey.kind", rule: "must be x25519 or sm2")
        }
        let text = try fields.string("key", maxBytes: 256)
        guard let bytes = try? Hex.decode(text) else {
            throw MembershipRefusal(.invalidPayload, field: "encryptionKey.key", rule: "must be hex")
        }
        let valid = kind == .x25519 ? bytes.count == 32 : (bytes.count == 65 && bytes.first == 4)
        guard valid else {
            throw MembershipRefusal(.invalidPayload, field: "encryptionKey.key",
                                    rule: kind == .x25519 ? "an X25519 key is 32 bytes" : "an SM2 key is a 65-byte uncompressed point")
        }
        guard bytes != signer.rawBytes else {
            throw MembershipRefusal(.invalidPayload, field: "encryptionKey.key",
                                    rule: "the encryption key must differ from the signing key (R-5.3.4)")
        }
        return EncryptionPublicKey(kind: kind, rawBytes: bytes)
    }
}
