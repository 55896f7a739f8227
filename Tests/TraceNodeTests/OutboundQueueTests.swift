import NIOCore
import Testing
@testable import TraceNode

/// Bounded per-peer outbound queues and configuration bounds (issue 5, item 4; STYLE.md #11).
@Suite struct OutboundQueueTests {
    func envelope(_ index: Int, bytes: Int = 10) -> Envelope {
        Envelope(kind: 1, body: [UInt8(truncatingIfNeeded: index)] + Array(repeating: 0, count: max(bytes - 1, 0)))
    }

    @Test func r5_3_1_dropOldestKeepsTheNewestWithinTheFrameBound() {
        var queue = OutboundQueue(framesMax: 8, bytesMax: 1 << 20, policy: .dropOldest)
        var outcomes: [SendOutcome] = []
        for index in 0..<1_000 {
            outcomes.append(queue.push(envelope(index)))
            #expect(queue.count <= 8)
        }
        #expect(outcomes.prefix(8).allSatisfy { $0 == .queued })
        #expect(outcomes.dropFirst(8).allSatisfy { $0 == .queuedDroppingOldest(1) })
        var firstBytes: [UInt8] = []
        while let next = queue.popFirst() { firstBytes.append(next.body[0]) }
        #expect(firstBytes == (992..<1_000).map { UInt8(truncatingIfNeeded: $0) })
        #expect(queue.byteCount == 0)
    }

    @Test func r5_3_1_refuseNewKeepsTheOldest() {
        var queue = OutboundQueue(framesMax: 4, bytesMax: 1 << 20, policy: .refuseNew)
        let outcomes = (0..<10).map { queue.push(envelope($0)) }
        #expect(outcomes == Array(repeating: .queued, count: 4) + Array(repeating: .refusedQueueFull, count: 6))
        #expect(queue.popFirst()?.body.first == 0)
    }

    @Test func r5_3_1_byteBoundDropsAsManyAsNeeded() {
        // 100-byte bodies: 105 bytes on the wire each; 400 bytes hold three.
        var queue = OutboundQueue(framesMax: 100, bytesMax: 400, policy: .dropOldest)
        for index in 0..<3 { #expect(queue.push(envelope(index, bytes: 100)) == .queued) }
        #expect(queue.push(envelope(3, bytes: 250)) == .queuedDroppingOldest(2))
        #expect(queue.byteCount <= 400 && queue.count == 2)
        #expect(queue.push(envelope(4, bytes: 500)) == .refusedTooLarge)
    }

    @Test func r5_3_1_backoffGrowsAndStaysCapped() {
        let backoff = ReconnectBackoff(initial: .milliseconds(100), maximum: .seconds(5))
        #expect(backoff.delay(attempt: 0) == .milliseconds(100))
        #expect(backoff.delay(attempt: 3) == .milliseconds(800))
        #expect(backoff.delay(attempt: 10) == .seconds(5))
        #expect(backoff.delay(attempt: Int.max) == .seconds(5))
    }

    @Test func r5_3_1_configurationIsValidatedOnce() {
        #expect(throws: Never.self) { try TransportConfiguration().validate() }
        #expect(TransportConfiguration().frameBytesMax == 8 * 1024 * 1024)
        let broken: [(inout TransportConfiguration) -> Void] = [
            { $0.frameBytesMax = 1 },
            { $0.frameBytesMax = 1 << 30 },
            { $0.outboundQueueFramesMax = 0 },
            { $0.outboundQueueBytesMax = 1_024 },
            { $0.reconnectBackoff = ReconnectBackoff(initial: .seconds(2), maximum: .seconds(1)) },
            { $0.handshakeTimeout = .zero },
            { $0.listenPort = 70_000 },
            { $0.pendingInboundMax = 0 },
        ]
        for change in broken {
            var configuration = TransportConfiguration()
            change(&configuration)
            #expect(throws: TransportError(.invalidConfiguration, field: "", reason: "")) { try configuration.validate() }
        }
    }
}
