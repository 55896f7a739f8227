import TraceCrypto
import TraceLedger
import TraceModel

/// Who must be able to open a record's sealed fields, by signer id.
struct SealedReaders {
    /// Always readers: the writer, the unit's owner and the named counterparties.
    let parties: [String]
    /// Verified regulators of the owner's country, by sub-type.
    let regulators: [ParticipantSubtype: [String]]

    static func required(_ session: TraceSession, writer: Participant, owner: String,
                         counterparties: [Participant]) -> SealedReaders {
        let parties = Set([writer.signerID, owner] + counterparties.map(\.signerID)).sorted()
        let country = session.membership.participant(id: owner)?.country ?? writer.country
        var regulators: [ParticipantSubtype: [String]] = [:]
        for participant in session.membership.directory(country: country, at: session.height)
        where SealedFields.regulatorColumns.contains(participant.type.subtype) {
            regulators[participant.type.subtype, default: []].append(participant.signerID)
        }
        return SealedReaders(parties: parties, regulators: regulators)
    }

    /// Readers a field sealed under `rule` must name, sorted.
    func readers(for rule: SealedFieldRule) -> [String] {
        Set(parties + rule.regulators.flatMap { regulators[$0] ?? [] }).sorted()
    }
}

/// Checks that every sealed field is an envelope naming every required reader,
/// and returns the record with each envelope replaced by a stand-in value so
/// its clear members can be checked against the field tables.
enum SealedCheck {
    static func clearForm(_ record: [String: CanonicalJSON], item: RecordItem, traceCode: String,
                          readers: SealedReaders, prefix: String = "record") throws(MembershipRefusal) -> JSONValue {
        guard case .object(var data)? = record["data"] else {
            throw MembershipRefusal(.invalidPayload, field: prefix + ".data", rule: "required object member is missing or not an object")
        }
        var clear = record.mapValues(TracePayload.jsonValue)
        var dataClear = data.mapValues(TracePayload.jsonValue)
        for rule in SealedFields.rules(of: item) {
            guard let value = data.removeValue(forKey: rule.field) else { continue }
            let field = "\(prefix).data.\(rule.field)"
            guard let sealed = SealedFields.sealedValue(value) else {
                throw MembershipRefusal(.invalidPayload, field: field, rule: "must be sealed (R-5.3.4)")
            }
            let named = Set(sealed.recipients.map(\.readerId))
            if let missing = readers.readers(for: rule).first(where: { !named.contains($0) }) {
                throw MembershipRefusal(.invalidPayload, field: field,
                                        rule: "the envelope is not wrapped for required reader \(missing) (R-5.3.4)")
            }
            guard let kind = item.dataSpec.fields.first(where: { $0.name == rule.field })?.kind,
                  let standIn = SealedFields.standIn(kind) else {
                preconditionFailure("every sealed field has a kind with a stand-in")
            }
            dataClear[rule.field] = standIn
        }
        clear["data"] = .object(dataClear)
        return .object(clear)
    }
}
