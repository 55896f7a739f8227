import NIOCore
import NIOSSL
import Testing
import TraceCrypto
@testable import TraceNode

/// Issue 5, done means: "a peer with a certificate from another CA, with none, or with a participant
/// certificate cannot connect" — the handshake fails on the listening node and nothing is delivered (R-5.3.1).
@Suite(.serialized) struct AdmissionRefusalTests {
    /// Waits for the listener's refusal and checks that it saw no connection and no frame.
    func expectRefusal(at server: TestNode, code: TransportError.Code?) async throws {
        let event = try await server.events.first { $0.isHandshakeRefused }
        if let code, case .handshakeRefused(.inbound, let error) = event { #expect(error.code == code) }
        #expect(!server.events.all.contains { $0.isConnected || $0.isReceived })
        #expect(server.transport.connectedPeers.isEmpty)
        #expect(server.transport.counters.handshakesRefused >= 1 && server.transport.counters.connectionsAuthenticated == 0)
    }

    /// An intruder running the real transport, trusting the server, dialling it with `credentials`.
    func intrude(_ credentials: NodeCredentials, extraCA: TestNetwork? = nil, server: TestNode, serverKey: PublicKey,
                 network: TestNetwork, group: TestGroup) async throws {
        let roots = [network.ca.certificate] + (extraCA.map { [$0.ca.certificate] } ?? [])
        let admission = PeerAdmission(caCertificates: roots, admittedKeys: [serverKey])
        let intruder = try await group.start(credentials, admission: admission,
                                                configuration: TestNetwork.configuration {
            $0.peers = [PeerAddress(key: serverKey, host: "127.0.0.1", port: server.port)]
        })
        try await expectRefusal(at: server, code: nil)
        await intruder.transport.shutdown()
        #expect(intruder.events.received(from: serverKey).isEmpty)
    }

    @Test func r5_3_1_certificateFromAnotherCAIsRefused() async throws {
        try await withGroup { group in
            var network = try TestNetwork()
            var other = try TestNetwork(name: "elsewhere")
            let server = try network.identity("node0")
            let stranger = try other.identity("node1")
            // The stranger's key is even in the admission set: the chain alone refuses it.
            let node = try await group.start(server, admission: network.admission([server, stranger]))
            try await intrude(stranger, extraCA: other, server: node, serverKey: server.publicKey, network: network, group: group)
            let first = try await node.events.first { $0.isHandshakeRefused }
            #expect(first == .handshakeRefused(.inbound, TransportError(.untrustedChain, field: "", reason: "")))
            await node.transport.shutdown()
        }
    }

    @Test func r5_3_1_participantCertificateOfTheSameCAIsRefused() async throws {
        try await withGroup { group in
            var network = try TestNetwork()
            let server = try network.identity("node0")
            let participant = try network.identity("exporter-01", nodeRoles: [:])
            let node = try await group.start(server, admission: network.admission([server]))
            try await intrude(participant, server: node, serverKey: server.publicKey, network: network, group: group)
            let first = try await node.events.first { $0.isHandshakeRefused }
            #expect(first == .handshakeRefused(.inbound, TransportError(.notANode, field: "", reason: "")))
            await node.transport.shutdown()
        }
    }

    @Test func r5_3_1_nodeCertificateNotInGenesisIsRefused() async throws {
        try await withGroup { group in
            var network = try TestNetwork()
            let server = try network.identity("node0")
            let outsider = try network.identity("node7")
            let node = try await group.start(server, admission: network.admission([server]))
            try await intrude(outsider, server: node, serverKey: server.publicKey, network: network, group: group)
            let first = try await node.events.first { $0.isHandshakeRefused }
            #expect(first == .handshakeRefused(.inbound, TransportError(.notAdmitted, field: "", reason: "")))
            await node.transport.shutdown()
        }
    }

    @Test func r5_3_1_noClientCertificateIsRefused() async throws {
        try await withGroup { group in
            var network = try TestNetwork()
            let server = try network.identity("node0")
            let node = try await group.start(server, admission: network.admission([server]))
            let channel = try await RawPeer.connect(port: node.port, credentials: nil, group: group.group)
            RawPeer.write([0, 0, 0, 2, 1, 0xEE], to: channel)
            try await expectRefusal(at: node, code: .io)
            try await channel.closeFuture.get()
            await node.transport.shutdown()
        }
    }

    @Test func r5_3_1_tls12IsRefusedEvenWithAnAdmittedCertificate() async throws {
        try await withGroup { group in
            var network = try TestNetwork()
            let server = try network.identity("node0"), peer = try network.identity("node1")
            let node = try await group.start(server, admission: network.admission([server, peer]))
            let channel = try await RawPeer.connect(port: node.port, credentials: peer, maximumTLSVersion: .tlsv12, group: group.group)
            try await expectRefusal(at: node, code: .io)
            try await channel.closeFuture.get()
            await node.transport.shutdown()
        }
    }
}
