import Foundation
import Testing
import TraceCrypto
import X509
@testable import TraceNode

/// The admission rule (issue 5, item 4): chain to the network CA, a node role, a key from genesis.
@Suite struct PeerAdmissionTests {
    @Test func r5_3_1_admittedNodeCertificatePasses() async throws {
        var network = try TestNetwork()
        let node = try network.identity("node0")
        let replica = try network.identity("node1", nodeRoles: ["cbeac": .replica])
        let admission = network.admission([node, replica])
        for credentials in [node, replica] {
            let result = await admission.evaluate(chain: credentials.certificateChain, at: TestNetwork.now)
            #expect(try result.get() == credentials.publicKey)
        }
    }

    /// A handshake's admission runs on its own queue, before and after its
    /// awaits, not on Swift's cooperative pool: work blocking that pool (an API
    /// under query load, a busy test process) must not hold a handshake until
    /// the peer's timeout decides instead.
    @Test func r5_3_1_admissionRunsOnItsOwnQueue() async throws {
        var network = try TestNetwork()
        let node = try network.identity("node0")
        let admission = network.admission([node])
        let (before, result, after) = await withCheckedContinuation { continuation in
            AdmissionExecutor.run({ () async -> (Bool, Result<PublicKey, TransportError>, Bool) in
                let before = AdmissionExecutor.isCurrent
                let result = await admission.evaluate(chain: node.certificateChain, at: TestNetwork.now)
                return (before, result, AdmissionExecutor.isCurrent)
            }) { continuation.resume(returning: $0) }
        }
        #expect(before && after)
        #expect(try result.get() == node.publicKey)
        #expect(!AdmissionExecutor.isCurrent)
    }

    @Test func r5_3_1_participantCertificateOfTheSameCAIsRefused() async throws {
        var network = try TestNetwork()
        let node = try network.identity("node0")
        let participant = try network.identity("exporter-01", nodeRoles: [:])
        let notInGenesis = try network.identity("node9")
        // Even a participant certificate for an admitted key is refused: it names no node role.
        let admission = network.admission([node, participant])
        await #expect(throws: TransportError(.notANode, field: "", reason: "")) {
            try await admission.evaluate(chain: participant.certificateChain, at: TestNetwork.now).get()
        }
        await #expect(throws: TransportError(.notAdmitted, field: "", reason: "")) {
            try await admission.evaluate(chain: notInGenesis.certificateChain, at: TestNetwork.now).get()
        }
    }

    @Test func r5_3_1_otherCAExpiredAndRevokedAreRefused() async throws {
        var network = try TestNetwork()
        var other = try TestNetwork(name: "elsewhere")
        let node = try network.identity("node0")
        let stranger = try other.identity("node0")
        let admission = network.admission([node, stranger])
        let untrusted = TransportError(.untrustedChain, field: "", reason: "")
        await #expect(throws: untrusted) { try await admission.evaluate(chain: stranger.certificateChain, at: TestNetwork.now).get() }
        await #expect(throws: untrusted) { try await admission.evaluate(chain: node.certificateChain, at: TestNetwork.start + 400 * TestNetwork.day).get() }
        let leaf = try #require(node.certificateChain.first)
        let revoking = PeerAdmission(caCertificates: [network.ca.certificate], admittedKeys: [node.publicKey],
                                     revokedSerials: [leaf.serialNumber])
        await #expect(throws: untrusted) { try await revoking.evaluate(chain: node.certificateChain, at: TestNetwork.now).get() }
        await #expect(throws: untrusted) { try await admission.evaluate(chain: [], at: TestNetwork.now).get() }
    }

    @Test func r5_3_1_credentialsMustCertifyTheirOwnP256Key() throws {
        var network = try TestNetwork()
        let node = try network.identity("node0")
        #expect(throws: TransportError(.invalidCredentials, field: "", reason: "")) {
            try NodeCredentials(certificateChain: node.certificateChain, signingKey: .generate(.p256))
        }
        #expect(throws: TransportError(.invalidCredentials, field: "", reason: "")) {
            try NodeCredentials(certificateChain: node.certificateChain, signingKey: .generate(.ed25519))
        }
        #expect(throws: TransportError(.invalidConfiguration, field: "", reason: "")) {
            try PeerAdmission(caCertificates: [], admittedKeys: []).validate()
        }
    }
}
