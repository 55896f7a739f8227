import Foundation
import Testing
@testable import TraceCrypto

/// The transaction-encoding vectors of docs/encoding.md (issue 3 §5), computed
/// independently with Python 3 (json, hashlib, cryptography 48) and openssl 3.0.
@Suite struct EncodingVectorTests {
    struct Vector: Sendable {
        let input: String
        let canonical: String
        let signingHex: String
        let sha256: String
        let sm3: String
        let ed25519: String
        let p256: String
        let sm2: String
    }

    static let ed25519Seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
    static let p256Public = "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299"
    static let sm2Public = "04047741f0877f41ca0e74543f71557b05f4e718d19ac8c4ce0edd7409fe6e0684f8ba400acbf7a78ec0a5436285e4bd17c7d0b63d6a8504233cc0670fcc7a4646"

    static let vectors: [Vector] = [
        Vector(
            input: #"{ "type": "transfer", "nonce": 7, "amount": "12.50", "currency": "CNY" }"#,
            canonical: #"{"amount":"12.50","currency":"CNY","nonce":7,"type":"transfer"}"#,
            signingHex: "63726f737374726163652f74782f76310a7b22616d6f756e74223a2231322e3530222c2263757272656e6379223a22434e59222c226e6f6e6365223a372c2274797065223a227472616e73666572227d",
            sha256: "83f506b47b79addaa24ef6467dd34da4f653ba9bf545ab2528a9c79e9669c95d",
            sm3: "bc2fddee52c28680ec0b305d6e37faaebb1c585c2ab64a285a644dbcbe47d49d",
            ed25519: "fceafa3f013bf8e60ef4a79c73641d61eb05fdfc32b159c3bc458db50c752cb34745d6972799e8483f1c839be936a9d6611a49394aea58628bc0ae8049f0050a",
            p256: "5c141feb623020ae3812bbef80c5e4205edfc4180b83e359d67761251978c2b6bc34e18b568b2bb788d1787c981c77741a816b665912c2f95f2cb409b1363d89",
            sm2: "99eea92e3745f13717ee0938dd52420be42ad007062752cd817cbbc4074ae0a3fccdc4a6c328a70c3fac0759500eb3d00e557a07066553b5b954475b74375c19"),
        Vector(
            input: #"{"traceCode":"追溯码-01","note":"a\nb \"q\" \u0001\u001f","\u20ac":1,"\r":2,"ö":[true,false,null],"1":"\ud83d\ude00"}"#,
            canonical: #"{"\r":2,"1":"😀","note":"a\nb \"q\" \u0001\u001f","traceCode":"追溯码-01","ö":[true,false,null],"€":1}"#,
            signingHex: "63726f737374726163652f74782f76310a7b225c72223a322c2231223a22f09f9880222c226e6f7465223a22615c6e62205c22715c22205c75303030315c7530303166222c227472616365436f6465223a22e8bfbde6baafe7a0812d3031222c22c3b6223a5b747275652c66616c73652c6e756c6c5d2c22e282ac223a317d",
            sha256: "93d8656c704a3bf906a0ccb0265f02bde62c7b17f1f8c891974072e83259a5e9",
            sm3: "da59fb0f43748c354b5cb65ff91ae2eef4c144ef8003850f775e7420eba8b225",
            ed25519: "f14df56f27b91a71fcc5f9bfd3c1111e216da825e6f1ee0eeaabd6a1e96d77b68abdeb225042eba211001c45585e48058e47da3db835149d56bc415b7231d906",
            p256: "b323b54822c3ddfc7cb7288f63bef1345cac769b0bd40f76d3ddd81192bdaf3aed48e2e2e53a40c8a75a589e338ead4c8d9e540fe597a45ea9184323ef707b82",
            sm2: "4679cca60dad7b90b91f9fb16e187afe7280636d29008f78b7976473a164c7abbbafaf2a31a7262240ad14118d5842416de410e59d496d0ba9bd334712f13478"),
        Vector(
            input: #"{"c":-9007199254740991,"b":[],"a":{}}"#,
            canonical: #"{"a":{},"b":[],"c":-9007199254740991}"#,
            signingHex: "63726f737374726163652f74782f76310a7b2261223a7b7d2c2262223a5b5d2c2263223a2d393030373139393235343734303939317d",
            sha256: "47aec4efb24b2c4cfd1d56d36b4c4ae6e006a9ea943c658714cfdb079d6ec4a7",
            sm3: "223f9f90f147c49e21dec1dc6c23dbca62836ef7525e054496e946e18c1cf404",
            ed25519: "fb9b143fbaaee38f243c9ce365eee01851818af5d39c86bb26ba6948e22104d61643665a0e5f0aff768c20016f05345ab628d197467aa110fed3facc3f685f0e",
            p256: "607768eb2bc28039d8da393642654531aa0b65d9382889a997e30f941ace76cc0d46a0e1fd195e23f7ee3ab45538fbe44154e503bd622c88e744946b7bef45c3",
            sm2: "a6d600a24cf5a3a38e8b178467febcad7b780445c852aa46ac3d130d5e2e5e66d01d0f81673859a03dbaa1def21dc9e19358d4f0b443799db540e80cfe5a2214"),
    ]

    @Test(arguments: 0..<3) func r5_3_4_vectorMatchesCode(_ index: Int) throws {
        let vector = Self.vectors[index]
        let body = try CanonicalJSONParser.parse(Array(vector.input.utf8))
        #expect(String(decoding: try body.canonicalBytes(), as: UTF8.self) == vector.canonical)
        let signing = try TransactionSigningBytes.of(body)
        #expect(Hex.encode(signing) == vector.signingHex)
        #expect(Hex.encode(TransactionSigningBytes.transactionId(of: signing, hash: .sha256)) == vector.sha256)
        #expect(Hex.encode(TransactionSigningBytes.transactionId(of: signing, hash: .sm3)) == vector.sm3)
        let ed = try Ed25519Signer(seed: hex(Self.ed25519Seed))
        #expect(Hex.encode(try ed.sign(signing).rawBytes) == vector.ed25519)
        let p256 = PublicKey(algorithm: .p256, rawBytes: hex(Self.p256Public))
        #expect(p256.isValidSignature(Signature(algorithm: .p256, rawBytes: hex(vector.p256)), for: signing))
        let sm2 = PublicKey(algorithm: .sm2, rawBytes: hex(Self.sm2Public))
        #expect(sm2.isValidSignature(Signature(algorithm: .sm2, rawBytes: hex(vector.sm2)), for: signing))
        #expect(!sm2.isValidSignature(Signature(algorithm: .sm2, rawBytes: hex(vector.sm2)), for: signing + [0x20]))
    }

    /// docs/encoding.md shows exactly these vectors.
    @Test func r5_3_4_encodingDocumentCarriesTheVectors() throws {
        let docURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/encoding.md")
        let doc = try String(contentsOf: docURL, encoding: .utf8)
        for vector in Self.vectors {
            for value in [vector.input, vector.canonical, vector.signingHex, vector.sha256, vector.sm3, vector.ed25519, vector.p256, vector.sm2] {
                #expect(doc.contains("`\(value)`"), "docs/encoding.md lacks \(value.prefix(40))")
            }
        }
        for value in [Self.ed25519Seed, Self.p256Public, Self.sm2Public] { #expect(doc.contains(value)) }
    }
}
