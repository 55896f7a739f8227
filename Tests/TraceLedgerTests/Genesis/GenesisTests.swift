import Foundation
import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// Genesis files: canonical form, hash, validator set (R-5.3.1, R-5.3.4; issue 5 item 5).
@Suite struct GenesisTests {
    @Test func r5_3_1_roundTripIsByteExact() throws {
        for genesis in [GenesisFixture.standard, GenesisFixture.national] {
            let bytes = try genesis.canonicalBytes()
            let parsed = try Genesis.parse(bytes)
            #expect(parsed == genesis)
            #expect(try parsed.canonicalBytes() == bytes)
            #expect(try parsed.hash() == genesis.hash())
        }
    }

    @Test func r5_3_1_hashIsStable() throws {
        let standardHash = Hex.encode(try GenesisFixture.standard.hash())
        #expect(standardHash == GenesisFixture.standardHash)
        let national = GenesisFixture.national
        let nationalHash = Hex.encode(try national.hash())
        #expect(nationalHash == GenesisFixture.nationalHash)
        #expect(try national.hash() == CryptoProfile.national.hash.hash(Genesis.hashDomainTag + national.canonicalBytes()))
    }

    /// Member order and whitespace do not change the parsed genesis or its hash.
    @Test func r5_3_1_memberOrderAndSpacingDoNotMatter() throws {
        let genesis = GenesisFixture.standard
        let reordered = Array(Self.reversedText(genesis.json).utf8)
        #expect(reordered != (try genesis.canonicalBytes()))
        let parsed = try Genesis.parse(reordered)
        #expect(try parsed.hash() == genesis.hash())
    }

    @Test func r5_3_3_validatorSetFollowsGenesisOrder() throws {
        let genesis = GenesisFixture.standard
        let set = try genesis.validatorSet()
        #expect(set.count == 4)
        #expect(set.totalPower == 100)
        #expect(set.validators.map(\.publicKey) == genesis.validators.map(\.consensusKey))
        #expect(set.index(of: GenesisFixture.p256(3)) == 2)
    }

    @Test func r5_3_1_nodeRoleComesFromGenesisNodeKeys() {
        let genesis = GenesisFixture.standard
        #expect(genesis.nodeRole(of: GenesisFixture.p256(12)) == .validator)
        #expect(genesis.nodeRole(of: GenesisFixture.p256(21)) == .replica)
        #expect(genesis.nodeRole(of: GenesisFixture.p256(1)) == nil)
    }

    @Test func r5_3_4_nationalProfileAdmitsOnlySM2() throws {
        #expect(throws: Never.self) { try GenesisFixture.national.validate() }
        var mixed = GenesisFixture.national
        mixed.validators[2].consensusKey = GenesisFixture.p256(3)
        #expect(throws: GenesisError(.keyNotAdmitted, field: "", rule: "")) { try mixed.validate() }
        var standard = GenesisFixture.standard
        standard.validators[0].consensusKey = GenesisFixture.sm2(1)
        #expect(throws: GenesisError(.keyNotAdmitted, field: "", rule: "")) { try standard.validate() }
    }

    @Test func loadReadsAFileAndNamesAMissingOne() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("genesis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("cbetc.json").path
        try Data(try GenesisFixture.standard.canonicalBytes()).write(to: URL(fileURLWithPath: path))
        #expect(try Genesis.load(path) == GenesisFixture.standard)
        let error = try #require(throws: GenesisError.self) { try Genesis.load(path + ".missing") }
        #expect(error.code == .malformed && error.field == "file")
    }

    @Test func networkCAsParseTheCertificates() throws {
        let certificates = try GenesisFixture.standard.networkCAs()
        #expect(certificates.count == 1)
        #expect(try CertificateCodec.pem(certificates[0]) == GenesisFixture.caPEM)
    }

    /// JSON with members in reverse order and spaces, to show the parse is order-free.
    static func reversedText(_ value: CanonicalJSON) -> String {
        switch value {
        case .object(let members):
            let parts = members.keys.sorted(by: >).map { "\"\($0)\" : \(reversedText(members[$0] ?? .null))" }
            return "{ " + parts.joined(separator: " , ") + " }"
        case .array(let items): return "[ " + items.map(reversedText).joined(separator: ", ") + " ]"
        default: return String(decoding: (try? value.canonicalBytes()) ?? [], as: UTF8.self)
        }
    }
}
