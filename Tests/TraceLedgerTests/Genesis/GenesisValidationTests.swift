import Foundation
import Testing
import TraceConsensus
import TraceCrypto
import TraceLedger
import TraceTestSupport

/// Every rule of a genesis, each with its error code and field (R-5.3.1, R-5.3.4, R-6.3.1.2).
@Suite struct GenesisValidationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let code: GenesisError.Code
        let field: String
        let change: @Sendable (inout Genesis) -> Void
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "upper-case chain id", code: .invalidField, field: "chainId") { $0.chainId = "CBETC" },
        Case(name: "long chain id", code: .invalidField, field: "chainId") { $0.chainId = String(repeating: "a", count: 33) },
        Case(name: "negative time", code: .invalidField, field: "genesisTime") { $0.genesisTime = -1 },
        Case(name: "no validators", code: .invalidField, field: "validators") { $0.validators = [] },
        Case(name: "duplicate consensus key", code: .duplicateKey, field: "validators[1].consensusKey") {
            $0.validators[1].consensusKey = $0.validators[0].consensusKey
        },
        Case(name: "zero power", code: .zeroPower, field: "validators[0].power") { $0.validators[0].power = 0 },
        Case(name: "total power beyond 2^40", code: .invalidField, field: "validators[3].power") { $0.validators[3].power = 1 << 40 },
        Case(name: "SM2 key on a standard chain", code: .keyNotAdmitted, field: "validators[2].consensusKey") {
            $0.validators[2].consensusKey = GenesisFixture.sm2(3)
        },
        Case(name: "key bytes off the curve", code: .invalidKey, field: "validators[0].consensusKey") {
            $0.validators[0].consensusKey = PublicKey(algorithm: .p256, rawBytes: [4] + [UInt8](repeating: 0, count: 64))
        },
        Case(name: "empty node name", code: .invalidField, field: "validators[0].name") { $0.validators[0].name = "" },
        Case(name: "node name with a colon", code: .invalidField, field: "replicas[0].name") { $0.replicas[0].name = "a:b" },
        Case(name: "replica named like a validator", code: .duplicateKey, field: "replicas[0].name") { $0.replicas[0].name = "node0" },
        Case(name: "Ed25519 node key", code: .keyNotAdmitted, field: "validators[1].nodeKey") {
            $0.validators[1].nodeKey = fixedSigner(1).publicKey
        },
        Case(name: "shared node key", code: .duplicateKey, field: "replicas[0].nodeKey") {
            $0.replicas[0].nodeKey = $0.validators[0].nodeKey
        },
        Case(name: "no CA", code: .invalidField, field: "caCertificates") { $0.caCertificates = [] },
        Case(name: "nine CAs", code: .invalidField, field: "caCertificates") {
            $0.caCertificates = [String](repeating: GenesisFixture.caPEM, count: 9)
        },
        Case(name: "not PEM", code: .badPEM, field: "caCertificates[0]") { $0.caCertificates = ["-----BEGIN CERTIFICATE-----\nAAAA\n"] },
        Case(name: "CA listed twice", code: .duplicateKey, field: "caCertificates") {
            $0.caCertificates = [GenesisFixture.caPEM, GenesisFixture.caPEM]
        },
        Case(name: "zero propose timeout", code: .invalidField, field: "consensus.timeoutPropose") { $0.consensus.timeoutProposeBase = 0 },
        Case(name: "bad verifier id", code: .invalidField, field: "verifiers[0].participantId") { $0.verifiers[0].participantId = "" },
        Case(name: "verifier key not admitted", code: .keyNotAdmitted, field: "verifiers[0].publicKey") {
            $0.verifiers[0].publicKey = GenesisFixture.sm2(9)
        },
        Case(name: "verifier twice", code: .duplicateKey, field: "verifiers[1]") { $0.verifiers.append($0.verifiers[0]) },
    ]

    @Test(arguments: cases) func r5_3_1_ruleIsEnforced(_ rule: Case) throws {
        var genesis = GenesisFixture.standard
        rule.change(&genesis)
        let error = try #require(throws: GenesisError.self) { try genesis.validate() }
        #expect(error.code == rule.code)
        #expect(error.field == rule.field)
        #expect(error.description.contains(rule.field))
    }

    @Test func r5_3_1_leafCertificateIsNotACA() throws {
        let ca = try NetworkCA(name: "test", key: P256Signer(), notBefore: Date(timeIntervalSince1970: 0),
                               notAfter: Date(timeIntervalSince1970: 4_000_000_000))
        let leaf = try ca.issue(publicKey: P256Signer().publicKey, claims: IdentityClaims(participantId: "p"), serial: 2,
                                notBefore: Date(timeIntervalSince1970: 0), notAfter: Date(timeIntervalSince1970: 4_000_000_000))
        var genesis = GenesisFixture.standard
        genesis.caCertificates = [try CertificateCodec.pem(leaf)]
        let error = try #require(throws: GenesisError.self) { try genesis.validate() }
        #expect(error.code == .badPEM && error.field == "caCertificates[0]")
    }

    /// Errors found while reading the JSON, before the rules.
    @Test(arguments: [
        ("{\"version\":1", GenesisError.Code.malformed, "file"),
        ("[]", .invalidField, "file"),
        ("{\"version\":1,\"version\":1}", .duplicateKey, "file"),
    ]) func jsonErrors(_ text: String, _ code: GenesisError.Code, _ field: String) throws {
        let error = try #require(throws: GenesisError.self) { try Genesis.parse(Array(text.utf8)) }
        #expect(error.code == code && error.field == field)
    }

    /// A member changed in the fixture's JSON text.
    @Test(arguments: [
        ("\"version\":1", "\"version\":2", GenesisError.Code.invalidField, "version"),
        ("\"version\":1", "\"version\":1,\"zzz\":0", .unknownField, "zzz"),
        ("\"genesisTime\":1764201600000,", "", .missingField, "genesisTime"),
        ("\"cryptoProfile\":\"standard\"", "\"cryptoProfile\":\"fast\"", .invalidField, "cryptoProfile"),
        ("\"chainId\":\"cbetc\"", "\"chainId\":7", .invalidField, "chainId"),
        ("\"power\":10}", "\"power\":-10}", .invalidField, "validators[0].power"),
        ("\"power\":10}", "\"power\":\"10\"}", .invalidField, "validators[0].power"),
        ("{\"alg\":\"p256\",\"key\":\"04", "{\"alg\":\"rsa\",\"key\":\"04", .invalidField, "replicas[0].nodeKey.alg"),
        ("\"roundMax\":10000", "\"roundMax\":0", .invalidField, "consensus.roundMax"),
        ("\"replicas\":[", "\"replicas\":{},\"x\":[", .unknownField, "x"),
    ]) func memberErrors(_ find: String, _ replace: String, _ code: GenesisError.Code, _ field: String) throws {
        let text = GenesisFixture.text(GenesisFixture.standard)
        #expect(text.contains(find))
        let changed = text.replacingOccurrences(of: find, with: replace, options: [], range: text.range(of: find))
        let error = try #require(throws: GenesisError.self) { try Genesis.parse(Array(changed.utf8)) }
        #expect(error.code == code)
        #expect(error.field == field)
    }

    @Test func oversizedFileIsRefused() throws {
        let bytes = [UInt8](repeating: 0x20, count: Genesis.fileBytesMax + 1)
        #expect(throws: GenesisError(.malformed, field: "", rule: "")) { try Genesis.parse(bytes) }
    }

    /// Seeded mutations of a valid genesis never crash the reader.
    @Test func mutatedGenesisNeverCrashes() throws {
        let bytes = try GenesisFixture.standard.canonicalBytes()
        var generator = SeededGenerator(seed: 0x6e_6e_65_73)
        var refused = 0
        for _ in 0..<300 {
            var mutated = bytes
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<mutated.count, using: &generator)
                mutated[index] = UInt8.random(in: 0...255, using: &generator)
            }
            if (try? Genesis.parse(mutated)) == nil { refused += 1 }
        }
        #expect(refused > 200)
    }
}
