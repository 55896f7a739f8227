import TraceCrypto
import TraceLedger
import TraceModel

/// `record` and `correct` (R-6.2.2, R-6.3.1.3, R-6.4, R-5.1-c, R-5.3.4):
/// payload `{"record": Record JSON with sealed fields as envelopes,
/// "counterparties"?: [signer id], "supersedes"?: {"height", "index"}}`
/// (`supersedes` only, and required, for `correct`).
enum TraceRecording {
    static let counterpartiesMax = 16

    static func record(_ session: inout TraceSession, _ fields: PayloadFields, correcting: Bool) throws(MembershipRefusal) {
        try fields.onlyMembers(correcting ? ["record", "counterparties", "supersedes"] : ["record", "counterparties"])
        let recordFields = try fields.object("record")
        let itemText = try recordFields.string("item", maxBytes: 64)
        guard let item = RecordItem(rawValue: itemText) else {
            throw MembershipRefusal(.invalidPayload, field: "record.item",
                rule: "must be an item id of Tables 1–4: " + RecordItem.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let writer = try checkWriter(session, block: item.block)
        let key = try recordFields.string("traceCode", maxBytes: Record.traceCodeLengthMax)
        let code = try session.issued(key, field: "record.traceCode")
        let counterparties = try self.counterparties(session, fields)
        // The readers (a directory scan) matter only when the record carries a sealed field.
        let data: [String: CanonicalJSON]
        if case .object(let members)? = recordFields.members["data"] { data = members } else { data = [:] }
        let carriesSealed = SealedFields.rules(of: item).contains { data[$0.field] != nil }
        let readers = !carriesSealed ? SealedReaders(parties: [], regulators: [:])
            : SealedReaders.required(session, writer: writer, owner: code.owner, counterparties: counterparties)
        let clear = try SealedCheck.clearForm(recordFields.members, item: item, traceCode: key, readers: readers)
        _ = try TracePayload.model("record") { try Record(json: clear) }
        var superseded: (position: RecordPosition, entry: StoredEntry)?
        if correcting { superseded = try checkCorrection(session, fields, item: item, key: key) }
        if let superseded {
            var old = superseded.entry
            old.supersededBy = session.position
            session.put(old, at: superseded.position)
        }
        session.put(StoredEntry(item: item, traceCode: key, participant: session.signerID, supersededBy: nil), at: session.position)
        let units = [key] + (try session.allContents(of: key))
        for unit in units {
            guard var held = session.code(unit) else { continue }
            held.noteRecorded(item)
            session.put(held)
        }
        try session.touch(units)
    }

    /// Only a verified participant whose node kind writes `block` and
    /// whose Table 5 roles include information provider records.
    static func checkWriter(_ session: TraceSession, block: InformationBlock) throws(MembershipRefusal) -> Participant {
        let decision = session.membership.mayWrite(signer: session.context.transaction.signer, block: block, at: session.height)
        guard decision.isAllowed, let writer = session.membership.participant(signer: session.context.transaction.signer) else {
            throw MembershipRefusal(.forbidden, field: "signer",
                rule: "\(decision.rawValue): may not write the \(block.rawValue) block; writers are "
                    + NodeKind.writers(of: block).map(\.rawValue).joined(separator: ", ") + " (R-6.2.2)")
        }
        guard writer.roles.contains(.informationProvider) else {
            throw MembershipRefusal(.forbidden, field: "signer", rule: "roleNotAllowed: only an information provider records (Table 5, R-7.3)")
        }
        return writer
    }

    static func counterparties(_ session: TraceSession, _ fields: PayloadFields) throws(MembershipRefusal) -> [Participant] {
        let ids = try fields.strings("counterparties", maxCount: counterpartiesMax, maxBytes: 300) ?? []
        var found: [Participant] = []
        for (index, id) in ids.enumerated() {
            guard let participant = session.membership.participant(id: id) else {
                throw MembershipRefusal(.notFound, field: "counterparties[\(index)]", rule: "'\(id)' is not a participant")
            }
            found.append(participant)
        }
        return found
    }

    /// A correction references an earlier record of the same item, unit and
    /// participant that nothing superseded yet; it never rewrites it (R-5.1-c).
    static func checkCorrection(_ session: TraceSession, _ fields: PayloadFields, item: RecordItem,
                                key: String) throws(MembershipRefusal) -> (position: RecordPosition, entry: StoredEntry) {
        let target = try fields.position("supersedes")
        guard let entry = session.entry(target) else {
            throw MembershipRefusal(.notFound, field: "supersedes", rule: "no record at \(target)")
        }
        if let by = entry.supersededBy {
            throw MembershipRefusal(.conflict, field: "supersedes",
                                    rule: "the record at \(target) was already superseded at \(by); correct that one instead")
        }
        let mismatch: String? = entry.item != item ? "item" : entry.traceCode != key ? "traceCode"
            : entry.participant != session.signerID ? "participant" : nil
        if let mismatch {
            throw MembershipRefusal(.conflict, field: "supersedes",
                                    rule: "a correction keeps the \(mismatch) of the record it supersedes (R-5.1-c)")
        }
        return (target, entry)
    }
}
