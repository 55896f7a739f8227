import Testing
import TraceCrypto
@testable import TraceLedger
import TraceTestSupport

/// Issue 5 item 1 (R-5.3.1, R-5.3.4): transactions, their wire form, field
/// checks and signatures. Vector T1 is in docs/encoding.md ("Transactions"),
/// computed with Python 3 `json`/`hashlib`/`cryptography` 48 and `openssl dgst -sm3`.
@Suite struct TransactionTests {
    static let seed = hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    static let t1SigningBytes = "63726f737374726163652f74782f76310a7b22616374696f6e223a22707574222c22636861696e223a226362657463222c22636f6e7472616374223a226b76222c226e6f6e6365223a223030303130323033303430353036303730383039306130623063306430653066222c227061796c6f6164223a7b226b6579223a22736b752d31222c2276616c7565223a2268656c6c6f227d2c227369676e6572223a7b22616c67223a2265643235353139222c226b6579223a2264373561393830313832623130616237643534626665643363393634303733613065653137326633646161363233323561663032316136386637303735313161227d2c2274696d65223a313736373232353630303030307d"
    static let t1SHA256 = "a8b9e50111fabae5b044504a33cc30356ac1c17fd6c75aef70c672c54773162b"
    static let t1SM3 = "47a73423405a6e8342251c091ca05e15050b519d5387cd3edc064181944a296d"
    static let t1Signature = "ee2371b9e81816ec7382c2441082c9c8969a79f2af5f992cf2147eeef655e3dc26eec278712798a670890ed777db419c52cbc959a89408ae5084ff5197c43a0e"
    static let t1Wire = #"{"action":"put","chain":"cbetc","contract":"kv","nonce":"000102030405060708090a0b0c0d0e0f","payload":{"key":"sku-1","value":"hello"},"signature":{"alg":"ed25519","value":"ee2371b9e81816ec7382c2441082c9c8969a79f2af5f992cf2147eeef655e3dc26eec278712798a670890ed777db419c52cbc959a89408ae5084ff5197c43a0e"},"signer":{"alg":"ed25519","key":"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"},"time":1767225600000}"#

    static func t1() throws -> Transaction {
        try Transaction.sign(chain: "cbetc", contract: "kv", action: "put",
                             payload: ["key": .string("sku-1"), "value": .string("hello")],
                             nonce: "000102030405060708090a0b0c0d0e0f", time: 1_767_225_600_000,
                             signer: try Ed25519Signer(seed: seed))
    }

    @Test func vectorT1() throws {
        let transaction = try Self.t1()
        #expect(Hex.encode(transaction.signingBytes) == Self.t1SigningBytes)
        #expect(transaction.id(.sha256).description == Self.t1SHA256)
        #expect(transaction.id(.sm3).description == Self.t1SM3)
        #expect(Hex.encode(transaction.signature.rawBytes) == Self.t1Signature)
        #expect(String(decoding: transaction.wireBytes, as: UTF8.self) == Self.t1Wire)
        let decoded = try Transaction(wireBytes: Array(Self.t1Wire.utf8))
        #expect(decoded == transaction)
        try decoded.check(chain: "cbetc", profile: .standard)
    }

    /// The id covers the body, never the signature: two signatures, one id.
    /// The id is remembered per transaction, and asking under another hash never returns the first.
    @Test func r5_3_1_idsUnderBothHashesStayApart() throws {
        let transaction = try Self.t1()
        for _ in 0..<2 {
            #expect(transaction.id(.sm3).description == Self.t1SM3)
            #expect(transaction.id(.sha256).description == Self.t1SHA256)
        }
    }

    /// Equal transactions are those with equal canonical wire bytes, however each was made.
    @Test func r5_3_1_equalityIsTheWireForm() throws {
        let signed = try Self.t1()
        let read = try Transaction(wireBytes: Array(Self.t1Wire.utf8))
        #expect(read == signed)
        #expect(Set([read, signed]).count == 1)
        let other = try Transaction.sign(chain: "cbetc", contract: "kv", action: "put",
                                         payload: ["key": .string("sku-1"), "value": .string("hello")],
                                         nonce: "000102030405060708090a0b0c0d0e10", time: 1_767_225_600_000,
                                         signer: try Ed25519Signer(seed: Self.seed))
        #expect(other != signed)
        #expect(Set([read, signed, other]).count == 2)
    }

    @Test func idIgnoresTheSignature() throws {
        let signer = P256Signer()
        let make = { () throws -> Transaction in
            try Transaction.sign(chain: "cbetc", contract: "kv", action: "put", payload: [:],
                                 nonce: String(repeating: "ab", count: 16), time: 1, signer: signer)
        }
        let first = try make()
        let second = try make()
        #expect(first.signature != second.signature)
        #expect(first.id(.sha256) == second.id(.sha256))
    }

