import TraceCrypto
import TraceConsensus

/// What travels between simulated nodes.
enum NetMessage: Hashable {
    case consensus(SignedMessage)
    case requestBlock(Height, BlockID)
    case requestDecision(Height)
    case decision(StoredDecision)
}

/// Everything that can happen at a simulated instant.
enum SimEvent: Hashable {
    case deliver(to: Int, from: Int, NetMessage)
    case timer(node: Int, incarnation: Int, Timeout)
    case tick(node: Int, incarnation: Int)
    case validated(node: Int, incarnation: Int, BlockID, Bool)
    case crash(node: Int, restartAfter: Int64)
    case armDiskCrash(node: Int, operations: Int)
    case restart(node: Int)
    case clockJump(node: Int, milliseconds: Int64)
    case submit(transaction: UInt64, node: Int?)
    case heal
    case livenessCheck(bound: Int64)
}

/// A min-heap of events by (time, insertion order): equal times keep their
/// order, so a run depends on the seed only.
struct EventQueue {
    private var heap: [(time: Int64, sequence: UInt64, event: SimEvent)] = []
    private var sequence: UInt64 = 0

    var isEmpty: Bool { heap.isEmpty }

    mutating func push(_ time: Int64, _ event: SimEvent) {
        heap.append((time, sequence, event))
        sequence += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(child, parent) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (time: Int64, event: SimEvent)? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, precedes(left, smallest) { smallest = left }
            if right < heap.count, precedes(right, smallest) { smallest = right }
            if smallest == parent { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return (top.time, top.event)
    }

    private func precedes(_ a: Int, _ b: Int) -> Bool {
        (heap[a].time, heap[a].sequence) < (heap[b].time, heap[b].sequence)
    }
}

/// Signature checks cached by (key, signature, message): every node checks
/// the same messages, and debug builds verify slowly.
final class CachingVerifier: SignatureVerifier, @unchecked Sendable {
    private struct Key: Hashable { let key: [UInt8]; let signature: [UInt8]; let message: [UInt8] }
    private var cache: [Key: Bool] = [:]
    private let direct = DirectVerifier()

    func isValid(_ signature: Signature, key: PublicKey, message: [UInt8]) -> Bool {
        let cacheKey = Key(key: key.rawBytes, signature: signature.rawBytes, message: message)
        if let known = cache[cacheKey] { return known }
        let valid = direct.isValid(signature, key: key, message: message)
        cache[cacheKey] = valid
        return valid
    }
}
