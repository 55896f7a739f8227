import Foundation
import TraceCrypto
@testable import TraceNode

struct WaitTimedOut: Error, CustomStringConvertible {
    let events: [TransportEvent]
    var description: String { "timed out; events so far: \(events)" }
}

/// Records a transport's events and lets a test wait for one, with a generous timeout as a guard
/// (the wait ends on the event itself, never on elapsed time).
final class EventLog: Sendable {
    typealias Predicate = @Sendable (TransportEvent) -> Bool
    /// Looks at all events so far and answers the awaited one, if it is there.
    typealias Condition = @Sendable ([TransportEvent]) -> TransportEvent?

    private struct Waiter {
        let condition: Condition
        let continuation: CheckedContinuation<TransportEvent, any Error>
    }

    private struct State {
        var events: [TransportEvent] = []
        var waiters: [UUID: Waiter] = [:]
        var expired: Set<UUID> = []
    }

    private let state = Locked(State())

    var all: [TransportEvent] { state.withLock { $0.events } }

    func record(_ event: TransportEvent) {
        let ready = state.withLock { state -> [(CheckedContinuation<TransportEvent, any Error>, TransportEvent)] in
            state.events.append(event)
            var ready: [(CheckedContinuation<TransportEvent, any Error>, TransportEvent)] = []
            for (id, waiter) in state.waiters {
                guard let found = waiter.condition(state.events) else { continue }
                state.waiters[id] = nil
                ready.append((waiter.continuation, found))
            }
            return ready
        }
        for (continuation, found) in ready { continuation.resume(returning: found) }
    }

    /// The first event (already recorded or still to come) that satisfies `predicate`.
    func first(timeout: Duration = .seconds(60), where predicate: @escaping Predicate) async throws -> TransportEvent {
        try await awaiting(timeout: timeout) { $0.first(where: predicate) }
    }

    /// The `count`-th event that satisfies `predicate`.
    func occurrence(_ count: Int, timeout: Duration = .seconds(60), where predicate: @escaping Predicate) async throws -> TransportEvent {
        try await awaiting(timeout: timeout) { events in
            let matching = events.filter(predicate)
            return matching.count >= count ? matching[count - 1] : nil
        }
    }

    private func awaiting(timeout: Duration, _ condition: @escaping Condition) async throws -> TransportEvent {
        let id = UUID()
        return try await withThrowingTaskGroup(of: TransportEvent.self) { group in
            group.addTask { try await self.wait(id, condition) }
            group.addTask {
                try await Task.sleep(for: timeout)
                self.expire(id)
                throw WaitTimedOut(events: self.all)
            }
            defer { group.cancelAll() }
            guard let event = try await group.next() else { throw WaitTimedOut(events: all) }
            return event
        }
    }

    private func wait(_ id: UUID, _ condition: @escaping Condition) async throws -> TransportEvent {
        try await withCheckedThrowingContinuation { continuation in
            let outcome = state.withLock { state -> Result<TransportEvent, WaitTimedOut>? in
                if state.expired.remove(id) != nil { return .failure(WaitTimedOut(events: state.events)) }
                if let event = condition(state.events) { return .success(event) }
                state.waiters[id] = Waiter(condition: condition, continuation: continuation)
                return nil
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }

    private func expire(_ id: UUID) {
        let waiter = state.withLock { state -> Waiter? in
            guard let waiter = state.waiters.removeValue(forKey: id) else {
                state.expired.insert(id)
                return nil
            }
            return waiter
        }
        waiter?.continuation.resume(throwing: WaitTimedOut(events: all))
    }

    func received(from key: PublicKey) -> [Envelope] {
        all.compactMap { event in
            if case .received(key, let envelope) = event { return envelope }
            return nil
        }
    }
}

extension TransportEvent {
    var isConnected: Bool { if case .connected = self { return true }; return false }
    var isReceived: Bool { if case .received = self { return true }; return false }
    var isHandshakeRefused: Bool { if case .handshakeRefused = self { return true }; return false }
}

