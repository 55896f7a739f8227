import Foundation
import Testing
import TraceCrypto
import TraceLedger

/// `crosstrace init` writes the genesis verifiers (R-6.3.1.2): the platform
/// operator on every chain, market supervision also on cbetc.
@Suite struct InitVerifierTests {
    @Test func r6_3_1_2_initWritesGenesisVerifierKeys() throws {
        let parent = InitCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let out = parent + "/net"
        let result = try CLI.run(["init", "--validators", "1", "--chains", "cbetc,cbeac",
                                  "--profile", "cbetc=standard,cbeac=national", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = ["cbetc": ["platform-operator", "market-supervision"], "cbeac": ["platform-operator"]]
        var keys: [PublicKey] = []
        for chain in ["cbetc", "cbeac"] {
            let genesis = try Genesis.load(out + "/genesis/\(chain).json")
            #expect(genesis.verifiers.map(\.participantId) == expected[chain])
            for verifier in genesis.verifiers {
                let path = out + "/verifiers/\(chain)-\(verifier.participantId).key.json"
                #expect(try InitCommandTests.mode(path) == 0o600)
                let key = try KeyFile.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path)))).signingKey(passphrase: nil)
                #expect(key.publicKey == verifier.publicKey)
                #expect(key.algorithm == genesis.profile.defaultSignatureAlgorithm)
                keys.append(key.publicKey)
            }
        }
        #expect(Set(keys).count == 3)
    }
}
