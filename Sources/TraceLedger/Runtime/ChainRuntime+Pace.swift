import TraceConsensus
import TraceCrypto

/// The minimum interval between empty blocks (`ChainRuntimeSetup.blockIntervalMilliseconds`,
/// node.toml `block_interval_ms`): after a commit the next height starts
/// only once the interval has passed, so an idle chain does not produce
/// empty blocks as fast as the network allows. It starts at once when the
/// interval is 0, when a transaction waits in the mempool (waiting to fill
/// a block added up to the interval to every transaction's latency under
/// moderate load, issue 7), when the decision came by block sync, or when
/// the next height's proposal arrives (its proposer has decided to go). Consensus messages of the next height
/// that arrive in the meantime are held (bounded) and fed after the start.
extension ChainRuntime {
    /// Messages of the next height held while waiting, at most.
    static let heldMessagesMax = 1_024

    /// After a commit: starts the next height now, or arms the wake-up.
    func beginNextHeight() throws {
        let interval = setup.blockIntervalMilliseconds
        guard interval > 0, !catchingUp, !transactionsWait else {
            // A lone validator decides every height inside this call: start
            // the next one from a wake-up, so its owner's loop gets a turn
            // (HTTP, signals) between heights instead of never returning.
            if setup.validators.count == 1, !catchingUp {
                nextHeightAt = clock.now()
                clock.scheduleWake(afterMilliseconds: 0)
                return
            }
            pending.append((.startHeight(try heightStart()), nil))
            return
        }
        nextHeightAt = clock.now() + interval
        clock.scheduleWake(afterMilliseconds: interval)
    }

    /// Whether a transaction waits, so the next block would not be empty.
    var transactionsWait: Bool { mempool.count > 0 }

    /// Whether the runtime waits for the interval before the next height.
    public var isWaitingForInterval: Bool { nextHeightAt != nil }

    /// A wake-up scheduled through `clock` (or a tick): starts the next
    /// height once the interval has passed; a wake-up that comes early
    /// (timer and clock disagree by a millisecond) is armed again.
    public func wake() {
        guard let at = nextHeightAt else { return }
        let now = clock.now()
        guard now >= at else {
            clock.scheduleWake(afterMilliseconds: at - now)
            return
        }
        startWaitingHeight()
    }

    /// Starts the awaited height now, then feeds the messages held for it.
    func startWaitingHeight() {
        guard nextHeightAt != nil, failure == nil else { return }
        nextHeightAt = nil
        let held = heldMessages
        heldMessages = []
        do {
            pending.append((.startHeight(try heightStart()), nil))
        } catch {
            failure = error
            return
        }
        for event in held { pending.append((event, nil)) }
        enqueue(nil)
    }

    /// While waiting, a message of the next height is held (a proposal
    /// starts the height at once); true when the message was taken here.
    func holdIfWaiting(_ message: SignedMessage) -> Bool {
        guard nextHeightAt != nil, message.height.rawValue == store.appliedHeight + 1 else { return false }
        if heldMessages.count < Self.heldMessagesMax {
            switch message {
            case .proposal(let proposal): heldMessages.append(.proposal(proposal))
            case .vote(let vote): heldMessages.append(.vote(vote))
            }
        }
        if case .proposal = message { startWaitingHeight() }
        return true
    }
}
