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
            let nodeB = try await TestNode.start(b, admission: admission, group: group)
            let nodeA = try await TestNode.start(a, admission: admission, group: group,
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
            let nodeA = try await TestNode.start(a, admission: admission, group: group)
            let nodeB = try await TestNode.start(b, admission: admission, group: group)
            nodeA.transport.dial(nodeB.peerAddress(of: b))
            nodeB.transport.dial(nodeA.peerAddress(of: a))
            _ = try await nodeA.events.first { $0.isConnected }
            _ = try await nodeB.events.first { $0.isConnected }
            // Round trips over whatever connection both kept.
            for round in 0..<3 {
                #expect(nodeA.transport.send(Envelope(kind: 2, body: [UInt8(round)]), to: b.publicKey) == .queued)
                _ = try await nodeB.events.occurrence(round + 1) { $0.isReceived }
                #expect(nodeB.transport.send(Envelope(kind: 3, body: [UInt8(round)]), to: a.publicKey) == .queued)
                _ = try await nodeA.events.occurrence(round + 1) { $0.isReceived }
            }
            #expect(nodeA.events.received(from: b.publicKey).map(\.body) == [[0], [1], [2]])
            #expect(nodeB.events.received(from: a.publicKey).map(\.body) == [[0], [1], [2]])
            #expect(nodeA.transport.connectedPeers == [b.publicKey] && nodeB.transport.connectedPeers == [a.publicKey])
            await nodeA.transport.shutdown()
            await nodeB.transport.shutdown()
        }
    }

    @Test func r5_3_1_dialerReconnectsAfterThePeerRestarts() async throws {
        try await withGroup { group in
            var network = try TestNetwork()
            let a = try network.identity("node0"), b = try network.identity("node1")
            let admission = network.admission([a, b])
            let firstB = try await TestNode.start(b, admission: admission, group: group)
            let nodeA = try await TestNode.start(a, admission: admission, group: group,
                                                 configuration: TestNetwork.configuration { $0.peers = [firstB.peerAddress(of: b)] })
            _ = try await nodeA.events.first { $0.isConnected }
            await firstB.transport.shutdown()
            _ = try await nodeA.events.first { $0 == .disconnected(b.publicKey) }
            let secondB = try await TestNode.start(b, admission: admission, group: group,
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
            let nodeB = try await TestNode.start(b, admission: admission, group: group)
            let configuration = TestNetwork.configuration {
                $0.peers = [nodeB.peerAddress(of: b)]
                $0.outboundQueueFramesMax = 64
                $0.outboundOverflow = policy
            }
            let nodeA = try await TestNode.start(a, admission: admission, group: group, configuration: configuration)
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

    static func bytes(_ index: Int) -> [UInt8] { withUnsafeBytes(of: UInt32(index).bigEndian, Array.init) }
}
