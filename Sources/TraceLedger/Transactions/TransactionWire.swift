import TraceCrypto

/// The JSON wire form clients send: the body's members plus
/// `"signature": {"alg": …, "value": hex}`. Written canonically (RFC 8785).
extension Transaction {
    public var wireJSON: CanonicalJSON { Self.wireJSON(body: fields.body, signature: signature) }

    /// The canonical wire bytes from the canonical body already serialised
    /// for signing: RFC 8785 orders the members action, chain, contract,
    /// nonce, payload, signature, signer, time, so the wire form is the body
    /// with the signature member inserted before the top-level `signer` — the
    /// last `,"signer":` of the body (the payload comes before it, and a
    /// string cannot hold an unescaped quote). Equal to serialising
    /// `wireJSON` (a test checks it over seeded payloads), at the cost of a copy.
    static func wireBytes(signingBytes: [UInt8], body: CanonicalJSON, signature: Signature) throws -> [UInt8] {
        let canonical = signingBytes[TransactionSigningBytes.domainTag.count...]
        guard let at = lastIndex(of: signerMarker, in: canonical) else {
            return try wireJSON(body: body, signature: signature).canonicalBytes()
        }
        var wire: [UInt8] = []
        wire.reserveCapacity(canonical.count + 48 + 2 * signature.rawBytes.count)
        wire += canonical[..<at]
        wire += Array(#","signature":{"alg":""#.utf8) + Array(signature.algorithm.rawValue.utf8)
        wire += Array(#"","value":""#.utf8) + Array(Hex.encode(signature.rawBytes).utf8) + Array(#""}"#.utf8)
        wire += canonical[at...]
        return wire
    }

    private static let signerMarker = Array(#","signer":"#.utf8)

    /// The canonical body inside canonical wire bytes: the wire without its
    /// top-level signature member (the last occurrence of its exact bytes);
    /// nil when the member is not there as written canonically.
    static func signingBody(ofWire wire: [UInt8], signature: Signature) -> [UInt8]? {
        let member = Array(#","signature":{"alg":""#.utf8) + Array(signature.algorithm.rawValue.utf8)
            + Array(#"","value":""#.utf8) + Array(Hex.encode(signature.rawBytes).utf8) + Array(#""}"#.utf8)
        guard let at = lastIndex(of: member, in: wire[...]) else { return nil }
        return Array(wire[..<at]) + wire[(at + member.count)...]
    }

    /// Reads wire bytes this node stored canonically (a block's transaction
    /// row), checking every field but re-serialising nothing: trace queries
    /// read a transaction per event (issue 7).
    init(storedWire wire: [UInt8], limits: TransactionLimits = TransactionLimits()) throws(LedgerError) {
        let members = try Self.wireMembers(parsing: wire, limits: limits)
        let (fields, signature) = try Self.checkedFields(members)
        try self.init(fields: fields, signature: signature, canonicalWire: wire)
    }

    private static func lastIndex(of marker: [UInt8], in bytes: ArraySlice<UInt8>) -> Int? {
        guard bytes.count >= marker.count else { return nil }
        var start = bytes.endIndex - marker.count
        while start >= bytes.startIndex {
            if bytes[start] == marker[0], bytes[start..<(start + marker.count)].elementsEqual(marker) { return start }
            start -= 1
        }
        return nil
    }

    static func wireJSON(body: CanonicalJSON, signature: Signature) -> CanonicalJSON {
        guard case .object(var members) = body else { preconditionFailure("a body is an object") }
        members["signature"] = .object(["alg": .string(signature.algorithm.rawValue), "value": .string(Hex.encode(signature.rawBytes))])
        return .object(members)
    }

    /// Reads a client's wire JSON (any whitespace and member order), bounded by
    /// `limits`, and checks every field. Does not check the signature: see `check`.
    /// Bytes that are already the canonical wire form (what nodes gossip) are
    /// kept as they are and the signing bytes cut out of them; re-serialising
    /// the body of every gossiped transaction was 5 % of a validator's CPU
    /// (issue 7). Any other form is re-serialised.
    public init(wireBytes: [UInt8], limits: TransactionLimits = TransactionLimits()) throws(LedgerError) {
        let (members, isCanonical) = try Self.wireMembersNotingCanonical(parsing: wireBytes, limits: limits)
        let (fields, signature) = try Self.checkedFields(members)
        if isCanonical, let exact = Self(fields: fields, signature: signature, exactWire: wireBytes) {
            self = exact
        } else {
            try self.init(fields: fields, signature: signature)
        }
    }

    static func wireMembers(parsing wireBytes: [UInt8], limits: TransactionLimits) throws(LedgerError) -> [String: CanonicalJSON] {
        try wireMembersNotingCanonical(parsing: wireBytes, limits: limits).members
    }

    static func wireMembersNotingCanonical(parsing wireBytes: [UInt8], limits: TransactionLimits) throws(LedgerError)
        -> (members: [String: CanonicalJSON], isCanonical: Bool) {
        guard wireBytes.count <= limits.transactionBytesMax else {
            throw LedgerError(.tooLarge, field: "transaction", rule: "at most \(limits.transactionBytesMax) bytes")
        }
        let parsed: (value: CanonicalJSON, isCanonical: Bool)
        do {
            parsed = try CanonicalJSONParser.parseNotingCanonical(wireBytes, sizeMax: limits.transactionBytesMax)
        } catch {
            throw LedgerError(.malformed, field: "transaction", rule: "\(error)")
        }
        guard case .object(let members) = parsed.value else {
            throw LedgerError(.malformed, field: "transaction", rule: "a JSON object")
        }
        return (members, parsed.isCanonical)
    }

    static let knownMembers = Set(TransactionFields.bodyMembers + ["signature"])

    static func checkedFields(_ members: [String: CanonicalJSON]) throws(LedgerError) -> (TransactionFields, Signature) {
        if !members.keys.allSatisfy(knownMembers.contains),
           let unknown = members.keys.sorted().first(where: { !knownMembers.contains($0) }) {
            throw LedgerError(.invalidField, field: unknown, rule: "not a transaction member")
        }
        let reader = WireReader(members: members)
        let signer = try reader.publicKey("signer")
        let fields = TransactionFields(
            chain: try reader.string("chain"), contract: try reader.string("contract"),
            action: try reader.string("action"), payload: try reader.object("payload"), signer: signer,
            nonce: try reader.string("nonce"), time: try reader.integer("time"))
        try TransactionRules.check(fields)
        let signature = try reader.signature("signature")
        guard signature.algorithm == signer.algorithm else {
            throw LedgerError(.invalidField, field: "signature.alg", rule: "must equal signer.alg")
        }
        return (fields, signature)
    }
}

/// Typed access to wire members, each failure naming its field.
struct WireReader {
    let members: [String: CanonicalJSON]

    /// `path` names the field in an error only, so it is built only then.
    func value(_ field: String, in object: [String: CanonicalJSON]? = nil,
               path: @autoclosure () -> String? = nil) throws(LedgerError) -> CanonicalJSON {
        guard let value = (object ?? members)[field] else {
            throw LedgerError(.missingField, field: path() ?? field, rule: "required")
        }
        return value
    }

    func string(_ field: String, in object: [String: CanonicalJSON]? = nil,
                path: @autoclosure () -> String? = nil) throws(LedgerError) -> String {
        guard case .string(let text) = try value(field, in: object, path: path()) else {
            throw LedgerError(.invalidField, field: path() ?? field, rule: "a string")
        }
        return text
    }

    func integer(_ field: String) throws(LedgerError) -> Int64 {
        guard case .integer(let number) = try value(field) else {
            throw LedgerError(.invalidField, field: field, rule: "an integer")
        }
        return number
    }

    func object(_ field: String, in object: [String: CanonicalJSON]? = nil,
                path: @autoclosure () -> String? = nil) throws(LedgerError) -> [String: CanonicalJSON] {
        guard case .object(let members) = try value(field, in: object, path: path()) else {
            throw LedgerError(.invalidField, field: path() ?? field, rule: "a JSON object")
        }
        return members
    }

    /// `{"alg": name, keyName: hex}` with exactly those two members.
    func algorithmAndBytes(_ field: String, bytesMember: String) throws(LedgerError) -> (SignatureAlgorithm, [UInt8]) {
        let inner = try object(field)
        guard inner.count == 2 else {
            throw LedgerError(.invalidField, field: field, rule: "exactly the members 'alg' and '\(bytesMember)'")
        }
        let name = try string("alg", in: inner, path: "\(field).alg")
        guard let algorithm = SignatureAlgorithm(rawValue: name) else {
            throw LedgerError(.unsupportedAlgorithm, field: "\(field).alg", rule: "one of p256, ed25519, sm2")
        }
        let text = try string(bytesMember, in: inner, path: "\(field).\(bytesMember)")
        guard text.utf8.allSatisfy(TransactionRules.isLowerHex), text.utf8.count <= 512,
              let bytes = try? Hex.decode(text) else {
            throw LedgerError(.invalidField, field: "\(field).\(bytesMember)", rule: "lowercase hex, at most 256 bytes")
        }
        return (algorithm, bytes)
    }

    func publicKey(_ field: String) throws(LedgerError) -> PublicKey {
        let (algorithm, bytes) = try algorithmAndBytes(field, bytesMember: "key")
        return PublicKey(algorithm: algorithm, rawBytes: bytes)
    }

    func signature(_ field: String) throws(LedgerError) -> Signature {
        let (algorithm, bytes) = try algorithmAndBytes(field, bytesMember: "value")
        guard bytes.count == 64 else {
            throw LedgerError(.invalidField, field: "\(field).value", rule: "64 bytes (r‖s or Ed25519)")
        }
        return Signature(algorithm: algorithm, rawBytes: bytes)
    }
}
