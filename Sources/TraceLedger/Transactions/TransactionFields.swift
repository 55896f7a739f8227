import TraceCrypto

/// The signed part of a transaction. Its JSON body has exactly the members
/// `action`, `chain`, `contract`, `nonce`, `payload`, `signer` {`alg`, `key`}
/// and `time`; the wire form adds `signature` {`alg`, `value`}.
struct TransactionFields: Hashable, Sendable {
    var chain: String
    var contract: String
    var action: String
    var payload: [String: CanonicalJSON]
    var signer: PublicKey
    var nonce: String
    var time: Int64

    static let bodyMembers = ["action", "chain", "contract", "nonce", "payload", "signer", "time"]

    /// The body whose canonical JSON is signed.
    var body: CanonicalJSON {
        .object([
            "chain": .string(chain),
            "contract": .string(contract),
            "action": .string(action),
            "payload": .object(payload),
            "signer": .object(["alg": .string(signer.algorithm.rawValue), "key": .string(Hex.encode(signer.rawBytes))]),
            "nonce": .string(nonce),
            "time": .integer(time),
        ])
    }
}

/// The field rules of a transaction; each failure names the field and the rule.
enum TransactionRules {
    static let nameBytesMax = 64
    static let nonceDigitCount = 32

    static func check(_ fields: TransactionFields) throws(LedgerError) {
        try checkName(fields.chain, field: "chain", extra: "-")
        try checkName(fields.contract, field: "contract", extra: "-.")
        try checkName(fields.action, field: "action", extra: "-._", upper: true)
        guard fields.nonce.utf8.count == nonceDigitCount, fields.nonce.utf8.allSatisfy(isLowerHex) else {
            throw LedgerError(.invalidField, field: "nonce", rule: "exactly 32 lowercase hex digits (128 bits)")
        }
        guard fields.time >= 0, fields.time <= CanonicalJSON.integerMagnitudeMax else {
            throw LedgerError(.invalidField, field: "time", rule: "milliseconds since the epoch, 0...2^53-1")
        }
        do {
            try fields.signer.validate()
        } catch {
            throw LedgerError(.invalidField, field: "signer.key", rule: "\(error)")
        }
    }

    /// 1...64 bytes of lowercase letters, digits and `extra` (plus upper case when allowed).
    static func checkName(_ value: String, field: String, extra: String, upper: Bool = false) throws(LedgerError) {
        let allowed = value.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || (upper && byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || extra.utf8.contains(byte)
        }
        guard !value.isEmpty, value.utf8.count <= nameBytesMax, allowed else {
            let letters = upper ? "letters" : "lowercase letters"
            throw LedgerError(.invalidField, field: field, rule: "1...\(nameBytesMax) bytes of \(letters), digits and '\(extra)'")
        }
    }

    static func isLowerHex(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }
}
