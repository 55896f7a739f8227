import TraceCrypto
import TraceLedger
import TraceModel

/// `record` and `correct` (R-6.2.2, R-6.3.1.3, R-6.4, R-5.1-c, R-5.3.4):
/// payload `{"record": Record JSON with sealed fields as envelopes,
/// "counterparties"?: [signer id], "supersedes"?: {"height", "index"}}`
/// (`supersedes` only, and required, for `correct`; its `"record"` member
/// names a record inside a `recordBatch` transaction).
enum TraceRecording {
    static let counterpartiesMax = 16

    static func record(_ session: inout TraceSession, _ fields: PayloadFields, correcting: Bool) throws(MembershipRefusal) {
        try fields.onlyMembers(correcting ? ["record", "counterparties", "supersedes"] : ["record", "counterparties"])
        let recordFields = try fields.object("record")
        let checked = try check(session, recordFields, prefix: "record") { () throws(MembershipRefusal) in
            try counterparties(session, fields)
        }
        if correcting {
            let target = try fields.recordTarget("supersedes")
            var old = try checkCorrection(session, target: target, item: checked.item, key: checked.key)
            old.supersededBy = session.position
            session.put(old, at: target.position, record: target.record)
        }
        try store(&session, checked, record: nil)
    }

    /// What one checked record is about.
    struct CheckedRecord {
        let item: RecordItem
        let key: String
        /// The unit's code as the check read it; nothing writes it before `store`.
        let code: IssuedCode
    }

    /// Every check of one record object (R-6.2.2, Table 5, R-6.3.1.3, R-5.3.4 and
    /// the TraceModel's own validation), with `prefix` (`record`, `records[7]`)
    /// leading the field paths it names.
    static func check(_ session: TraceSession, _ recordFields: PayloadFields, prefix: String,
                      counterparties named: () throws(MembershipRefusal) -> [Participant]) throws(MembershipRefusal) -> CheckedRecord {
        let itemText = try recordFields.string("item", maxBytes: 64)
        guard let item = RecordItem(rawValue: itemText) else {
            throw MembershipRefusal(.invalidPayload, field: prefix + ".item",
                rule: "must be an item id of Tables 1–4: " + RecordItem.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let writer = try checkWriter(session, block: item.block)
        let key = try recordFields.string("traceCode", maxBytes: Record.traceCodeLengthMax)
        let code = try session.issued(key, field: prefix + ".traceCode")
        let counterparties = try named()
        // The readers (a directory scan) matter only when the record carries a sealed field.
        let data: [String: CanonicalJSON]
        if case .object(let members)? = recordFields.members["data"] { data = members } else { data = [:] }
        let carriesSealed = SealedFields.rules(of: item).contains { data[$0.field] != nil }
        let readers = !carriesSealed ? SealedReaders(parties: [], regulators: [:])
            : SealedReaders.required(session, writer: writer, owner: code.owner, counterparties: counterparties)
        let clear = try SealedCheck.clearForm(recordFields.members, item: item, traceCode: key, readers: readers, prefix: prefix)
        _ = try TracePayload.model(prefix) { try Record(json: clear) }
        return CheckedRecord(item: item, key: key, code: code)
    }

    /// Keeps the record's entry (under the transaction's position, with `record`
    /// its place inside a `recordBatch`), notes the item on the unit and every unit
    /// inside it, and lists the transaction in their trace indexes.
    static func store(_ session: inout TraceSession, _ checked: CheckedRecord, record: UInt32?) throws(MembershipRefusal) {
        session.put(StoredEntry(item: checked.item, traceCode: checked.key, participant: session.signerID, supersededBy: nil),
                    at: session.position, record: record)
        let units = [checked.key] + (try session.allContents(of: checked.key))
        for unit in units {
            // An item already noted leaves the stored code as it is (issue 7); the
            // unit's own code is the one the check decoded, not decoded again.
            guard var held = unit == checked.key ? checked.code : session.code(unit),
                  held.noteRecorded(checked.item) else { continue }
            session.put(held)
        }
        try session.touch(units)
    }

    /// Only a verified participant whose node kind writes `block` and
    /// whose Table 5 roles include information provider records.
    static func checkWriter(_ session: TraceSession, block: InformationBlock) throws(MembershipRefusal) -> Participant {
        let (decision, found) = MembershipView.writer(session.signer, block: block, at: session.height)
        guard decision.isAllowed, let writer = found else {
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
    static func checkCorrection(_ session: TraceSession, target: RecordTarget, item: RecordItem,
                                key: String) throws(MembershipRefusal) -> StoredEntry {
        guard let entry = session.entry(target.position, record: target.record) else {
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
        return entry
    }
}
