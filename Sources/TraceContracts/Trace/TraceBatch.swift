import TraceLedger
import TraceModel

/// `recordBatch` (issue 7, R-6.3.1.3, R-6.4, R-5.3.4): payload
/// `{"records": [1…100 record objects exactly as `record` takes them],
/// "counterparties"?: [signer id]}`. Each record is checked exactly as a
/// `record` transaction's (writer, issued code, sealed fields, the model),
/// in order, each seeing the ones before it; one refused record refuses the
/// whole transaction (nothing is kept) under a field path `records[k]…`.
/// Record `k` keeps its own entry at `r/<height>.<index>.<k>`; the
/// transaction is listed once in the trace index of every unit it touches.
enum TraceBatch {
    /// Most records one transaction carries.
    static let recordsMax = 100

    static func recordBatch(_ session: inout TraceSession, _ fields: PayloadFields) throws(MembershipRefusal) {
        try fields.onlyMembers(["records", "counterparties"])
        let records = try fields.objects("records", maxCount: recordsMax)
        guard !records.isEmpty else {
            throw MembershipRefusal(.invalidPayload, field: "records", rule: "at least one record")
        }
        let counterparties = try TraceRecording.counterparties(session, fields)
        for (place, recordFields) in records.enumerated() {
            let prefix = "records[\(place)]"
            do throws(MembershipRefusal) {
                let checked = try TraceRecording.check(session, recordFields, prefix: prefix) { () throws(MembershipRefusal) in
                    counterparties
                }
                try TraceRecording.store(&session, checked, record: UInt32(place))
            } catch {
                throw located(error, prefix: prefix)
            }
        }
    }

    /// The refusal with its field under `prefix` (a member of the record object
    /// or the record itself); refusals about the signer name the record in the rule.
    static func located(_ refusal: MembershipRefusal, prefix: String) -> MembershipRefusal {
        if refusal.field == "signer" {
            return MembershipRefusal(refusal.code, field: refusal.field, rule: "\(prefix): \(refusal.rule)")
        }
        if refusal.field.hasPrefix(prefix) { return refusal }
        return MembershipRefusal(refusal.code, field: prefix + "." + refusal.field, rule: refusal.rule)
    }
}
