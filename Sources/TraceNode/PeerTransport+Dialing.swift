import NIOCore
import NIOPosix
import TraceCrypto

/// Dialling configured peers and redialling them with bounded backoff.
extension PeerTransport {
    /// Dials `address` now and keeps redialling it whenever no connection to its key is open.
    public func dial(_ address: PeerAddress) {
        let added = state.withLock { state -> Bool in
            guard !state.shuttingDown, state.dialers[address.key] == nil else { return false }
            state.dialers[address.key] = DialState(address: address)
            return true
        }
        if added { attemptDial(address.key) }
    }

    func attemptDial(_ key: PublicKey) {
        let address = state.withLock { state -> PeerAddress? in
            guard !state.shuttingDown, var dialer = state.dialers[key], !dialer.inFlight, state.links[key] == nil else {
                return nil
            }
            dialer.inFlight = true
            dialer.scheduled = nil
            state.dialers[key] = dialer
            return dialer.address
        }
        guard let address else { return }
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(configuration.handshakeTimeout)
            .channelInitializer { [self] channel in initializeOutbound(channel, expectedKey: key) }
        bootstrap.connect(host: address.host, port: address.port).whenComplete { [self] result in
            switch result {
            case .success(let channel): channel.closeFuture.whenComplete { [self] _ in dialEnded(key) }
            case .failure: dialEnded(key)
            }
        }
    }

    private func dialEnded(_ key: PublicKey) {
        state.withLock { state in
            guard var dialer = state.dialers[key] else { return }
            dialer.inFlight = false
            if state.links[key] == nil { dialer.failures += 1 }
            state.dialers[key] = dialer
        }
        scheduleRedial(key)
    }

    /// Schedules the next attempt for a dialled peer that has no connection and none pending.
    func scheduleRedial(_ key: PublicKey) {
        state.withLock { state in
            guard !state.shuttingDown, var dialer = state.dialers[key], !dialer.inFlight, dialer.scheduled == nil,
                  state.links[key] == nil else { return }
            let delay = configuration.reconnectBackoff.delay(attempt: max(dialer.failures - 1, 0))
            dialer.scheduled = group.next().scheduleTask(in: delay) { [self] in attemptDial(key) }
            state.dialers[key] = dialer
        }
    }
}
