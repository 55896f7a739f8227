import NIOCore
import NIOPosix
import Testing
import TraceCrypto
@testable import TraceNode

/// Admitted nodes over real loopback sockets (issue 5, item 4; ).
@Suite(.serialized) struct PeerTransportTests {
    @Test func r5_3_1_admittedNodesExchangeFramesBothWays() async throws {
        try await withGroup { group in
            var network = try TestNetwork()
            let a = try network.identity("node0"), b = try network.identity("node1", nodeRoles: ["cbetc": .replica])
            let admission = network.admission([a, b])
            let nodeB = try await group.start(b, admission: admission)
            let nodeA = try await group.start(a, admission: admission,
                                                 configuration: TestNetwork.configuration { $0.peers = [nodeB.peerAddress(of: b)] })
            #expect(try await nodeA.events.first { $0.isConnected } == .connected(b.publicKey, .outbound))
            #expect(try await nodeB.events.first { $0.isConnected } == .connected(a.publicKey, .inbound))

            let toB = Envelope(kind: 1, body: [1, 2, 3])
            let large = Envelope(kind: 9, body: (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            #expect(nodeA.transport.send(toB, to: b.publicKey) == .queued)
            #expect(nodeB.transport.broadcast(large).map(\.key) == [a.publicKey])
            #expect(try await nodeB.events.first { $0.isReceived } == .received(a.publicKey, toB))
            #expect(try await nodeA.events.first { $0.isReceived } == .received(b.publicKey, large))
            #expect(nodeA.transport.connectedPeers == [b.publicKey] && nodeB.transport.connectedPeers == [a.publicKey])
            #expect(nodeA.transport.send(toB, to: a.publicKey) == .notConnected)
            #expect(nodeA.transport.send(Envelope(kind: 1, body: Array(repeating: 0, count: 8 << 20)), to: b.publicKey) == .refusedTooLarge)

            await #expect(throws: TransportError(.invalidConfiguration, field: "", reason: "")) { try await nodeA.transport.start() }
            await nodeA.transport.shutdown()
            #expect(try await nodeB.events.first { $0 == .disconnected(a.publicKey) } == .disconnected(a.publicKey))
            await nodeB.transport.shutdown()
            #expect(nodeB.transport.counters.framesReceived == 1 && nodeB.transport.counters.framesSent == 1)
            #expect(nodeB.transport.counters.handshakesRefused == 0 && nodeB.transport.counters.framesRefused == 0)
        }
    }

    @Test func r5_3_1_nodesDiallingEachOtherKeepOneConnection() async throws {
        try await withGroup { group in
            var network = try TestNetwork()
            let a = try network.identity("node0"), b = try network.identity("node1")
            let admission = network.admission([a, b])
            let nodeA = try await group.start(a, admission: admission)
            let nodeB = try await group.start(b, admission: admission)
            nodeA.transport.dial(nodeB.peerAddress(of: b))
            nodeB.transport.dial(nodeA.peerAddress(of: a))
            _ = try await nodeA.events.first { $0.isConnected }
            _ = try await nodeB.events.first { $0.isConnected }
            // Delivery is best effort while the duplicate is resolved (docs/transport.md): a ping
            // written on the connection that loses may be lost, so each ping is re-sent until it arrives.
            try await exchange(Envelope(kind: 2, body: [1]), from: nodeA, to: nodeB, receiverKey: b.publicKey, senderKey: a.publicKey)
            try await exchange(Envelope(kind: 3, body: [2]), from: nodeB, to: nodeA, receiverKey: a.publicKey, senderKey: b.publicKey)
            await nodeA.transport.shutdown()
            await nodeB.transport.shutdown()
        }
    }

    /// A second connection from an already connected peer: both nodes keep the connection opened by
    /// the smaller key. Made deterministic with a hand-built duplicate carrying the dialled node's certificate.
    @Test(arguments: [true, false])
    func r5_3_1_duplicateConnectionFollowsTheTieBreak(duplicateFromSmallerKey: Bool) async throws {
        try await withGroup { group in
            var network = try TestNetwork()
            let pair = [try network.identity("node0"), try network.identity("node1")]
                .sorted { $0.publicKey.rawBytes.lexicographicallyPrecedes($1.publicKey.rawBytes) }
            // The dialler a opens the first connection; the duplicate comes from b.
            let (a, b) = duplicateFromSmallerKey ? (pair[1], pair[0]) : (pair[0], pair[1])
            let admission = network.admission([a, b])
            let nodeB = try await group.start(b, admission: admission)
            let nodeA = try await group.start(a, admission: admission,
                                              configuration: TestNetwork.configuration { $0.peers = [nodeB.peerAddress(of: b)] })
            _ = try await nodeB.events.first { $0 == .connected(a.publicKey, .inbound) }
            let duplicate = try await RawPeer.connect(port: nodeA.port, credentials: b, group: group.group)
            if duplicateFromSmallerKey {
                // b's connection wins at a: a closes its own, which b sees go.
                _ = try await nodeB.events.first { $0 == .disconnected(a.publicKey) }
                #expect(nodeA.transport.connectedPeers == [b.publicKey])
                #expect(nodeA.transport.counters.connectionsAuthenticated == 2)
            } else {
                // a keeps the connection it opened and closes the duplicate.
                try await duplicate.closeFuture.get()
                let ping = Envelope(kind: 8, body: [1])
                #expect(nodeA.transport.send(ping, to: b.publicKey) == .queued)
                _ = try await nodeB.events.first { $0 == .received(a.publicKey, ping) }
                #expect(!nodeB.events.all.contains { $0 == .disconnected(a.publicKey) })
            }
            #expect(nodeA.events.all.filter(\.isConnected).count == 1)
            duplicate.close(promise: nil)
        }
    }

    @Test func r5_3_1_dialerReconnectsAfterThePeerRestarts() async throws {
        try await withGroup { group in
            var network = try TestNetwork()
            let a = try network.identity("node0"), b = try network.identity("node1")
            let admission = network.admission([a, b])
            let firstB = try await group.start(b, admission: admission)
            let nodeA = try await group.start(a, admission: admission,
                                                 configuration: TestNetwork.configuration { $0.peers = [firstB.peerAddress(of: b)] })
            _ = try await nodeA.events.first { $0.isConnected }
            await firstB.transport.shutdown()
            _ = try await nodeA.events.first { $0 == .disconnected(b.publicKey) }
            let secondB = try await group.start(b, admission: admission,
                                                   configuration: TestNetwork.configuration { $0.listenPort = firstB.port })
            #expect(try await nodeA.events.occurrence(2) { $0.isConnected } == .connected(b.publicKey, .outbound))
            #expect(nodeA.transport.send(Envelope(kind: 4, body: [42]), to: b.publicKey) == .queued)
            #expect(try await secondB.events.first { $0.isReceived } == .received(a.publicKey, Envelope(kind: 4, body: [42])))
            await nodeA.transport.shutdown()
            await secondB.transport.shutdown()
        }
    }

    /// A flood into a bounded queue: deterministic because every send runs on the connection's
    /// event loop before the queue can drain.
    @Test(arguments: [OverflowPolicy.dropOldest, .refuseNew])
    func r5_3_1_floodStaysWithinTheQueueBound(policy: OverflowPolicy) async throws {
        try await withGroup { group in
            var network = try TestNetwork()
            let a = try network.identity("node0"), b = try network.identity("node1")
            let admission = network.admission([a, b])
            let nodeB = try await group.start(b, admission: admission)
            let configuration = TestNetwork.configuration {
                $0.peers = [nodeB.peerAddress(of: b)]
                $0.outboundQueueFramesMax = 64
                $0.outboundOverflow = policy
            }
            let nodeA = try await group.start(a, admission: admission, configuration: configuration)
            _ = try await nodeA.events.first { $0.isConnected }
            let link = try #require(nodeA.transport.state.withLock { $0.links[b.publicKey] })
            let transport = nodeA.transport
            let outcomes = try await link.channel.eventLoop.submit {
                (0..<1_000).map { index in transport.send(Envelope(kind: 5, body: Self.bytes(index)), to: b.publicKey) }
            }.get()
            let kept = policy == .dropOldest ? 936..<1_000 : 0..<64
            let last = Envelope(kind: 5, body: Self.bytes(kept.upperBound - 1))
            _ = try await nodeB.events.first { $0 == .received(a.publicKey, last) }

            #expect(outcomes.prefix(64).allSatisfy { $0 == .queued })
            #expect(outcomes.dropFirst(64).allSatisfy { $0 == (policy == .dropOldest ? .queuedDroppingOldest(1) : .refusedQueueFull) })
            #expect(nodeB.events.received(from: a.publicKey).map(\.body) == kept.map(Self.bytes))
            let counters = nodeA.transport.counters
            #expect(counters.outboundQueueDepthMax == 64 && counters.outboundDropped == 936 && counters.framesSent == 64)
            #expect(nodeA.transport.queuedCount(for: b.publicKey) == 0)
            await nodeA.transport.shutdown()
            await nodeB.transport.shutdown()
        }
    }

    /// Sends `ping` until the receiver reports it (at most 20 tries, each waiting up to 3 s).
    func exchange(_ ping: Envelope, from sender: TestNode, to receiver: TestNode, receiverKey: PublicKey, senderKey: PublicKey) async throws {
        for _ in 0..<20 {
            _ = sender.transport.send(ping, to: receiverKey)
            if (try? await receiver.events.first(timeout: .seconds(3)) { $0 == .received(senderKey, ping) }) != nil { return }
        }
        Issue.record("\(ping) never arrived")
    }

    static func bytes(_ index: Int) -> [UInt8] { withUnsafeBytes(of: UInt32(index).bigEndian, Array.init) }
}
