import TraceCrypto
import TraceLedger
import TraceModel

/// `track`: `{"segment": hex of TrackSegmentCodec's compact encoding}`,
/// signed (as the transaction) by a verified logistics node; it joins the
/// trace of its unit and of everything the unit holds now.
enum TraceTracking {
    static func track(_ session: inout TraceSession, _ fields: PayloadFields) throws(MembershipRefusal) {
        try fields.onlyMembers(["segment"])
        let text = try fields.string("segment", maxBytes: 2 * TrackSegmentCodec.maximumBytes)
        guard let bytes = try? Hex.decode(text) else {
            throw MembershipRefusal(.invalidPayload, field: "segment", rule: "must be hex")
        }
        let segment = try TracePayload.model("segment") { try TrackSegmentCodec.decode(bytes) }
        let decision = session.membership.mayWrite(signer: session.context.transaction.signer, block: .logistics, at: session.height)
        guard decision.isAllowed else {
            throw MembershipRefusal(.forbidden, field: "signer",
                                    rule: "\(decision.rawValue): only a verified logistics node submits track segments (R-5.2, R-6.2.2)")
        }
        let key = try TracePayload.parse(segment.traceKey, field: "segment.traceKey").key
        guard key == segment.traceKey else {
            throw MembershipRefusal(.invalidPayload, field: "segment.traceKey", rule: "must be the canonical trace code key; write \(key)")
        }
        _ = try session.issued(key, field: "segment.traceKey")
        try session.touch([segment.traceKey] + (try session.allContents(of: segment.traceKey)))
    }
}
