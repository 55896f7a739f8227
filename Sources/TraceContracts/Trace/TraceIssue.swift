import TraceCrypto
import TraceLedger
import TraceModel

/// `issue` and `license` (R-5.1-c, R-6.3.1.3): a trace code is issued when a
/// traceable unit is created, by its manufacturer or trader; a GS1 key only
/// by the verified holder of its company prefix or a licensee it named on chain.
enum TraceIssue {
    /// Sub-types that create traceable units: manufacturers and traders.
    static let issuers: [ParticipantSubtype] = [.manufacturer, .tradingEnterprise, .eCommerceEnterprise]
    static let quantityMax: Int64 = 1_000_000_000

    /// `{"code": text, "mode": mode, "quantity"?: n}`.
    static func issue(_ session: inout TraceSession, _ fields: PayloadFields) throws(MembershipRefusal) {
        try fields.onlyMembers(["code", "mode", "quantity"])
        let code = try fields.traceCode("code")
        let modeText = try fields.string("mode", maxBytes: 32)
        guard let mode = TraceabilityMode(rawValue: modeText) else {
            throw MembershipRefusal(.invalidPayload, field: "mode",
                rule: "must be one of: " + TraceabilityMode.allCases.map(\.rawValue).joined(separator: ", ") + " (R-3)")
        }
        let issuer = try session.verifiedSigner()
        try checkIssuer(issuer, code: code)
        try checkPrefix(session, issuer: issuer, code: code)
        if let existing = session.code(code.key) {
            throw MembershipRefusal(.conflict, field: "code",
                rule: "\(code.key) was issued at \(existing.issuedAt); a key is unique on the chain forever (R-5.1-c)")
        }
        let quantity = try self.quantity(fields, kind: code.kind)
        session.put(IssuedCode(key: code.key, kind: code.kind, mode: mode, unit: code.kind == .batch ? .batch : .single,
                               owner: session.signerID, issuedAt: session.position, quantity: quantity,
                               remaining: code.kind == .batch ? quantity : 0, splitFrom: nil, recordedItems: []))
        try session.touch([code.key])
    }

    static func quantity(_ fields: PayloadFields, kind: TraceCode.Kind) throws(MembershipRefusal) -> UInt64 {
        let given = try fields.integer("quantity", in: 1...quantityMax)
        if kind == .batch {
            guard let given else {
                throw MembershipRefusal(.invalidPayload, field: "quantity", rule: "a batch code declares how many units it holds")
            }
            return UInt64(given)
        }
        guard given == nil || given == 1 else {
            throw MembershipRefusal(.invalidPayload, field: "quantity", rule: "a single unit or logistic unit has quantity 1")
        }
        return 1
    }

    /// Units by their manufacturer or trader; logistic units (SSCC) by any verified writer.
    static func checkIssuer(_ issuer: Participant, code: TraceCode) throws(MembershipRefusal) {
        switch code.kind {
        case .serialisedUnit, .batch, .platform:
            let writes = issuer.nodeKinds.contains { $0.informationBlock == .product || $0.informationBlock == .transaction }
            guard issuers.contains(issuer.type.subtype), writes else {
                throw MembershipRefusal(.forbidden, field: "signer",
                    rule: "only a verified manufacturer or trader with a product or transaction node issues unit codes (R-6.3.1.3)")
            }
        case .sscc:
            guard !issuer.nodeKinds.isEmpty else {
                throw MembershipRefusal(.forbidden, field: "signer", rule: "only a verified participant with a node kind issues an SSCC")
            }
        case .gtin, .gln:
            throw MembershipRefusal(.invalidPayload, field: "code",
                rule: "a \(code.kind.rawValue) code names a product class or a place, not a traceable unit (R-3)")
        }
    }

    /// The digits a GS1 company prefix starts (after the GTIN indicator or SSCC extension digit).
    static func prefixDigits(_ code: TraceCode) -> String? {
        (code.gtin ?? code.sscc).map { String($0.dropFirst()) }
    }

    static func checkPrefix(_ session: TraceSession, issuer: Participant, code: TraceCode) throws(MembershipRefusal) {
        guard let digits = prefixDigits(code) else { return }
        if issuer.gs1CompanyPrefixes.contains(where: { digits.hasPrefix($0) }) { return }
        for length in 6...12 where digits.count >= length {
            let prefix = String(digits.prefix(length))
            if let licensor = session.context.get(TraceKeys.licence(prefix: prefix, licensee: issuer.signerID))
                .map({ String(decoding: $0, as: UTF8.self) }),
               let holder = session.membership.participant(id: licensor), holder.status(at: session.height) == .verified,
               holder.gs1CompanyPrefixes.contains(prefix) {
                return
            }
        }
        throw MembershipRefusal(.forbidden, field: "code",
            rule: "the GS1 company prefix of \(code.key) is not held by the signer nor licensed to it on chain (R-5.1-c)")
    }

    /// `{"licensee": signer id, "prefix": digits}` by the verified holder of the prefix.
    static func license(_ session: inout TraceSession, _ fields: PayloadFields) throws(MembershipRefusal) {
        try fields.onlyMembers(["licensee", "prefix"])
        let licensee = try fields.string("licensee", maxBytes: 300)
        let prefix = try fields.string("prefix", maxBytes: 12)
        let holder = try session.verifiedSigner()
        guard holder.gs1CompanyPrefixes.contains(prefix) else {
            throw MembershipRefusal(.forbidden, field: "prefix", rule: "the signer's membership record does not hold GS1 company prefix \(prefix)")
        }
        guard session.membership.participant(id: licensee) != nil, licensee != holder.signerID else {
            throw MembershipRefusal(.notFound, field: "licensee", rule: "'\(licensee)' is not another participant")
        }
        let key = TraceKeys.licence(prefix: prefix, licensee: licensee)
        guard session.context.get(key) == nil else {
            throw MembershipRefusal(.conflict, field: "licensee", rule: "already licensed for \(prefix)")
        }
        session.context.put(key, Array(holder.signerID.utf8))
    }
}
