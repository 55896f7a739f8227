import TraceConsensus
import TraceCrypto
import TraceModel

/// The stored form of a participant: tagged canonical binary, one field
/// after another in a fixed order, lists already sorted (docs/contracts.md).
extension Participant {
    static let domain = "crosstrace/membership/participant/v1\n"
    static let listMax = 64
    static let textMax = 1024

    var canonicalBytes: [UInt8] {
        var writer = CanonicalWriter(domain: Self.domain)
        writer.writePublicKey(signer)
        writer.writeString(name)
        writer.writeString(type.subtype.rawValue)
        writer.writeString(country.code)
        Self.writeList(nodeKinds.map(\.rawValue), into: &writer)
        Self.writeList(roles.map(\.rawValue), into: &writer)
        Self.writeRegistration(registration, into: &writer)
        Self.writeList(gs1CompanyPrefixes, into: &writer)
        Self.writeList(documentHashes, into: &writer)
        writer.writeString(encryptionKey.kind.rawValue)
        writer.writeBytes(encryptionKey.rawBytes)
        writer.writeUInt8(status.tag)
        writer.writeUInt8(priorStatus.tag)
        writer.writeUInt64(effectiveHeight.rawValue)
        writer.writeString(reason)
        writer.writeString(certificateFingerprint ?? "")
        writer.writeBool(decidedBy != nil)
        if let decidedBy { writer.writePublicKey(decidedBy) }
        return writer.bytes
    }

    /// The participant stored as `bytes`, or `nil` if they are not one.
    init?(canonicalBytes bytes: [UInt8]) {
        if let known = ParticipantMemo.shared.participant(bytes) {
            self = known
            return
        }
        guard let decoded = try? Self.decode(bytes) else { return nil }
        ParticipantMemo.shared.insert(decoded, for: bytes)
        self = decoded
    }

    private static func decode(_ bytes: [UInt8]) throws -> Participant {
        var reader = try CanonicalReader(bytes, domain: domain)
        let signer = try reader.readPublicKey()
        let name = try reader.readString("name", maxCount: textMax)
        guard let subtype = ParticipantSubtype(rawValue: try reader.readString("subtype", maxCount: textMax)) else {
            throw MembershipRefusal(.invalidPayload, field: "subtype", rule: "stored sub-type unknown")
        }
        let country = try CountryCode(try reader.readString("country", maxCount: 8))
        let kinds = try readList(&reader, "nodeKinds").compactMap(NodeKind.init(rawValue:))
        let roles = try readList(&reader, "roles").compactMap(Role.init(rawValue:))
        let registration = try readRegistration(&reader)
        let prefixes = try readList(&reader, "gs1CompanyPrefixes")
        let documents = try readList(&reader, "documentHashes")
        guard let keyKind = EncryptionKeyKind(rawValue: try reader.readString("encryptionKey.kind", maxCount: 16)) else {
            throw MembershipRefusal(.invalidPayload, field: "encryptionKey.kind", rule: "stored kind unknown")
        }
        let keyBytes = try reader.readBytes("encryptionKey", maxCount: 256)
        let status = try readStatus(&reader), prior = try readStatus(&reader)
        let effective = Height(try reader.readUInt64("effectiveHeight"))
        let reason = try reader.readString("reason", maxCount: textMax)
        let fingerprint = try reader.readString("certificateFingerprint", maxCount: 128)
        var decidedBy: PublicKey?
        if try reader.readBool("decidedBy.present") { decidedBy = try reader.readPublicKey() }
        try reader.finish()
        return Participant(signer: signer, name: name, type: ParticipantType(subtype), country: country, nodeKinds: kinds,
                           roles: roles, registration: registration, gs1CompanyPrefixes: prefixes, documentHashes: documents,
                           encryptionKey: EncryptionPublicKey(kind: keyKind, rawBytes: keyBytes), status: status,
                           priorStatus: prior, effectiveHeight: effective, reason: reason,
                           certificateFingerprint: fingerprint.isEmpty ? nil : fingerprint, decidedBy: decidedBy)
    }

    static func writeList(_ items: [String], into writer: inout CanonicalWriter) {
        writer.writeUInt32(UInt32(items.count))
        for item in items { writer.writeString(item) }
    }

    static func readList(_ reader: inout CanonicalReader, _ field: String, maxCount: Int = listMax) throws -> [String] {
        let count = Int(try reader.readUInt32(field + ".count"))
        guard count <= maxCount else { throw MembershipRefusal(.tooLarge, field: field, rule: "stored list too long") }
        var out: [String] = []
        for _ in 0..<count { out.append(try reader.readString(field, maxCount: textMax)) }
        return out
    }

    private static func readStatus(_ reader: inout CanonicalReader) throws -> MembershipStatus {
        let tag = Int(try reader.readUInt8("status"))
        guard tag < MembershipStatus.allCases.count else {
            throw MembershipRefusal(.invalidPayload, field: "status", rule: "stored status unknown")
        }
        return MembershipStatus.allCases[tag]
    }

    private static func writeRegistration(_ registration: RegistrationIdentifier, into writer: inout CanonicalWriter) {
        switch registration {
        case .unifiedSocialCreditCode(let code): writer.writeUInt8(0); writer.writeString(code.text)
        case .lei(let code): writer.writeUInt8(1); writer.writeString(code.text)
        case .overseas(let registration):
            writer.writeUInt8(2)
            writer.writeString(registration.country.code)
            writer.writeString(registration.registryNumber)
        }
    }

    private static func readRegistration(_ reader: inout CanonicalReader) throws -> RegistrationIdentifier {
        switch try reader.readUInt8("registration.kind") {
        case 0: return .unifiedSocialCreditCode(try UnifiedSocialCreditCode(try reader.readString("registration", maxCount: 64)))
        case 1: return .lei(try LEI(try reader.readString("registration", maxCount: 64)))
        case 2:
            let country = try CountryCode(try reader.readString("registration.country", maxCount: 8))
            return .overseas(try OverseasRegistration(country: country,
                                                      registryNumber: try reader.readString("registration", maxCount: textMax)))
        default: throw MembershipRefusal(.invalidPayload, field: "registration.kind", rule: "stored kind unknown")
        }
    }
}