    @Test(arguments: CryptoProfile.allCases)
    func r5_3_4_profileAdmitsItsAlgorithms(profile: CryptoProfile) throws {
        for algorithm in SignatureAlgorithm.allCases {
            let transaction = try Transaction.sign(chain: "c", contract: "kv", action: "put", payload: [:],
                                                   nonce: String(repeating: "0", count: 32), time: 0,
                                                   signer: profile.newSigner(algorithm))
            if profile.admits(algorithm) {
                try transaction.check(chain: "c", profile: profile)
            } else {
                #expect(throws: LedgerError(.unsupportedAlgorithm, field: "", rule: "")) {
                    try transaction.check(chain: "c", profile: profile)
                }
            }
            #expect(throws: LedgerError(.wrongChain, field: "", rule: "")) {
                try transaction.check(chain: "other", profile: profile)
            }
        }
    }

    @Test func tamperedBodyFailsTheSignature() throws {
        let tampered = Self.t1Wire.replacingOccurrences(of: "hello", with: "hellO")
        let transaction = try Transaction(wireBytes: Array(tampered.utf8))
        #expect(!transaction.hasValidSignature)
        #expect(throws: LedgerError(.invalidSignature, field: "", rule: "")) {
            try transaction.check(chain: "cbetc", profile: .standard)
        }
    }

    /// Each broken rule names its field.
    @Test(arguments: [
        (#""chain":"cbetc""#, #""chain":"CBETC""#, LedgerError.Code.invalidField, "chain"),
        (#""chain":"cbetc""#, #""chain":"""#, .invalidField, "chain"),
        (#""contract":"kv""#, #""contract":7"#, .invalidField, "contract"),
        (#""action":"put""#, #""action":"p u t""#, .invalidField, "action"),
        (#""nonce":"000102030405060708090a0b0c0d0e0f""#, #""nonce":"0001""#, .invalidField, "nonce"),
        (#""nonce":"000102030405060708090a0b0c0d0e0f""#, #""nonce":"000102030405060708090A0B0C0D0E0F""#, .invalidField, "nonce"),
        (#""time":1767225600000"#, #""time":-1"#, .invalidField, "time"),
        (#""time":1767225600000"#, #""time":"now""#, .invalidField, "time"),
        (#""payload":{"key":"sku-1","value":"hello"}"#, #""payload":[1]"#, .invalidField, "payload"),
        (#""alg":"ed25519","key""#, #""alg":"rsa","key""#, .unsupportedAlgorithm, "signer.alg"),
        (#""alg":"ed25519","value""#, #""alg":"p256","value""#, .invalidField, "signature.alg"),
        (#""key":"d75a98"#, #""key":"0075a98"#, .invalidField, "signer.key"),
        (#""action":"put","#, #""action":"put","extra":1,"#, .invalidField, "extra"),
        (#""action":"put","#, "", .missingField, "action"),
        (#""time":1767225600000"#, #""time":1.5"#, .malformed, "transaction"),
    ])
    func fieldRulesNameTheField(from: String, to: String, code: LedgerError.Code, field: String) {
        let wire = Self.t1Wire.replacingOccurrences(of: from, with: to)
        #expect(wire != Self.t1Wire)
        do {
            _ = try Transaction(wireBytes: Array(wire.utf8))
            Issue.record("accepted \(wire)")
        } catch {
            #expect(error.code == code)
            #expect(error.field == field)
        }
    }

    @Test func sizeIsBounded() throws {
        var limits = TransactionLimits()
        limits.transactionBytesMax = 200
        #expect(throws: LedgerError(.tooLarge, field: "", rule: "")) {
            try Transaction(wireBytes: Array(Self.t1Wire.utf8), limits: limits)
        }
        let big = String(repeating: "x", count: 70_000)
        #expect(throws: LedgerError(.tooLarge, field: "", rule: "")) {
            try Transaction.sign(chain: "c", contract: "kv", action: "put", payload: ["v": .string(big)],
                                 nonce: String(repeating: "0", count: 32), time: 0, signer: Ed25519Signer())
        }
    }

    /// Issue 7: canonical wire bytes are kept as received (signing bytes cut out of
    /// them); any other form of the same transaction, and any fuzzed form the
    /// decoder accepts, comes out with the bytes and id of its canonical form.
    @Test func r5_3_4_canonicalWireIsKeptOtherFormsAreCanonicalised() throws {
        let signed = try Self.t1()
        let canonical = try Transaction(wireBytes: Array(Self.t1Wire.utf8))
        #expect(canonical.wireBytes == signed.wireBytes && canonical.signingBytes == signed.signingBytes)
        let reordered = #"{"time":1767225600000,"signer":{"key":"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a","alg":"ed25519"},"#
            + #""signature":{"alg":"ed25519","value":"\#(Self.t1Signature)"},"payload":{"value":"hello","key":"sku-1"},"#
            + #""nonce":"000102030405060708090a0b0c0d0e0f","contract":"kv","chain":"cbetc","action":"put"}"#
        for form in [reordered, " " + Self.t1Wire, Self.t1Wire.replacingOccurrences(of: "sku-1", with: #"sku-1"#)] {
            let read = try Transaction(wireBytes: Array(form.utf8))
            #expect(read.wireBytes == signed.wireBytes, "\(form)")
            #expect(read.signingBytes == signed.signingBytes && read.id(.sha256) == signed.id(.sha256))
            try read.check(chain: "cbetc", profile: .standard)
        }
        var random = SeededGenerator(seed: 12)
        for _ in 0..<2_000 {
            guard let read = try? Transaction(wireBytes: random.mutate(Array(Self.t1Wire.utf8))) else { continue }
            let again = try Transaction(wireBytes: read.wireBytes)
            #expect(again.wireBytes == read.wireBytes && again.signingBytes == read.signingBytes)
            #expect(try read.wireJSON.canonicalBytes() == read.wireBytes)
            #expect(try TransactionSigningBytes.of(read.fields.body) == read.signingBytes)
        }
    }

    /// Random and mutated bytes never trap the wire decoder.
    @Test func wireDecoderSurvivesFuzzing() {
        var random = SeededGenerator(seed: 11)
        let original = Array(Self.t1Wire.utf8)
        var decoded = 0
        for round in 0..<2_000 {
            var bytes = round % 4 == 0 ? random.bytes(Int.random(in: 0...300, using: &random)) : original
            if round % 4 != 0 {
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
            }
            if let transaction = try? Transaction(wireBytes: bytes) {
                decoded += 1
                #expect(transaction.wireBytes.count <= TransactionLimits().transactionBytesMax)
            }
        }
        #expect(decoded < 2_000)
    }
}
