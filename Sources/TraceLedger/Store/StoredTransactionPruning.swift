import TraceCrypto

/// Reading a stored transaction for a trace query (issue 7): a `recordBatch`
/// carries the records of up to a hundred units, and a trace answer uses the
/// few about its unit and the containers it was in.
extension Transaction {
    /// The member path of a batch's records and the member naming each record's unit.
    public static let batchRecordsPath = ["payload", "records"]
    public static let recordCodeMember = "traceCode"

    /// The transaction at `wire` (canonical bytes this node stored), its payload's
    /// `records` array keeping only the records whose `traceCode` is in `codes`,
    /// the others `null` in their places. Chain, action, signer, nonce, time,
    /// signature, signing bytes, wire bytes and so the id are the stored
    /// transaction's own; only `payload.records` is thinned, so the value serves
    /// a trace answer about `codes` and nothing that re-encodes the payload.
    /// A wire whose signing body cannot be cut out, or nil `codes`, is read whole.
    public init(storedWire wire: [UInt8], recordsAbout codes: Set<String>?,
                limits: TransactionLimits = TransactionLimits()) throws(LedgerError) {
        guard let codes else {
            try self.init(storedWire: wire, limits: limits)
            return
        }
        guard wire.count <= limits.transactionBytesMax else {
            throw LedgerError(.tooLarge, field: "transaction", rule: "at most \(limits.transactionBytesMax) bytes")
        }
        let pruning = CanonicalJSONPruning(path: Self.batchRecordsPath, member: Self.recordCodeMember, keep: codes)
        let json: CanonicalJSON
        do {
            json = try CanonicalJSONParser.parse(wire, sizeMax: limits.transactionBytesMax, pruning: pruning)
        } catch {
            throw LedgerError(.malformed, field: "transaction", rule: "\(error)")
        }
        guard case .object(let members) = json else { throw LedgerError(.malformed, field: "transaction", rule: "a JSON object") }
        let (fields, signature) = try Self.checkedFields(members)
        guard let thinned = Self(fields: fields, signature: signature, exactWire: wire) else {
            try self.init(storedWire: wire, limits: limits)
            return
        }
        self = thinned
    }

    /// The top-level `action` of stored wire bytes, read without parsing the rest
    /// (it is the first member of the canonical form); nil when it is not a string.
    public static func storedAction(_ wire: [UInt8]) -> String? {
        guard case .string(let action)? = try? CanonicalJSONParser.member("action", of: wire) else { return nil }
        return action
    }
}
