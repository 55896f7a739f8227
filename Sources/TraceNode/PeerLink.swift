import NIOCore
import TraceCrypto

/// One authenticated connection to an admitted peer, with its bounded outbound queue.
/// Frames are written only while the channel is writable; the rest wait in the queue.
final class PeerLink: Sendable {
    let channel: any Channel
    let key: PublicKey
    let direction: ConnectionDirection
    /// The key of the node that opened the connection; decides between duplicate connections.
    let dialerKey: PublicKey
    private let metrics: TransportMetrics
    private let state: Locked<(queue: OutboundQueue, drainScheduled: Bool)>

    init(channel: any Channel, key: PublicKey, direction: ConnectionDirection, localKey: PublicKey,
         queue: OutboundQueue, metrics: TransportMetrics) {
        self.channel = channel
        self.key = key
        self.direction = direction
        self.dialerKey = direction == .outbound ? localKey : key
        self.metrics = metrics
        self.state = Locked((queue, false))
    }

    /// Queues `envelope`; schedules a drain on the channel's event loop when none is pending.
    func enqueue(_ envelope: Envelope) -> SendOutcome {
        let (outcome, depth, schedule) = state.withLock { state -> (SendOutcome, Int, Bool) in
            let outcome = state.queue.push(envelope)
            let schedule = !state.drainScheduled && outcome != .refusedQueueFull && outcome != .refusedTooLarge
            if schedule { state.drainScheduled = true }
            return (outcome, state.queue.count, schedule)
        }
        switch outcome {
        case .queuedDroppingOldest(let dropped): metrics.add(\.outboundDropped, UInt64(dropped))
        case .refusedQueueFull: metrics.add(\.outboundDropped)
        case .queued, .refusedTooLarge, .notConnected: break
        }
        metrics.noteQueueDepth(depth)
        if schedule { channel.eventLoop.execute { self.drain() } }
        return outcome
    }

    var queuedCount: Int { state.withLock { $0.queue.count } }

    /// Writes queued frames while the channel is writable. Runs on the channel's event loop;
    /// called again by `PeerChannelHandler` when the channel becomes writable.
    func drain() {
        channel.eventLoop.preconditionInEventLoop()
        var written: UInt64 = 0
        while channel.isWritable {
            let next = state.withLock { state -> Envelope? in
                let next = state.queue.popFirst()
                if next == nil { state.drainScheduled = false }
                return next
            }
            guard let envelope = next else { break }
            channel.write(envelope, promise: nil)
            written += 1
        }
        if written > 0 {
            metrics.add(\.framesSent, written)
            channel.flush()
        }
    }

    /// Removes and returns what is still queued (when another connection to the peer replaces this one).
    func takeQueued() -> [Envelope] {
        state.withLock { state in
            var frames: [Envelope] = []
            while let next = state.queue.popFirst() { frames.append(next) }
            return frames
        }
    }

    /// Drops what is still queued (on close).
    func discardQueued() {
        state.withLock { state in
            state.queue.removeAll()
            state.drainScheduled = false
        }
    }
}
