import NIOCore
import Testing
import TraceCrypto
@testable import TraceNode

/// Issue 5, done means: "oversized or malformed frames close that connection only and are counted
/// in metrics" (R-5.3.1).
@Suite(.serialized) struct FrameRefusalTests {
    @Test func r5_3_1_badFramesCloseOnlyTheirConnectionAndAreCounted() async throws {
        try await withGroup { group in
            var network = try TestNetwork()
            let server = try network.identity("node0"), good = try network.identity("node1")
            let oversizer = try network.identity("node2"), garbler = try network.identity("node3")
            let admission = network.admission([server, good, oversizer, garbler])
            let node = try await group.start(server, admission: admission,
                                                configuration: TestNetwork.configuration { $0.frameBytesMax = 1 << 20 })
            let peer = try await group.start(good, admission: admission,
                                                configuration: TestNetwork.configuration { $0.peers = [node.peerAddress(of: server)] })
            _ = try await node.events.first { $0 == .connected(good.publicKey, .inbound) }

            // A whole frame, then a length field of 1 MiB + 1: the frame is delivered, then the connection is refused.
            let first = try await RawPeer.connect(port: node.port, credentials: oversizer, group: group.group)
            RawPeer.write([0, 0, 0, 2, 6, 0x61] + [0x00, 0x10, 0x00, 0x01], to: first)
            let refusedLarge = try await node.events.first { if case .frameRefused = $0 { return true }; return false }
            #expect(refusedLarge == .frameRefused(oversizer.publicKey, TransportError(.frameTooLarge, field: "", reason: "")))
            try await first.closeFuture.get()
            _ = try await node.events.first { $0 == .disconnected(oversizer.publicKey) }
            #expect(node.events.received(from: oversizer.publicKey) == [Envelope(kind: 6, body: [0x61])])
            #expect(node.transport.counters.framesRefused == 1)
            try await expectStillWorking(node, peer, server: server, good: good, round: 1)

            // Kind 0 is reserved: a malformed frame.
            let second = try await RawPeer.connect(port: node.port, credentials: garbler, group: group.group)
            RawPeer.write([0, 0, 0, 3, 0, 1, 2], to: second)
            _ = try await node.events.first { $0 == .frameRefused(garbler.publicKey, TransportError(.malformedFrame, field: "", reason: "")) }
            try await second.closeFuture.get()
            #expect(node.transport.counters.framesRefused == 2)
            #expect(node.events.received(from: garbler.publicKey).isEmpty)
            try await expectStillWorking(node, peer, server: server, good: good, round: 2)
            #expect(node.transport.connectedPeers == [good.publicKey])

            await peer.transport.shutdown()
            await node.transport.shutdown()
        }
    }

    /// The good peer's connection carries frames both ways after another connection was refused.
    func expectStillWorking(_ node: TestNode, _ peer: TestNode, server: NodeCredentials, good: NodeCredentials, round: Int) async throws {
        let ping = Envelope(kind: 7, body: [UInt8(round)])
        #expect(peer.transport.send(ping, to: server.publicKey) == .queued)
        _ = try await node.events.first { $0 == .received(good.publicKey, ping) }
        #expect(node.transport.send(ping, to: good.publicKey) == .queued)
        _ = try await peer.events.first { $0 == .received(server.publicKey, ping) }
        #expect(peer.events.all.filter { if case .disconnected = $0 { return true }; return false }.isEmpty)
    }
}
