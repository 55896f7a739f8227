import NIOCore
import TraceCrypto

/// One connection per peer identity, and the events the node sees.
extension PeerTransport {
    func makeLink(channel: any Channel, key: PublicKey, direction: ConnectionDirection) -> PeerLink {
        let queue = OutboundQueue(framesMax: configuration.outboundQueueFramesMax,
                                  bytesMax: configuration.outboundQueueBytesMax, policy: configuration.outboundOverflow)
        return PeerLink(channel: channel, key: key, direction: direction, localKey: localKey, queue: queue, metrics: metrics)
    }

    /// Registers an authenticated connection; `false` when it must close instead.
    /// Between two connections to the same peer, both nodes keep the one opened by the
    /// node with the smaller key (byte order); between two opened by the same node, the newer.
    func register(_ link: PeerLink) -> Bool {
        let (kept, replaced, isNewPeer) = state.withLock { state -> (Bool, PeerLink?, Bool) in
            guard !state.shuttingDown else { return (false, nil, false) }
            let existing = state.links[link.key]
            if let existing, existing.dialerKey != link.dialerKey,
               existing.dialerKey.rawBytes.lexicographicallyPrecedes(link.dialerKey.rawBytes) {
                return (false, nil, false)
            }
            state.links[link.key] = link
            state.dialers[link.key]?.failures = 0
            return (true, existing, existing == nil)
        }
        guard kept else { return false }
        metrics.add(\.connectionsAuthenticated)
        if let replaced {
            // Frames not yet written move to the kept connection, in order.
            for envelope in replaced.takeQueued() { _ = link.enqueue(envelope) }
            replaced.channel.close(promise: nil)
        }
        if isNewPeer { onEvent(.connected(link.key, link.direction)) }
        return true
    }

    /// Removes a closed connection; reports the peer gone when it was its registered connection.
    func unregister(_ link: PeerLink) {
        let removed = state.withLock { state -> Bool in
            guard let current = state.links[link.key], current === link else { return false }
            state.links[link.key] = nil
            return true
        }
        guard removed else { return }
        onEvent(.disconnected(link.key))
        scheduleRedial(link.key)
    }

    func deliver(_ envelope: Envelope, from key: PublicKey) {
        metrics.add(\.framesReceived)
        onEvent(.received(key, envelope))
    }

    func frameRefused(_ error: TransportError, from key: PublicKey) {
        metrics.add(\.framesRefused)
        onEvent(.frameRefused(key, error))
    }

    func handshakeRefused(_ direction: ConnectionDirection, _ error: TransportError) {
        metrics.add(\.handshakesRefused)
        onEvent(.handshakeRefused(direction, error))
    }

    /// Tracks a new channel for shutdown; `false` when shutting down (the channel is closed).
    func track(_ channel: any Channel) -> Bool {
        let id = ObjectIdentifier(channel)
        let accepted = state.withLock { state -> Bool in
            guard !state.shuttingDown else { return false }
            state.openChannels[id] = channel
            return true
        }
        if accepted {
            channel.closeFuture.whenComplete { [self] _ in state.withLock { _ = $0.openChannels.removeValue(forKey: id) } }
        }
        return accepted
    }

    /// Takes one of the `pendingInboundMax` handshake slots.
    func reservePendingInbound() -> Bool {
        state.withLock { state in
            guard state.pendingInbound < configuration.pendingInboundMax else { return false }
            state.pendingInbound += 1
            return true
        }
    }

    func releasePendingInbound() {
        state.withLock { state in
            precondition(state.pendingInbound > 0, "pending inbound count underflow")
            state.pendingInbound -= 1
        }
    }
}
