import NIOCore

/// What to do when a peer's outbound queue is full.
public enum OverflowPolicy: String, Sendable, Hashable {
    /// Drop the oldest queued frames to make room (gossip: the newest message matters most).
    case dropOldest = "drop-oldest"
    /// Refuse the new frame and keep the queue as it is.
    case refuseNew = "refuse-new"
}

/// The outcome of queueing one frame for a peer.
public enum SendOutcome: Sendable, Hashable {
    case queued
    /// Queued after dropping this many older frames.
    case queuedDroppingOldest(Int)
    /// The queue is full and the policy is refuse-new.
    case refusedQueueFull
    /// The envelope is larger than the maximum frame size.
    case refusedTooLarge
    /// No authenticated connection to that peer.
    case notConnected
}

/// A FIFO bounded both in frames and in bytes. Pure value; `PeerLink` guards it with a lock.
struct OutboundQueue {
    let framesMax: Int
    let bytesMax: Int
    let policy: OverflowPolicy
    private var frames = CircularBuffer<Envelope>()
    private(set) var byteCount = 0

    init(framesMax: Int, bytesMax: Int, policy: OverflowPolicy) {
        precondition(framesMax >= 1 && bytesMax >= 1, "queue bounds must be positive")
        self.framesMax = framesMax
        self.bytesMax = bytesMax
        self.policy = policy
    }

    var count: Int { frames.count }

    /// Queues `envelope` (whose payload is at most `bytesMax`, checked by the configuration).
    mutating func push(_ envelope: Envelope) -> SendOutcome {
        let size = envelope.payloadCount + FrameCodec.lengthFieldCount
        guard size <= bytesMax else { return .refusedTooLarge }
        var dropped = 0
        while frames.count >= framesMax || byteCount + size > bytesMax {
            guard policy == .dropOldest, popFirst() != nil else { return .refusedQueueFull }
            dropped += 1
        }
        frames.append(envelope)
        byteCount += size
        precondition(frames.count <= framesMax && byteCount <= bytesMax, "outbound queue over its bounds")
        return dropped == 0 ? .queued : .queuedDroppingOldest(dropped)
    }

    mutating func popFirst() -> Envelope? {
        guard let envelope = frames.popFirst() else { return nil }
        byteCount -= envelope.payloadCount + FrameCodec.lengthFieldCount
        return envelope
    }

    mutating func removeAll() {
        frames.removeAll()
        byteCount = 0
    }
}
