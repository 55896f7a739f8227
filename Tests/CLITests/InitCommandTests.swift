import Foundation
import Testing
import TraceCrypto
import TraceLedger

/// `crosstrace init` run as a user would (issue 5 item 8; ).
@Suite struct InitCommandTests {
    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("init-\(UUID().uuidString)").path
    }

    @Test func r5_3_1_initCreatesAFourValidatorNetwork() async throws {
        let parent = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let out = parent + "/net"
        let result = try CLI.run(["init", "--validators", "4", "--chains", "cbetc,cbeac", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("UNENCRYPTED"))
        #expect(result.stdout.contains("node3 home=\(out)/node3 p2p=127.0.0.1:26659 http=http://127.0.0.1:8083"))

        let caPEM = try String(contentsOfFile: out + "/ca/ca.crt.pem", encoding: .utf8)
        let ca = try CertificateCodec.certificate(pem: caPEM)
        #expect(try Self.mode(out + "/ca/ca.key.json") == 0o600)
        for chain in ["cbetc", "cbeac"] {
            let genesis = try Genesis.load(out + "/genesis/\(chain).json")
            #expect(genesis.chainId == chain && genesis.profile == .standard)
            #expect(try genesis.validatorSet().count == 4)
            #expect(genesis.caCertificates == [caPEM])
            #expect(result.stdout.contains("genesis \(chain) \(Hex.encode(try genesis.hash()))"))
        }
        let verifier = IdentityVerifier(networkCA: ca)
        for index in 0..<4 {
            try await Self.checkNode(out: out, index: index, verifier: verifier)
        }
    }

    /// One node's home: its config validates, its certificate verifies against
    /// the CA and names it validator of both chains, its keys match genesis.
    static func checkNode(out: String, index: Int, verifier: IdentityVerifier) async throws {
        let home = out + "/node\(index)"
        let config = try NodeConfig.load(home: home)
        #expect(config.node.name == "node\(index)")
        #expect(config.node.listenP2P == "127.0.0.1:\(26656 + index)")
        #expect(config.peers.count == 3 && !config.peers.contains { $0.name == config.node.name })
        let certificate = try CertificateCodec.certificate(pem: try String(contentsOfFile: config.resolve(config.node.tlsCertificateFile), encoding: .utf8))
        let claims = try await verifier.verify(certificate, at: Date()).get()
        #expect(claims.participantId == "node\(index)")
        #expect(claims.nodeRoles == ["cbetc": .validator, "cbeac": .validator])
        let tlsKey = try KeyFile.parse(Array(try Data(contentsOf: URL(fileURLWithPath: config.resolve(config.node.tlsKeyFile))))).signingKey(passphrase: nil)
        #expect(try Self.mode(config.resolve(config.node.tlsKeyFile)) == 0o600)
        for chain in config.chains {
            let genesis = try Genesis.load(config.resolve(chain.genesisFile))
            #expect(try genesis.canonicalBytes() == Genesis.load(out + "/genesis/\(chain.id).json").canonicalBytes())
            let keyPath = config.resolve(try #require(chain.consensusKeyFile))
            let consensusKey = try KeyFile.parse(Array(try Data(contentsOf: URL(fileURLWithPath: keyPath)))).signingKey(passphrase: nil)
            #expect(genesis.validators[index].consensusKey == consensusKey.publicKey)
            #expect(genesis.validators[index].nodeKey == tlsKey.publicKey)
            #expect(genesis.nodeRole(of: tlsKey.publicKey) == .validator)
            #expect(config.dataDirectory(of: chain) == home + "/chains/\(chain.id)")
        }
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return ((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
    }

    @Test func r5_3_4_perChainProfileGivesSM2ConsensusKeys() throws {
        let out = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLI.run(["init", "--validators", "1", "--chains", "cbetc,cbeac", "--out", out,
                                  "--profile", "cbetc=standard,cbeac=national", "--base-port", "30000", "--http-base-port", "31000"])
        #expect(result.status == 0, "\(result.stderr)")
        let cbeac = try Genesis.load(out + "/genesis/cbeac.json")
        #expect(cbeac.profile == .national && cbeac.validators.map(\.consensusKey.algorithm) == [.sm2])
        let cbetc = try Genesis.load(out + "/genesis/cbetc.json")
        #expect(cbetc.profile == .standard && cbetc.validators.map(\.consensusKey.algorithm) == [.p256])
        let config = try NodeConfig.load(home: out + "/node0")
        #expect(config.node.listenHTTP == "127.0.0.1:31000" && config.peers.isEmpty)
    }

    @Test func secondRunIntoTheSameDirectoryRefuses() throws {
        let out = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let first = try CLI.run(["init", "--validators", "1", "--chains", "cbetc", "--out", out])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Data(contentsOf: URL(fileURLWithPath: out + "/genesis/cbetc.json"))
        let second = try CLI.run(["init", "--validators", "1", "--chains", "cbetc", "--out", out])
        #expect(second.status != 0)
        #expect(second.stderr.contains("already exists"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/genesis/cbetc.json")) == before)
    }

    @Test(arguments: [
        (["--validators", "0", "--chains", "cbetc"], "--validators"),
        (["--validators", "65", "--chains", "cbetc"], "--validators"),
        (["--validators", "2", "--chains", "CBETC"], "--chains"),
        (["--validators", "2", "--chains", "cbetc,cbetc"], "--chains"),
        (["--validators", "2", "--chains", "cbetc", "--profile", "fast"], "--profile"),
        (["--validators", "2", "--chains", "cbetc,cbeac", "--profile", "cbetc=national"], "--profile"),
        (["--validators", "4", "--chains", "cbetc", "--base-port", "8081"], "overlap"),
        (["--validators", "2", "--chains", "cbetc", "--base-port", "65535"], "--base-port"),
    ]) func badArgumentsAreRefusedBeforeWriting(_ arguments: [String], _ named: String) throws {
        let out = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLI.run(["init", "--out", out] + arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(named), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
