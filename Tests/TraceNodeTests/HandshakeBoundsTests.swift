import NIOCore
import Testing
import TraceCrypto
@testable import TraceNode

/// Bounds on connections that never authenticate (issue 5, item 4; STYLE.md #11: a limit on everything).
@Suite(.serialized) struct HandshakeBoundsTests {
    @Test func r5_3_1_silentConnectionIsClosedAtTheHandshakeTimeout() async throws {
        try await withGroup { group in
            var network = try TestNetwork()
            let server = try network.identity("node0")
            let node = try await group.start(server, admission: network.admission([server]),
                                             configuration: TestNetwork.configuration { $0.handshakeTimeout = .milliseconds(200) })
            let silent = try await RawPeer.silent(port: node.port, group: group.group)
            try await silent.closeFuture.get()
            let refused = try await node.events.first { $0.isHandshakeRefused }
            #expect(refused == .handshakeRefused(.inbound, TransportError(.io, field: "", reason: "")))
            #expect(node.transport.counters.handshakesRefused == 1)
        }
    }

    @Test func r5_3_1_pendingHandshakesAreBounded() async throws {
        try await withGroup { group in
            var network = try TestNetwork()
            let server = try network.identity("node0"), peer = try network.identity("node1")
            let admission = network.admission([server, peer])
            let node = try await group.start(server, admission: admission,
                                             configuration: TestNetwork.configuration { $0.pendingInboundMax = 1 })
            // Two silent connections race for the one slot (they are accepted on different event loops).
            let first = try await RawPeer.silent(port: node.port, group: group.group)
            let second = try await RawPeer.silent(port: node.port, group: group.group)
            let refusedIndex = await Self.firstToClose([first, second])
            _ = try await node.events.first { $0.isHandshakeRefused }
            let holder = refusedIndex == 0 ? second : first
            #expect(holder.isActive)
            // Freeing the slot lets an admitted node in.
            try await holder.close()
            _ = try await node.events.occurrence(2) { $0.isHandshakeRefused }
            let dialler = try await group.start(peer, admission: admission,
                                                configuration: TestNetwork.configuration { $0.peers = [node.peerAddress(of: server)] })
            #expect(try await node.events.first { $0.isConnected } == .connected(peer.publicKey, .inbound))
            #expect(try await dialler.events.first { $0.isConnected } == .connected(server.publicKey, .outbound))
        }
    }

    /// The index of the channel whose close completes first (the others stay open).
    static func firstToClose(_ channels: [any Channel]) async -> Int {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        for (index, channel) in channels.enumerated() {
            channel.closeFuture.whenComplete { _ in continuation.yield(index) }
        }
        for await index in stream { return index }
        return -1
    }
}
